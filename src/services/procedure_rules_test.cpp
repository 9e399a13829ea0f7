#include "services/procedure_rules.hpp"

#include <gtest/gtest.h>

#include <filesystem>

#include "services/procedure_pack.hpp"

namespace sen::services {
namespace {

using std::chrono::year_month_day;

year_month_day day(const char* text) { return *parse_day(text); }

ChannelRule rule(std::string province, const char* from, const char* until) {
  ChannelRule r;
  r.province = std::move(province);
  if (from != nullptr) r.effective_from = day(from);
  if (until != nullptr) r.effective_until = day(until);
  r.source = "test";
  return r;
}

Channel identity_card_channel() {
  Channel c{"direct", {"working_days", 7, 15}, 50000, "full rate", {}};
  auto half = rule("", "2025-07-01", "2026-12-31");
  half.fee_vnd = 25000;
  half.fee_note = "half rate";
  c.rules.push_back(half);
  return c;
}

TEST(ProcedureRules, AFeeReductionHoldsOnlyWhileInForce) {
  const Channel c = identity_card_channel();
  EXPECT_EQ(terms_in_force(c, day("2025-06-30"), "01").fee_vnd, 50000);
  EXPECT_EQ(terms_in_force(c, day("2025-07-01"), "01").fee_vnd, 25000);
  EXPECT_EQ(terms_in_force(c, day("2026-12-31"), "01").fee_note, "half rate");
  const auto after = terms_in_force(c, day("2027-01-01"), "01");
  EXPECT_EQ(after.fee_vnd, 50000);
  EXPECT_EQ(after.fee_note, "full rate");
  EXPECT_EQ(after.time_limit, (TimeLimit{"working_days", 7, 15})) << "a fee rule leaves the time limit alone";
}

TEST(ProcedureRules, ANewTimeLimitAppliesFromItsDateAndTheLatestWins) {
  Channel c{"online", {"calendar_days", 15, 15}, 75000, "", {}};
  auto seven = rule("", "2026-07-01", nullptr);
  seven.time_limit = TimeLimit{"working_days", 7, 15};
  auto five = rule("", "2030-01-01", nullptr);
  five.time_limit = TimeLimit{"working_days", 5, 15};
  c.rules = {five, seven};  // list order does not decide between dated rules
  EXPECT_EQ(terms_in_force(c, day("2026-06-30"), "").time_limit, (TimeLimit{"calendar_days", 15, 15}));
  EXPECT_EQ(terms_in_force(c, day("2026-07-01"), "").time_limit, (TimeLimit{"working_days", 7, 15}));
  EXPECT_EQ(terms_in_force(c, day("2030-01-01"), "").time_limit, (TimeLimit{"working_days", 5, 15}));
  EXPECT_EQ(terms_in_force(c, day("2030-01-01"), "").fee_vnd, 75000);
}

TEST(ProcedureRules, AProvinceRuleWinsInItsProvinceOnly) {
  Channel c = identity_card_channel();
  auto waived = rule("31", "2026-08-08", nullptr);
  waived.fee_vnd = 0;
  c.rules.push_back(waived);
  EXPECT_EQ(terms_in_force(c, day("2026-08-07"), "31").fee_vnd, 25000);
  EXPECT_EQ(terms_in_force(c, day("2026-08-08"), "31").fee_vnd, 0);
  EXPECT_EQ(terms_in_force(c, day("2026-08-08"), "31").fee_note, "full rate")
      << "no note: the channel's stays";
  EXPECT_EQ(terms_in_force(c, day("2026-08-08"), "01").fee_vnd, 25000);
  EXPECT_EQ(terms_in_force(c, day("2026-08-08"), "").fee_vnd, 25000);
  // An older province rule still beats a newer national one.
  auto national = rule("", "2026-09-01", nullptr);
  national.fee_vnd = 1000;
  c.rules.push_back(national);
  EXPECT_EQ(terms_in_force(c, day("2026-10-01"), "31").fee_vnd, 0);
  EXPECT_EQ(terms_in_force(c, day("2026-10-01"), "01").fee_vnd, 1000);
}

TEST(ProcedureRules, AnUnknownFeeStaysUnknownOutsideTheProvincesThatSetIt) {
  Channel c{"online", {"working_days", 3, 15}, std::nullopt, "set by each province", {}};
  auto hai_phong = rule("31", "2026-08-08", "2031-12-31");
  hai_phong.fee_vnd = 0;
  c.rules.push_back(hai_phong);
  EXPECT_FALSE(terms_in_force(c, day("2026-12-02"), "01").fee_vnd);
  EXPECT_FALSE(terms_in_force(c, day("2026-08-07"), "31").fee_vnd);
  EXPECT_EQ(terms_in_force(c, day("2026-12-02"), "31").fee_vnd, 0);
  EXPECT_FALSE(terms_in_force(c, day("2032-01-01"), "31").fee_vnd);
}

TEST(ProcedureRules, RoutingTakesTheProvinceOverrideOrTheKind) {
  Procedure p;
  p.handled_by = {"people_committee", {{"31", "public_service_center"}}};
  EXPECT_EQ(agency_kind_for(p, "01"), "people_committee");
  EXPECT_EQ(agency_kind_for(p, "31"), "public_service_center");
  EXPECT_EQ(agency_kind_for(p, ""), "people_committee");
}

TEST(ProcedureRules, RoutingToAKindNoAgencyHasIsRefusedNamingTheFile) {
  Procedure p;
  p.code = "1.004222";
  p.handled_by = {"commune_police", {{"31", "public_service_center"}}};
  const std::vector<places::Agency> agencies{{"CAX-00004", "Công an", "commune_police", "00004"}};
  auto missing_override = check_routing({p}, agencies);
  ASSERT_FALSE(missing_override);
  EXPECT_EQ(missing_override.error().message,
            "1.004222.json: handled_by.overrides[0].kind: no agency of kind \"public_service_center\" in the "
            "agencies pack");
  p.handled_by.overrides.clear();
  EXPECT_TRUE(check_routing({p}, agencies));
  p.handled_by.kind = "comune_police";
  EXPECT_EQ(check_routing({p}, agencies).error().field, "handled_by.kind");
}

TEST(ProcedureRules, DaysParseStrictly) {
  EXPECT_EQ(format_day(day("2026-07-01")), "2026-07-01");
  for (const char* bad : {"2026-7-01", "2026-02-29", "2026/07/01", "20260701", "2026-07-01x", ""}) {
    EXPECT_FALSE(parse_day(bad)) << bad;
  }
}

// The facts the pack encodes, as dated rules: what holds on a given day.
class ShippedRules : public ::testing::Test {
 protected:
  static const Procedure& get(const std::string& code) {
    static const auto all =
        load_procedure_directory(std::filesystem::path(SEN_SOURCE_DIR) / "packs/vn/procedures");
    EXPECT_TRUE(all) << all.error().message;
    for (const auto& p : *all) {
      if (p.code == code) return p;
    }
    throw std::runtime_error("no procedure " + code);
  }
  static ChannelTerms terms(const std::string& code, const char* channel, const char* on,
                            const char* province) {
    return terms_in_force(*get(code).channel(channel), day(on), province);
  }
};

TEST_F(ShippedRules, BuildingPermitTakesSevenWorkingDaysFromJuly2026) {
  EXPECT_EQ(terms("1.009994", "direct", "2026-06-30", "01").time_limit, (TimeLimit{"calendar_days", 15, 15}));
  EXPECT_EQ(terms("1.009994", "direct", "2026-07-01", "01").time_limit, (TimeLimit{"working_days", 7, 15}));
  EXPECT_EQ(terms("1.009994", "online", "2026-12-02", "31").time_limit, (TimeLimit{"working_days", 7, 15}));
}

TEST_F(ShippedRules, HaiPhongWaivesOnlineFeesFromAugust2026) {
  for (const char* code : {"1.009994", "1.004884", "1.004873"}) {
    EXPECT_EQ(terms(code, "online", "2026-08-07", "31").fee_vnd, get(code).channel("online")->fee_vnd)
        << code;
    EXPECT_EQ(terms(code, "online", "2026-08-08", "31").fee_vnd, 0) << code;
    EXPECT_GT(*terms(code, "direct", "2026-08-08", "31").fee_vnd, 0) << code << ": only online is waived";
    EXPECT_GT(*terms(code, "online", "2026-08-08", "01").fee_vnd, 0) << code << ": only in Hải Phòng";
  }
}

TEST_F(ShippedRules, IdentityCardFeesAreHalvedUntilTheEndOf2026) {
  EXPECT_EQ(terms("2.001195", "direct", "2026-12-31", "01").fee_vnd, 25000);
  EXPECT_EQ(terms("2.001195", "direct", "2027-01-01", "01").fee_vnd, 50000);
  EXPECT_EQ(terms("2.001194", "online", "2026-12-31", "79").fee_vnd, 35000);
  EXPECT_EQ(terms("2.001194", "online", "2027-01-01", "79").fee_vnd, 70000);
}

TEST_F(ShippedRules, BusinessHouseholdFeeIsKnownOnlyWhereSourced) {
  EXPECT_FALSE(terms("1.001612", "online", "2026-12-02", "01").fee_vnd) << "no invented common rate";
  EXPECT_EQ(terms("1.001612", "online", "2026-12-02", "31").fee_vnd, 0);
}

TEST_F(ShippedRules, ProceduresNameTheAgencyKindThatHandlesThem) {
  EXPECT_EQ(agency_kind_for(get("1.004222"), "01"), "commune_police");
  EXPECT_EQ(agency_kind_for(get("1.004194"), "01"), "commune_police");
  EXPECT_EQ(agency_kind_for(get("1.001456"), "01"), "immigration_office");
  EXPECT_EQ(agency_kind_for(get("2.001195"), "01"), "administrative_police");
  EXPECT_EQ(agency_kind_for(get("1.001193"), "01"), "people_committee");
}

}  // namespace
}  // namespace sen::services
