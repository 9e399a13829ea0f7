#include "services/form_rules.hpp"

#include <gtest/gtest.h>

#include <boost/json.hpp>

namespace sen::services {
namespace {

namespace json = boost::json;
using std::chrono::day;
using std::chrono::month;
using std::chrono::year;
using std::chrono::year_month_day;

const year_month_day kToday{year(2026), month(12), day(2)};

std::vector<FormRule> parse(std::string_view rules_json) {
  const auto procedure = json::parse(std::string(R"({"form_rules": )") + std::string(rules_json) + "}");
  const auto schema = json::parse(
      R"({"type": "object", "properties": {"a_birth": {}, "b_birth": {}, "a_id": {}, "b_id": {}, "death": {}}})");
  auto rules = parse_form_rules(JsonReader("test.json"), procedure.as_object(), schema);
  EXPECT_TRUE(rules) << (rules ? "" : rules.error().message);
  return rules ? *rules : std::vector<FormRule>{};
}

Status check(const std::vector<FormRule>& rules, std::string_view form, std::string_view applicant = "") {
  return check_form_rules(rules, json::parse(form).as_object(), kToday, applicant);
}

TEST(FormRules, MarriageAgesAreCountedOnTheDayOfSubmission) {
  const auto rules = parse(R"([{"kind": "min_age", "fields": ["a_birth"], "years": 18},
                               {"kind": "min_age", "fields": ["b_birth"], "years": 20}])");
  EXPECT_TRUE(check(rules, R"({"a_birth": "2008-12-02", "b_birth": "2006-12-02"})"));
  auto young = check(rules, R"({"a_birth": "2008-12-03", "b_birth": "2006-12-02"})");
  ASSERT_FALSE(young);
  EXPECT_EQ(young.error().field, "form.a_birth");
  auto born_this_year = check(rules, R"({"a_birth": "2000-01-01", "b_birth": "2026-01-01"})");
  ASSERT_FALSE(born_this_year);
  EXPECT_EQ(born_this_year.error().field, "form.b_birth");
}

TEST(FormRules, TwoPeopleAreNotOneAndTheApplicantIsOneOfThem) {
  const auto rules = parse(R"([{"kind": "different", "fields": ["a_id", "b_id"]},
                               {"kind": "applicant_among", "fields": ["a_id", "b_id"]}])");
  auto same = check(rules, R"({"a_id": "001099012345", "b_id": "001099012345"})", "001099012345");
  ASSERT_FALSE(same);
  EXPECT_EQ(same.error().field, "form.b_id");
  auto stranger = check(rules, R"({"a_id": "001099012345", "b_id": "001099012346"})", "079088001122");
  ASSERT_FALSE(stranger);
  EXPECT_EQ(stranger.error().field, "form.a_id");
  EXPECT_TRUE(check(rules, R"({"a_id": "001099012345", "b_id": "001099012346"})", "001099012346"));
}

TEST(FormRules, DeathIsNeitherBeforeBirthNorInTheFuture) {
  const auto rules = parse(R"([{"kind": "not_before", "fields": ["death", "a_birth"]},
                               {"kind": "not_in_future", "fields": ["death"]}])");
  EXPECT_FALSE(check(rules, R"({"death": "1999-12-31", "a_birth": "2000-01-01"})"));
  EXPECT_FALSE(check(rules, R"({"death": "2026-12-03", "a_birth": "2000-01-01"})"));
  EXPECT_TRUE(check(rules, R"({"death": "2026-12-02", "a_birth": "2000-01-01"})"));
}

TEST(FormRules, ADraftWithoutTheFieldsYetPasses) {
  const auto rules = parse(R"([{"kind": "different", "fields": ["a_id", "b_id"]}])");
  EXPECT_TRUE(check(rules, R"({"a_id": "001099012345"})"));
}

TEST(FormRules, RefusesRulesOverUnknownFieldsOrKinds) {
  const auto schema = json::parse(R"({"properties": {"a": {}}})");
  const JsonReader r("p.json");
  EXPECT_FALSE(parse_form_rules(
      r, json::parse(R"({"form_rules": [{"kind": "different", "fields": ["a", "zz"]}]})").as_object(),
      schema));
  EXPECT_FALSE(parse_form_rules(
      r, json::parse(R"({"form_rules": [{"kind": "maybe", "fields": ["a"]}]})").as_object(), schema));
  EXPECT_FALSE(parse_form_rules(
      r, json::parse(R"({"form_rules": [{"kind": "min_age", "fields": ["a"]}]})").as_object(), schema));
}

}  // namespace
}  // namespace sen::services
