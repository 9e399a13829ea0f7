#include "assessment/framework_file.hpp"

#include <gtest/gtest.h>

#include <boost/json.hpp>
#include <string>

namespace sen::assessment {
namespace {

namespace json = boost::json;

std::filesystem::path pack_dir() { return std::filesystem::path(SEN_SOURCE_DIR) / "packs/vn/frameworks"; }

// A minimal valid framework that each test breaks in one place.
constexpr std::string_view kBase = R"({
  "code": "t", "version": 1, "name": {"vi": "T", "en": "T"}, "notes": {"vi": "T", "en": "T"},
  "issuer": "T", "sources": ["x"], "subject_type": "province", "scale": {"max": 100}, "aggregate": "sum",
  "nodes": [
    {"id": "a", "kind": "pillar", "name": {"vi": "A", "en": "A"}, "aggregate": "weighted_mean", "max_points": 60,
     "items": [
       {"id": "a1", "kind": "numeric", "text": {"vi": "1", "en": "1"}, "source": "self_report", "weight": 0.5,
        "thresholds": [{"at_least": 0, "score": 0}, {"at_least": 1, "score": 1}]},
       {"id": "a2", "kind": "numeric", "text": {"vi": "2", "en": "2"}, "source": "assessor", "weight": 0.5,
        "thresholds": [{"at_least": 1, "score": 1}]}]},
    {"id": "b", "kind": "pillar", "name": {"vi": "B", "en": "B"}, "aggregate": "min", "max_points": 40,
     "items": [{"id": "b1", "kind": "single_choice", "text": {"vi": "1", "en": "1"}, "source": "self_report",
        "options": [{"id": "x", "label": {"vi": "X", "en": "X"}, "score": 0},
                    {"id": "y", "label": {"vi": "Y", "en": "Y"}, "score": 1}]}]}],
  "views": [{"id": "v", "name": {"vi": "V", "en": "V"}, "nodes": ["a", "b"]}],
  "pillars": "views",
  "levels": {"bands": [{"id": "low", "name": {"vi": "Thấp", "en": "Low"}, "from": 0, "to": 40},
                       {"id": "high", "name": {"vi": "Cao", "en": "High"}, "from": 40, "to": 100}],
             "gates": [{"id": "g", "name": {"vi": "G", "en": "G"}, "node": "b", "min_percent": 50, "cap": "low"}]},
  "recommendations": [{"id": "r", "node": "v", "below_percent": 50, "text": {"vi": "R", "en": "R"}}]
})";

std::string broken(std::string_view from, std::string_view to) {
  std::string text(kBase);
  const auto at = text.find(from);
  EXPECT_NE(at, std::string::npos) << from;
  if (at != std::string::npos) text.replace(at, from.size(), to);
  return text;
}

Error error_of(const std::string& text) {
  auto f = parse_framework(text, "t@1.json");
  EXPECT_FALSE(f.has_value());
  return f ? Error{} : f.error();
}

TEST(FrameworkFile, ReadsTheBaseAndWritesItBackUnchanged) {
  auto f = parse_framework(kBase, "t@1.json");
  ASSERT_TRUE(f.has_value()) << f.error().message;
  EXPECT_EQ(f->nodes.size(), 2u);
  EXPECT_TRUE(f->pillars_are_views);
  const json::object once = framework_to_json(*f);
  auto again = parse_framework(json::serialize(once), "again");
  ASSERT_TRUE(again.has_value()) << again.error().message;
  EXPECT_EQ(json::serialize(framework_to_json(*again)), json::serialize(once));
}

TEST(FrameworkFile, PointsThatDoNotAddUpAreNamed) {
  const auto e = error_of(broken(R"("max_points": 40,)", R"("max_points": 30,)"));
  EXPECT_EQ(e.field, "nodes");
  EXPECT_NE(e.message.find("add up to 90"), std::string::npos) << e.message;
}

TEST(FrameworkFile, WeightsThatDoNotSumToOneAreNamed) {
  const auto e =
      error_of(broken(R"("source": "assessor", "weight": 0.5)", R"("source": "assessor", "weight": 0.4)"));
  EXPECT_EQ(e.field, "nodes[0]");
  EXPECT_NE(e.message.find("weights of the children add up to 0.9"), std::string::npos) << e.message;
}

TEST(FrameworkFile, UnknownNodesInViewsGatesAndRecommendationsAreNamed) {
  EXPECT_EQ(error_of(broken(R"("nodes": ["a", "b"])", R"("nodes": ["a", "c"])")).field, "views[0].nodes[1]");
  EXPECT_EQ(error_of(broken(R"("node": "b", "min_percent")", R"("node": "zz", "min_percent")")).field,
            "levels.gates[0].node");
  EXPECT_EQ(error_of(broken(R"("node": "v", "below_percent")", R"("node": "q", "below_percent")")).field,
            "recommendations[0].node");
}

TEST(FrameworkFile, OverlappingOrGappedBandsAreRefused) {
  const auto overlap = error_of(broken(R"("from": 40, "to": 100)", R"("from": 30, "to": 100)"));
  EXPECT_EQ(overlap.field, "levels.bands[1].from");
  EXPECT_NE(overlap.message.find("overlaps"), std::string::npos);
  const auto gap = error_of(broken(R"("from": 40, "to": 100)", R"("from": 45, "to": 100)"));
  EXPECT_NE(gap.message.find("gap"), std::string::npos);
  const auto short_top = error_of(broken(R"("from": 40, "to": 100)", R"("from": 40, "to": 90)"));
  EXPECT_EQ(short_top.field, "levels.bands[1].to");
}

TEST(FrameworkFile, StrictAboutFieldsAndIds) {
  EXPECT_EQ(error_of(broken(R"("issuer": "T",)", R"("issuer": "T", "colour": "red",)")).field, "colour");
  EXPECT_EQ(error_of(broken(R"({"id": "b1")", R"({"id": "a1")")).field, "nodes[1].items[0].id");
  EXPECT_EQ(
      error_of(broken(R"("kind": "numeric", "text": {"vi": "2")", R"("kind": "numerik", "text": {"vi": "2")"))
          .field,
      "nodes[0].items[1].kind");
}

TEST(FrameworkFile, ShippedPacksLoad) {
  auto all = load_framework_directory(pack_dir());
  ASSERT_TRUE(all.has_value()) << all.error().message;
  std::vector<std::string> codes;
  for (const auto& f : *all) codes.push_back(f.code);
  for (const char* code : {"dbi-sme", "dbi-large", "dti-province", "psi-766"})
    EXPECT_NE(std::find(codes.begin(), codes.end(), code), codes.end()) << code;
  for (const auto& f : *all) {
    if (f.code == "dbi-sme") {
      ASSERT_TRUE(f.levels);
      ASSERT_EQ(f.levels->bands.size(), 4u);
      EXPECT_EQ(f.levels->bands[0].id, "starting");
      EXPECT_EQ(f.levels->bands[3].id, "elite");
      for (const char* industry : {"manufacturing", "retail", "agriculture", "logistics", "tourism"})
        EXPECT_NE(f.catalogue(industry), nullptr) << industry;
    }
    if (f.code == "dti-province") {
      EXPECT_EQ(f.scale_max, 1000);
      EXPECT_EQ(f.views.size(), 3u);
      EXPECT_TRUE(f.pillars_are_views);
    }
    if (f.code == "psi-766") {
      EXPECT_EQ(f.scale_max, 100);
      EXPECT_EQ(f.nodes.size(), 5u);
      for (const Item* it : f.all_items()) EXPECT_EQ(it->kind, ItemKind::kComputed) << it->id;
    }
    if (f.code == "dbi-large") {
      EXPECT_EQ(f.nodes.size(), 6u);
    }
  }
}

}  // namespace
}  // namespace sen::assessment
