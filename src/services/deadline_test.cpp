#include "services/deadline.hpp"

#include <gtest/gtest.h>

namespace sen::services {
namespace {

using namespace std::chrono;

// The 2026 table: Tết from Sat 14 Feb to Sun 22 Feb, make-up Saturday 10 Jan.
const calendar::WorkingCalendar& vn() {
  static const auto cal = [] {
    auto c = calendar::WorkingCalendar::load_directory(std::string(SEN_SOURCE_DIR) + "/packs/vn/calendar");
    EXPECT_TRUE(c.has_value());
    return *c;
  }();
  return cal;
}

TimePoint local(year_month_day d, int hour, int minute = 0) {
  return sys_days(d) + hours(hour) + minutes(minute) - hours(7);
}

TEST(Deadline, SameDayBeforeTheCutOffIsDueThatEvening) {
  const TimeLimit limit{"same_day", 0, 15};
  EXPECT_EQ(due_at(limit, local(2026y / November / 25, 9), vn()), local(2026y / November / 25, 17));
}

TEST(Deadline, SameDayAfterTheCutOffIsDueTheNextWorkingDay) {
  const TimeLimit limit{"same_day", 0, 15};
  // Friday 15:30 → Monday evening.
  EXPECT_EQ(due_at(limit, local(2026y / November / 27, 15, 30), vn()), local(2026y / November / 30, 17));
}

TEST(Deadline, WorkingDaysSkipTet) {
  const TimeLimit limit{"working_days", 3, 15};
  // Friday 13 Feb 2026, the last day before Tết: three working days later is Wednesday 25 Feb.
  EXPECT_EQ(due_at(limit, local(2026y / February / 13, 10), vn()), local(2026y / February / 25, 17));
}

TEST(Deadline, ReceivedOnADayOffCountsFromTheNextWorkingDay) {
  const TimeLimit limit{"working_days", 7, 15};
  // Sunday 29 Nov 2026 → counted from Monday 30 Nov → Wednesday 9 Dec.
  EXPECT_EQ(due_at(limit, local(2026y / November / 29, 10), vn()), local(2026y / December / 9, 17));
  // After office hours on Monday it is the same as Tuesday morning.
  EXPECT_EQ(due_at(limit, local(2026y / November / 30, 18), vn()), local(2026y / December / 10, 17));
}

TEST(Deadline, CalendarDaysLandingOnAWeekendMoveToMonday) {
  const TimeLimit limit{"calendar_days", 15, 15};
  // Thursday 12 Nov + 15 days = Friday 27 Nov; Wednesday 11 Nov + 18 = Sunday 29 → Monday 30.
  EXPECT_EQ(due_at(limit, local(2026y / November / 12, 9), vn()), local(2026y / November / 27, 17));
  EXPECT_EQ(due_at({"calendar_days", 18, 15}, local(2026y / November / 11, 9), vn()),
            local(2026y / November / 30, 17));
}

TEST(Deadline, ThePauseForASupplementIsGivenBack) {
  // Due Thursday 3 Dec; paused Monday 30 Nov with 3 working days left; resumed Friday 4 Dec → Wednesday 9
  // Dec.
  const TimePoint due = local(2026y / December / 3, 17);
  EXPECT_EQ(resumed_due_at(due, local(2026y / November / 30, 10), local(2026y / December / 4, 9), vn()),
            local(2026y / December / 9, 17));
  // Resumed the same day: nothing is lost or gained.
  EXPECT_EQ(resumed_due_at(due, local(2026y / November / 30, 10), local(2026y / November / 30, 16), vn()),
            due);
}

TEST(Deadline, AStepGetsItsShareOfTheOfficeHours) {
  // Mon 23 Nov 08:00 to Fri 27 Nov 17:00: five office days of 9 hours.
  const TimePoint received = local(2026y / November / 23, 8);
  const TimePoint due = local(2026y / November / 27, 17);
  EXPECT_EQ(working_time_between(received, due, vn()), hours(45));
  // Half of 45 office hours is 22.5: two full days and 4.5 hours into Wednesday.
  EXPECT_EQ(step_due_at(received, 0.5, received, due, vn()), local(2026y / November / 25, 12, 30));
  EXPECT_EQ(step_due_at(due - hours(1), 0.5, received, due, vn()), due);
}

TEST(Deadline, AStepIsNeverDueAtNightOrOnADayOff) {
  // Received on Friday afternoon with 10% of 46 office hours (4 h 36 min): the step runs on into
  // Monday's office hours, not into Friday night or the weekend.
  const TimePoint received = local(2026y / November / 27, 16);
  const TimePoint due = local(2026y / December / 4, 17);
  const TimePoint step_due = step_due_at(received, 0.1, received, due, vn());
  EXPECT_EQ(step_due, local(2026y / November / 30, 11, 36));  // 1 h Friday, 3 h 36 min Monday
  // Started in the evening, a step's time starts with the next office day.
  EXPECT_EQ(add_working_time(local(2026y / November / 27, 22), hours(1), vn()),
            local(2026y / November / 30, 9));
  for (double share : {0.05, 0.1, 0.2, 0.3, 0.5, 0.7}) {
    const TimePoint t = step_due_at(local(2026y / November / 27, 18, 18), share, received, due, vn());
    const int hour = local_hour(t);
    EXPECT_TRUE(vn().is_working_day(local_date(t))) << share;
    EXPECT_TRUE(hour >= kOfficeDayStartHour && (hour < kOfficeDayEndHour || t == due ||
                                                (hour == kOfficeDayEndHour && local(local_date(t), 17) == t)))
        << share << " " << hour;
  }
}

TEST(Deadline, FinishedDossiersAreClassedEarlyOnTimeOrLate) {
  const TimePoint due = local(2026y / November / 27, 17);
  EXPECT_EQ(timeliness(local(2026y / November / 26, 10), due), "early");
  EXPECT_EQ(timeliness(local(2026y / November / 27, 16), due), "on_time");
  EXPECT_EQ(timeliness(local(2026y / November / 27, 17, 1), due), "late");
}

}  // namespace
}  // namespace sen::services
