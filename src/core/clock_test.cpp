#include "core/clock.hpp"

#include <gtest/gtest.h>

#include <filesystem>
#include <fstream>

namespace sen {
namespace {

TEST(Clock, FormatsRfc3339WithVietnamOffset) {
  using namespace std::chrono;
  const sys_time<seconds> t = sys_days{2026y / February / 13} + 1h + 2min + 3s;  // 01:02:03 UTC
  EXPECT_EQ(format_rfc3339(t), "2026-02-13T08:02:03+07:00");
  EXPECT_EQ(format_rfc3339(t, 0), "2026-02-13T01:02:03+00:00");
  EXPECT_EQ(format_rfc3339(t, -90), "2026-02-12T23:32:03-01:30");
}

TEST(Clock, VietnamCivilTimeIsSevenHoursAheadAcrossMidnight) {
  using namespace std::chrono;
  const auto [date, time] = vietnam_civil_time(sys_days(2026y / 12 / 31) + 18h + 5min + 9s);
  EXPECT_EQ(date, 2027y / 1 / 1);
  EXPECT_EQ(time.hours(), 1h);
  EXPECT_EQ(time.minutes(), 5min);
  EXPECT_EQ(time.seconds(), 9s);
}

TEST(Clock, ParsesRfc3339BackToTheSameInstant) {
  using namespace std::chrono;
  const sys_time<seconds> t = sys_days{2026y / February / 13} + 1h + 2min + 3s;
  EXPECT_EQ(parse_rfc3339("2026-02-13T08:02:03+07:00"), t);
  EXPECT_EQ(parse_rfc3339("2026-02-13T01:02:03Z"), t);
  EXPECT_EQ(parse_rfc3339("2026-02-13T01:02:03.250Z"), t);
  EXPECT_EQ(parse_rfc3339("2026-02-12T23:32:03-01:30"), t);
  EXPECT_FALSE(parse_rfc3339("2026-02-30T01:02:03Z"));
  EXPECT_FALSE(parse_rfc3339("2026-02-13T01:02:03"));
  EXPECT_FALSE(parse_rfc3339("2026-02-13T01:02:03+0700"));
  EXPECT_FALSE(parse_rfc3339(""));
}

TEST(Clock, FileClockReadsTheTimeWrittenInItsFile) {
  using namespace std::chrono;
  const auto path = std::filesystem::temp_directory_path() / "sen_file_clock_test.txt";
  FileClock clock(path.string());
  std::filesystem::remove(path);
  EXPECT_LT(abs(clock.now() - system_clock::now()), minutes(1));  // missing file: the real clock
  std::ofstream(path) << "2030-01-02T09:00:00+07:00\n";
  EXPECT_EQ(clock.now(), sys_days{2030y / January / 2} + 2h);
  std::ofstream(path) << "2030-01-12T09:00:00+07:00";
  EXPECT_EQ(clock.now(), sys_days{2030y / January / 12} + 2h);
  std::filesystem::remove(path);
}

}  // namespace
}  // namespace sen
