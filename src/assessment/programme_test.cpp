#include "assessment/programme.hpp"

#include <gtest/gtest.h>

#include <boost/json.hpp>
#include <fstream>
#include <sstream>

#include "assessment/framework_file.hpp"
#include "assessment/scoring.hpp"
#include "services/procedure_pack.hpp"

namespace sen::assessment {
namespace {

namespace json = boost::json;

const std::filesystem::path kPack = std::filesystem::path(SEN_SOURCE_DIR) / "packs/vn";

FrameworkRegistry shipped() {
  auto all = load_framework_directory(kPack / "frameworks");
  EXPECT_TRUE(all.has_value()) << (all ? "" : all.error().message);
  return FrameworkRegistry(all ? std::move(*all) : std::vector<Framework>{});
}

// The solution and support procedures name industries and tool categories in words; each word must be
// the programme's, or an approved solution could not be matched to a recommendation.
TEST(Programme, ShippedFileLoadsAndItsProceduresUseItsWords) {
  const auto frameworks = shipped();
  auto programme = load_programme(kPack / "dx-programme.json", frameworks);
  ASSERT_TRUE(programme.has_value()) << programme.error().message;
  ASSERT_NE(programme->rule_for("small"), nullptr);
  EXPECT_DOUBLE_EQ(programme->rule_for("small")->share, 0.5);
  EXPECT_EQ(programme->rule_for("large"), nullptr);
  EXPECT_EQ(programme->targets.at("elite"), 20000);

  auto procedures = services::load_procedure_directory(kPack / "procedures");
  ASSERT_TRUE(procedures.has_value()) << procedures.error().message;
  const services::Procedure* solution = nullptr;
  for (const auto& p : *procedures)
    if (p.code == programme->solution_procedure) solution = &p;
  ASSERT_NE(solution, nullptr);
  const auto& properties = solution->form_schema.at("properties").as_object();
  const auto& industries = properties.at("industry").at("enum").as_array();
  const auto& categories = properties.at("category").at("enum").as_array();
  EXPECT_EQ(industries.size(), programme->industries.size());
  EXPECT_EQ(categories.size(), programme->categories.size());
  for (const auto& v : industries) EXPECT_TRUE(programme->industry_named(std::string(v.as_string()))) << v;
  for (const auto& v : categories) EXPECT_TRUE(programme->category_named(std::string(v.as_string()))) << v;
  bool support_found = false;
  for (const auto& p : *procedures) support_found = support_found || p.code == programme->support_procedure;
  EXPECT_TRUE(support_found);
}

TEST(Programme, RefusesTargetsOfAnUnknownLevel) {
  const auto frameworks = shipped();
  const auto dir = std::filesystem::temp_directory_path() / "sen-programme-test";
  std::filesystem::create_directories(dir);
  std::ifstream in(kPack / "dx-programme.json");
  std::stringstream text;
  text << in.rdbuf();
  json::object o = json::parse(text.str()).as_object();
  o["targets_2030"].as_object()["levels"].as_object()["legendary"] = 1;
  std::ofstream(dir / "dx-programme.json") << json::serialize(o);
  auto programme = load_programme(dir / "dx-programme.json", frameworks);
  ASSERT_FALSE(programme.has_value());
  EXPECT_EQ(programme.error().field, "targets_2030.levels.legendary");
  std::filesystem::remove_all(dir);
}

// The provincial DTI's foundation indices count in all three pillar views; smart city (0 points)
// adds nothing. With every answer at its best and the computed items at their targets, each view
// is whole and the index is 1,000.
TEST(Programme, DtiViewsReuseTheFoundationIndices) {
  const auto frameworks = shipped();
  const Framework* dti = frameworks.latest("dti-province");
  ASSERT_NE(dti, nullptr);
  Answers best;
  for (const Item* it : dti->all_items()) {
    switch (it->kind) {
      case ItemKind::kSingleChoice:
        best[it->id] = it->options.back().id;
        break;
      case ItemKind::kNumeric:
        best[it->id] = it->max.value_or(100);
        break;
      default:
        break;
    }
  }
  const PlatformData data{{Metric::kOnlineRate, 0.6}, {Metric::kOnlinePaymentRate, 0.5}};
  const auto s = score(*dti, best, {}, data);
  EXPECT_DOUBLE_EQ(s.score, 1000);
  ASSERT_EQ(s.pillars.size(), 3u);
  EXPECT_EQ(s.pillars[0].id, "government");
  EXPECT_DOUBLE_EQ(s.pillars[0].max_points, 700);
  EXPECT_DOUBLE_EQ(s.pillars[1].max_points, 650);
  EXPECT_DOUBLE_EQ(s.pillars[2].max_points, 650);
  for (const auto& p : s.pillars) EXPECT_DOUBLE_EQ(*p.fraction, 1.0) << p.id;
  // Without dossier data the two computed items drop out and the rest is re-weighted.
  const auto without = score(*dti, best, {}, {});
  EXPECT_DOUBLE_EQ(without.score, 1000);
  EXPECT_FALSE(without.items.at("ga_online").has_value());
}

}  // namespace
}  // namespace sen::assessment
