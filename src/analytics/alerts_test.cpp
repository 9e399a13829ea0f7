#include "analytics/alerts.hpp"

#include <gtest/gtest.h>

#include "analytics/metadata_file.hpp"
#include "places/place_repository.hpp"
#include "storage/migrations.hpp"
#include "storage/testing/test_database.hpp"

namespace sen::analytics {
namespace {

using services::DossierAction;

struct Alerts : ::testing::Test {
  std::vector<places::Place> list = {{"VN", "Việt Nam", "nation", "quoc_gia", {}, {}},
                                     {"01", "Hà Nội", "province", "tinh", "VN", {}},
                                     {"00004", "Ba Đình", "commune", "phuong", "01", {}},
                                     {"00007", "Ngọc Hà", "commune", "phuong", "01", {}}};
  std::unique_ptr<storage::testing::TestDatabase> t =
      *storage::testing::make_test_database(storage::testing::Backend::kSqlite);
  PlaceTree tree = *PlaceTree::build(list);
  Metadata meta =
      *load_metadata(std::filesystem::path(SEN_SOURCE_DIR) / "packs/vn/analytics/indicators.json", tree);
  StatisticsStore statistics{tree, meta};
  DxStandings dx{tree, [] { return Result<std::vector<assessment::Standing>>(); }};
  Engine engine{tree, meta, statistics, dx, nullptr};
  SystemClock clock;
  Targets targets{*t->db, meta, tree, clock};
  AlertStore store{*t->db, tree, clock};
  AlertEvaluator evaluator{engine, targets, store};
  std::int64_t next_id = 1;

  void SetUp() override {
    ASSERT_TRUE(storage::apply_migrations(*t->db, clock));
    auto ok = places::PlaceRepository(*t->db).upsert_places(list);
    ASSERT_TRUE(ok) << ok.error().message << ok.error().internal;
  }

  void processed(const std::string& place, int on_time, int late, const std::string& day) {
    std::vector<services::EventRow> events;
    for (int i = 0; i < on_time + late; ++i) {
      services::EventRow e;
      e.id = next_id++;
      e.action = DossierAction::kApprove;
      e.place_code = place;
      e.channel = "online";
      e.at = day + "T10:00:00+07:00";
      e.timeliness = i < on_time ? "on_time" : "late";
      events.push_back(e);
    }
    engine.apply(events);
  }

  std::vector<Alert> open_alerts() {
    auto page = store.list({"", AlertState::kOpen, ""}, {100, ""});
    std::vector<Alert> out;
    for (const auto& row : page->rows) out.push_back(alert_from_row(row));
    return out;
  }
};

TEST_F(Alerts, ACommuneUnderNinetyPercentOnTimeRaisesOneAlertOnce) {
  processed("00004", 10, 0, "2026-01-10");
  processed("00007", 2, 6, "2026-01-12");
  auto raised = evaluator.run(month_of(2026, 1));
  ASSERT_TRUE(raised) << raised.error().internal;
  auto open = open_alerts();
  std::vector<std::string> seen;
  for (const auto& a : open) seen.push_back(a.rule + "@" + a.place_code + "@" + a.period);
  EXPECT_NE(std::find(seen.begin(), seen.end(), "on_time_below_90@00007@2026-01"), seen.end());
  EXPECT_EQ(std::find(seen.begin(), seen.end(), "on_time_below_90@00004@2026-01"), seen.end());
  // Run again: the breach lasts, the alert is not raised twice.
  EXPECT_EQ(*evaluator.run(month_of(2026, 1)), 0);
  EXPECT_EQ(open_alerts().size(), open.size());
}

TEST_F(Alerts, AreAcknowledgedThenResolvedAndNothingElse) {
  processed("00007", 0, 8, "2026-01-12");
  ASSERT_TRUE(evaluator.run(month_of(2026, 1)));
  auto open = open_alerts();
  ASSERT_FALSE(open.empty());
  const std::string id = open.front().id;
  auto acked = store.change(id, AlertState::kAcknowledged, "Đang làm việc với xã", "");
  ASSERT_TRUE(acked) << acked.error().message;
  EXPECT_EQ(acked->state, AlertState::kAcknowledged);
  EXPECT_EQ(acked->comment, "Đang làm việc với xã");
  auto again = store.change(id, AlertState::kAcknowledged, "", "");
  ASSERT_FALSE(again);
  EXPECT_EQ(again.error().code, ErrorCode::kConflict);
  ASSERT_TRUE(store.change(id, AlertState::kResolved, "Đã bổ sung cán bộ", ""));
  EXPECT_EQ(store.change(id, AlertState::kAcknowledged, "", "").error().code, ErrorCode::kConflict);
  EXPECT_EQ(store.change("CBnope", AlertState::kResolved, "", "").error().code, ErrorCode::kNotFound);
}

TEST_F(Alerts, TrajectoryStatusFollowsTheStraightPath) {
  Target t{"online_dossier_rate", "VN", month_of(2025, 12), 50, month_of(2030, 12), 80, 5, ""};
  EXPECT_EQ(expected_at(t, month_of(2025, 12)), 50);
  EXPECT_EQ(expected_at(t, month_of(2030, 12)), 80);
  EXPECT_NEAR(expected_at(t, month_of(2028, 6)), 65, 1e-9);
  EXPECT_EQ(track_status(t, true, 66, month_of(2028, 6)), TrackStatus::kOnTrack);
  EXPECT_EQ(track_status(t, true, 61, month_of(2028, 6)), TrackStatus::kAtRisk);
  EXPECT_EQ(track_status(t, true, 59, month_of(2028, 6)), TrackStatus::kOffTrack);
  EXPECT_EQ(track_status(t, false, 59, month_of(2028, 6)), TrackStatus::kOnTrack);
}

}  // namespace
}  // namespace sen::analytics
