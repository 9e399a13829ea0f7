#include "analytics/engine.hpp"

#include <gtest/gtest.h>

#include <algorithm>

#include "analytics/metadata_file.hpp"
#include "analytics/query.hpp"
#include "storage/migrations.hpp"
#include "storage/testing/test_database.hpp"

namespace sen::analytics {
namespace {

using services::DossierAction;
using services::EventRow;

// Two provinces; 01 with two communes, 02 with one.
std::vector<places::Place> places_list() {
  return {{"01", "Hà Nội", "province", "thanh_pho_truc_thuoc_trung_uong", "VN", {}},
          {"02", "Tỉnh Hai", "province", "tinh", "VN", {}},
          {"00004", "Ba Đình", "commune", "phuong", "01", {}},
          {"00007", "Ngọc Hà", "commune", "phuong", "01", {}},
          {"00100", "Xã Một", "commune", "xa", "02", {}}};
}

struct Fixture : ::testing::Test {
  PlaceTree tree = *PlaceTree::build(places_list());
  Metadata meta =
      *load_metadata(std::filesystem::path(SEN_SOURCE_DIR) / "packs/vn/analytics/indicators.json", tree);
  StatisticsStore statistics{tree, meta};
  std::vector<assessment::Standing> standings;
  DxStandings dx{tree, [this] { return Result<std::vector<assessment::Standing>>(standings); }};
  Engine engine{tree, meta, statistics, dx, nullptr};
  std::vector<EventRow> events;

  void event(DossierAction action, const std::string& place, const std::string& at,
             const std::string& channel, std::optional<std::string> timeliness = {},
             std::string procedure = "1.001193") {
    EventRow e;
    e.id = static_cast<std::int64_t>(events.size()) + 1;
    e.action = action;
    e.place_code = place;
    e.at = at;
    e.channel = channel;
    e.procedure_code = std::move(procedure);
    e.timeliness = std::move(timeliness);
    events.push_back(e);
  }
  EventRow& last() { return events.back(); }

  Cell value(const std::string& indicator, const std::string& place, const std::string& period,
             const Filters& filters = {}) {
    auto p = parse_periods(period, month_of(2026, 12), "period");
    auto cells =
        engine.evaluate(*meta.indicator(indicator), *tree.find(place), p->front(), filters, std::nullopt);
    return cells.front();
  }

  // Commune 00004 in January 2026: 3 received (2 online), 2 processed (1 late), one fee paid online of
  // two due, one result digitised of two... Commune 00007: 1 received online, 8 processed on time.
  void load_january() {
    event(DossierAction::kSubmit, "00004", "2026-01-05T09:00:00+07:00", "online");
    last().fee_vnd = 50000;
    event(DossierAction::kSubmit, "00004", "2026-01-06T09:00:00+07:00", "online");
    last().fee_vnd = 50000;
    event(DossierAction::kSubmit, "00004", "2026-01-07T09:00:00+07:00", "direct");
    event(DossierAction::kConfirmPayment, "00004", "2026-01-07T10:00:00+07:00", "online");
    last().paid_online = true;
    event(DossierAction::kApprove, "00004", "2026-01-20T09:00:00+07:00", "online", "on_time");
    last().result_digitised = true;
    event(DossierAction::kApprove, "00004", "2026-01-21T09:00:00+07:00", "direct", "late");
    last().result_digitised = false;
    event(DossierAction::kRate, "00004", "2026-01-22T09:00:00+07:00", "online");
    last().rating = 5;
    event(DossierAction::kRate, "00004", "2026-01-22T10:00:00+07:00", "direct");
    last().rating = 2;
    event(DossierAction::kSubmit, "00007", "2026-01-08T09:00:00+07:00", "online");
    for (int i = 0; i < 8; ++i)
      event(DossierAction::kReject, "00007", "2026-01-25T09:00:00+07:00", "online", "early");
    // Not counted: a reception refusal, a forward, and an event at an unknown place.
    event(DossierAction::kRefuse, "00004", "2026-01-09T09:00:00+07:00", "online", "on_time");
    event(DossierAction::kForward, "00004", "2026-01-09T09:00:00+07:00", "online", "late");
    event(DossierAction::kSubmit, "99999", "2026-01-09T09:00:00+07:00", "online");
    // February in 02.
    event(DossierAction::kSubmit, "00100", "2026-02-02T09:00:00+07:00", "postal");
    event(DossierAction::kApprove, "00100", "2026-02-20T09:00:00+07:00", "postal", "late", "2.000001");
    engine.apply(events);
  }
};

// The start-up read skips every action outside kCountedActions: each of those must count in nothing,
// even with every figure field set.
TEST_F(Fixture, OnlyTheCountedActionsCountInAnything) {
  for (const auto action : services::kAllActions) {
    EventCube cube(tree);
    EventRow e;
    e.action = action;
    e.place_code = "00004";
    e.at = "2026-01";
    e.channel = "online";
    e.timeliness = "late";
    e.fee_vnd = 50000;
    e.paid_online = true;
    e.result_digitised = true;
    e.rating = 5;
    const bool counted =
        std::find(kCountedActions.begin(), kCountedActions.end(), action) != kCountedActions.end();
    EXPECT_EQ(cube.add(e), counted) << services::name(action);
  }
}

TEST_F(Fixture, EveryShippedDossierIndicatorMatchesHandCounts) {
  load_january();
  EXPECT_EQ(value("dossiers_received", "00004", "2026-01").value, 3);
  EXPECT_NEAR(*value("online_dossier_rate", "00004", "2026-01").value, 200.0 / 3, 1e-9);
  EXPECT_EQ(*value("on_time_rate", "00004", "2026-01").value, 50);
  EXPECT_EQ(*value("late_rate", "00004", "2026-01").value, 50);
  EXPECT_EQ(*value("online_payment_rate", "00004", "2026-01").value, 50);
  EXPECT_EQ(*value("digitised_result_rate", "00004", "2026-01").value, 50);
  EXPECT_EQ(*value("satisfaction_rate", "00004", "2026-01").value, 50);
  const Cell c = value("on_time_rate", "00004", "2026-01");
  EXPECT_EQ(*c.numerator, 1);
  EXPECT_EQ(*c.denominator, 2);
  // No processed dossiers: a rate has no value, a count is 0.
  EXPECT_FALSE(value("on_time_rate", "00004", "2026-03").value);
  EXPECT_EQ(*value("dossiers_received", "00004", "2026-03").value, 0);
}

TEST_F(Fixture, RatiosRollUpFromSummedNumeratorsAndDenominators) {
  load_january();
  // 00004: 1 of 2 on time (50 %); 00007: 8 of 8 (100 %). The average of the rates would be 75 %;
  // the province's rate is 9 of 10.
  EXPECT_EQ(*value("on_time_rate", "01", "2026-01").value, 90);
  EXPECT_EQ(*value("online_dossier_rate", "01", "2026-01").value, 75);
  // The nation over both months: 4 + 1 received, 3 online; 11 processed, 9 on time.
  EXPECT_EQ(*value("dossiers_received", "VN", "2026-Q1").value, 5);
  EXPECT_EQ(*value("online_dossier_rate", "VN", "2026").value, 60);
  EXPECT_NEAR(*value("on_time_rate", "VN", "2026-YTD").value, 900.0 / 11, 1e-9);
}

TEST_F(Fixture, AProvinceCountsTheSumOfItsCommunesAndTheRebuildAgrees) {
  load_january();
  const std::vector<std::string> periods = {"2026-01", "2026-02", "2026-Q1", "2026"};
  for (const auto& e : meta.elements) {
    if (e.source != Source::kDossierEvents) continue;
    Indicator count{"x", {}, {}, {Term{1, e.id, std::nullopt, ""}}, {}, 1, "count"};
    for (const auto& period : periods) {
      auto p = parse_periods(period, month_of(2026, 12), "period")->front();
      const auto at = [&](const std::string& code) {
        return *engine.evaluate(count, *tree.find(code), p, {}, std::nullopt).front().value;
      };
      EXPECT_EQ(at("01"), at("00004") + at("00007")) << e.id << " " << period;
      EXPECT_EQ(at("VN"), at("01") + at("02")) << e.id << " " << period;
    }
  }
  std::vector<double> live;
  for (const auto& ind : meta.indicators)
    for (const char* place : {"VN", "01", "02", "00004", "00007", "00100"})
      live.push_back(value(ind.id, place, "2026-Q1").value.value_or(-1));
  engine.rebuild();
  std::vector<double> rebuilt;
  for (const auto& ind : meta.indicators)
    for (const char* place : {"VN", "01", "02", "00004", "00007", "00100"})
      rebuilt.push_back(value(ind.id, place, "2026-Q1").value.value_or(-1));
  EXPECT_EQ(live, rebuilt);
  // Events already applied are not counted twice.
  engine.apply(events);
  EXPECT_EQ(*value("dossiers_received", "VN", "2026").value, 5);
}

TEST_F(Fixture, BreaksDownAndFiltersByChannelAndProcedure) {
  load_january();
  auto cells =
      engine.evaluate(*meta.indicator("dossiers_received"), 0, year_period(2026), {}, Dimension::kChannel);
  std::map<std::string, double> by;
  for (const auto& c : cells) by[c.category] = *c.value;
  EXPECT_EQ(by, (std::map<std::string, double>{{"online", 3}, {"direct", 1}, {"postal", 1}}));
  EXPECT_EQ(*value("on_time_rate", "VN", "2026", {{Dimension::kProcedure, "2.000001"}}).value, 0);
  EXPECT_EQ(*value("dossiers_received", "01", "2026", {{Dimension::kChannel, "online"}}).value, 3);
  EXPECT_EQ(*value("dossiers_received", "01", "2026", {{Dimension::kProcedure, "9.999999"}}).value, 0);
}

TEST_F(Fixture, CountsEnterprisesByLevelAsOfThePeriodsEnd) {
  standings = {{"00004", "01", "manufacturing", "small", "starting", "2026-01-10T09:00:00+07:00", 20},
               {"00007", "01", "retail", "micro", "accelerating", "2026-02-10T09:00:00+07:00", 45},
               {"00100", "02", "retail", "small", "starting", "2026-03-10T09:00:00+07:00", 25}};
  ASSERT_TRUE(dx.refresh());
  auto cells = engine.evaluate(*meta.indicator("enterprises_at_level"), 0, month_period(month_of(2026, 2)),
                               {}, Dimension::kLevel);
  std::map<std::string, double> by;
  for (const auto& c : cells) by[c.category] = *c.value;
  EXPECT_EQ(by, (std::map<std::string, double>{{"starting", 1}, {"accelerating", 1}}));
  EXPECT_EQ(*value("enterprises_at_level", "01", "2026", {{Dimension::kIndustry, "retail"}}).value, 1);
  EXPECT_EQ(*value("enterprises_at_level", "VN", "2026").value, 3);
}

TEST_F(Fixture, StatisticsSumOrStandAloneAndSayWhenMapped) {
  const DataElement& cashless = *meta.element("cashless_transactions");
  const DataElement& share = *meta.element("digital_economy_gdp_share");
  statistics.put(cashless.id, {*tree.find("01"), month_period(month_of(2026, 1)), 80, false, false, "01"});
  statistics.put(cashless.id, {*tree.find("02"), month_period(month_of(2026, 1)), 20, false, false, "02"});
  statistics.put("payment_transactions",
                 {*tree.find("01"), month_period(month_of(2026, 1)), 100, false, false, "01"});
  statistics.put("payment_transactions",
                 {*tree.find("02"), month_period(month_of(2026, 1)), 100, true, false, "03"});
  EXPECT_EQ(*value("cashless_share", "VN", "2026-01").value, 50);
  EXPECT_TRUE(value("cashless_share", "VN", "2026-01").mapped);
  EXPECT_FALSE(value("cashless_share", "01", "2026-01").mapped);
  // A replaced value is not counted twice.
  statistics.put(cashless.id, {*tree.find("01"), month_period(month_of(2026, 1)), 90, false, false, "01"});
  EXPECT_EQ(*value("cashless_share", "01", "2026-01").value, 90);
  statistics.put(share.id, {0, year_period(2025), 19.5, false, false, "VN"});
  EXPECT_EQ(*value("digital_economy_gdp_share", "VN", "2025").value, 19.5);
  EXPECT_FALSE(value("digital_economy_gdp_share", "VN", "2025-Q1").value);
  EXPECT_FALSE(value("digital_economy_gdp_share", "01", "2025").value);
  EXPECT_FALSE(value("cashless_share", "VN", "2026-02").value);
}

TEST_F(Fixture, QueriesReadPlacesLevelsAndPeriodsOrNameTheBadParameter) {
  load_january();
  auto db = storage::testing::make_test_database(storage::testing::Backend::kSqlite);
  ASSERT_TRUE(db);
  SystemClock clock;
  Targets targets(*(*db)->db, meta, tree, clock);
  auto q = parse_query({"on_time_rate,dossiers_received", "01", "children", "2026-01,2026-Q1", "", ""},
                       engine, month_of(2026, 12), 100);
  ASSERT_TRUE(q) << q.error().message;
  EXPECT_EQ(q->places.size(), 2u);
  const auto rows = run_query(*q, engine, targets);
  EXPECT_EQ(rows.size(), 8u);
  EXPECT_EQ(tree.code(rows[0].place), "00004");
  EXPECT_EQ(rows[0].period.id(), "2026-01");
  EXPECT_EQ(*rows[0].cell.value, 50);
  // The pack's national on-time target applies below the nation too.
  ASSERT_TRUE(rows[0].status);
  auto communes =
      parse_query({"on_time_rate", "VN", "commune", "2026", "", ""}, engine, month_of(2026, 12), 100);
  EXPECT_EQ(communes->places.size(), 3u);
  struct Bad {
    QueryText text;
    std::string field;
  };
  for (const auto& b :
       std::vector<Bad>{{{"", "", "", "2026", "", ""}, "indicator"},
                        {{"nope", "", "", "2026", "", ""}, "indicator"},
                        {{"on_time_rate", "123", "", "2026", "", ""}, "place"},
                        {{"on_time_rate", "VN", "all", "2026", "", ""}, "level"},
                        {{"on_time_rate", "VN", "", "", "", ""}, "period"},
                        {{"on_time_rate", "VN", "", "2026-13", "", ""}, "period"},
                        {{"on_time_rate", "VN", "", "2026", "colour", ""}, "by"},
                        {{"on_time_rate", "VN", "", "2026", "level", ""}, "by"},
                        {{"on_time_rate", "VN", "", "2026", "", "channel=online"}, "filter"},
                        {{"on_time_rate", "VN", "commune", "LAST_12_MONTHS", "", ""}, "period"}}) {
    auto bad = parse_query(b.text, engine, month_of(2026, 12), 30);
    ASSERT_FALSE(bad) << b.field;
    EXPECT_EQ(bad.error().field, b.field) << bad.error().message;
  }
}

}  // namespace
}  // namespace sen::analytics
