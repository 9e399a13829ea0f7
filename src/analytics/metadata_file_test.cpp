#include "analytics/metadata_file.hpp"

#include <gtest/gtest.h>

namespace sen::analytics {
namespace {

PlaceTree small_tree() {
  return *PlaceTree::build({{"01", "Hà Nội", "province", "thanh_pho_truc_thuoc_trung_uong", "VN", {}},
                            {"00004", "Ba Đình", "commune", "phuong", "01", {}}});
}

const std::string kElements = R"("data_elements": [
  {"id": "dossiers_received", "source": "dossier_events", "name": {"vi": "a", "en": "a"},
   "definition": {"vi": "a", "en": "a"}, "unit": "count", "dimensions": ["channel"]},
  {"id": "dossiers_received_online", "source": "dossier_events", "name": {"vi": "b", "en": "b"},
   "definition": {"vi": "b", "en": "b"}, "unit": "count"}])";

Result<Metadata> read(const std::string& rest) {
  return read_metadata("{" + kElements + "," + rest + "}", "indicators.json", small_tree());
}

TEST(MetadataFile, ReadsTheShippedPack) {
  PlaceTree tree = *PlaceTree::build({{"01", "Hà Nội", "province", "tinh", "VN", {}}});
  auto m = load_metadata(std::filesystem::path(SEN_SOURCE_DIR) / "packs/vn/analytics/indicators.json", tree);
  ASSERT_TRUE(m) << m.error().message;
  for (const char* id : {"dossiers_received", "online_dossier_rate", "on_time_rate", "online_payment_rate",
                         "digitised_result_rate", "satisfaction_rate", "enterprises_at_level"})
    EXPECT_NE(m->indicator(id), nullptr) << id;
  const Indicator* levels = m->indicator("enterprises_at_level");
  EXPECT_NE(std::find(levels->dimensions.begin(), levels->dimensions.end(), Dimension::kLevel),
            levels->dimensions.end());
  EXPECT_FALSE(m->targets.empty());
  EXPECT_FALSE(m->rules.empty());
}

TEST(MetadataFile, ReadsAnIndicatorExpression) {
  auto m =
      read(R"("indicators": [{"id": "r", "name": {"vi": "r", "en": "r"}, "definition": {"vi": "r", "en": "r"},
    "numerator": "dossiers_received_online", "denominator": "dossiers_received", "factor": 100, "unit": "percent"}],
    "targets": [], "alert_rules": [])");
  ASSERT_TRUE(m) << m.error().message;
  EXPECT_EQ(m->indicators[0].factor, 100);
  // A breakdown only every element allows.
  EXPECT_TRUE(m->indicators[0].dimensions.empty());
}

TEST(MetadataFile, RefusesWhatDoesNotHoldNamingTheField) {
  struct Case {
    std::string rest, field;
  };
  const std::vector<Case> cases = {
      {R"("indicators": [{"id": "r", "name": {"vi": "r", "en": "r"}, "definition": {"vi": "r", "en": "r"},
         "numerator": "nope", "unit": "count"}], "targets": [], "alert_rules": [])",
       "indicators[0].numerator"},
      {R"("indicators": [{"id": "r", "name": {"vi": "r", "en": "r"}, "definition": {"vi": "r", "en": "r"},
         "numerator": "dossiers_received_online{channel=online}", "unit": "count"}], "targets": [], "alert_rules": [])",
       "indicators[0].numerator"},
      {R"("indicators": [{"id": "r", "name": {"vi": "r", "en": "r"}, "definition": {"vi": "r", "en": "r"},
         "numerator": "dossiers_received", "unit": "count", "colour": "red"}], "targets": [], "alert_rules": [])",
       "indicators[0].colour"},
      {R"("indicators": [{"id": "r", "name": {"vi": "r", "en": "r"}, "definition": {"vi": "r", "en": "r"},
         "numerator": "dossiers_received", "unit": "count"}],
         "targets": [{"indicator": "r", "place": "00004", "baseline": {"period": "2024", "value": 1},
                      "target": {"period": "2030", "value": 2}}], "alert_rules": [])",
       "targets[0].place"},
      {R"("indicators": [{"id": "r", "name": {"vi": "r", "en": "r"}, "definition": {"vi": "r", "en": "r"},
         "numerator": "dossiers_received", "unit": "count"}],
         "targets": [{"indicator": "r", "place": "VN", "baseline": {"period": "2030", "value": 1},
                      "target": {"period": "2025", "value": 2}}], "alert_rules": [])",
       "targets[0].target"},
      {R"("indicators": [], "targets": [], "alert_rules": [{"id": "a", "name": {"vi": "a", "en": "a"},
         "kind": "threshold", "indicator": "missing", "level": "province", "severity": "warning", "op": "<", "value": 1}])",
       "alert_rules[0].indicator"},
      {R"("indicators": [{"id": "r", "name": {"vi": "r", "en": "r"}, "definition": {"vi": "r", "en": "r"},
         "numerator": "dossiers_received", "unit": "count"}], "targets": [], "alert_rules": [{"id": "a",
         "name": {"vi": "a", "en": "a"}, "kind": "threshold", "indicator": "r", "level": "province",
         "severity": "warning", "op": "!=", "value": 1}])",
       "alert_rules[0].op"},
  };
  for (const auto& c : cases) {
    auto m = read(c.rest);
    ASSERT_FALSE(m) << c.field;
    EXPECT_EQ(m.error().field, c.field) << m.error().message;
  }
  auto unknown_event = read_metadata(R"({"data_elements": [{"id": "made_up", "source": "dossier_events",
    "name": {"vi": "a", "en": "a"}, "definition": {"vi": "a", "en": "a"}, "unit": "count"}],
    "indicators": [], "targets": [], "alert_rules": []})",
                                     "x.json", small_tree());
  ASSERT_FALSE(unknown_event);
  EXPECT_EQ(unknown_event.error().field, "data_elements[0].id");
}

TEST(Expression, ParsesTermsAndPrintsThemBack) {
  auto t = parse_expression("a + b{level=elite} - c", "numerator");
  ASSERT_TRUE(t);
  ASSERT_EQ(t->size(), 3u);
  EXPECT_EQ((*t)[2].sign, -1);
  EXPECT_EQ((*t)[1].value, "elite");
  EXPECT_EQ(expression_text(*t), "a + b{level=elite} - c");
  for (const char* bad : {"", "a +", "a * b", "a{level}", "a{colour=red}", "A"})
    EXPECT_FALSE(parse_expression(bad, "numerator")) << bad;
}

}  // namespace
}  // namespace sen::analytics
