#include "services/deadline.hpp"

#include <algorithm>

#include "core/clock.hpp"

namespace sen::services {
namespace {

using namespace std::chrono;
constexpr auto kOffset = hours(7);

}  // namespace

year_month_day local_date(TimePoint t) { return vietnam_civil_time(t).date; }

int local_hour(TimePoint t) { return static_cast<int>(vietnam_civil_time(t).time.hours().count()); }

TimePoint end_of_office_day(year_month_day d) { return sys_days(d) + hours(kOfficeDayEndHour) - kOffset; }

TimePoint due_at(const TimeLimit& limit, TimePoint received, const calendar::WorkingCalendar& cal) {
  const year_month_day day = local_date(received);
  const bool counts_today = cal.is_working_day(day) && local_hour(received) < kOfficeDayEndHour;
  // The first working day the dossier is in the office's hands.
  const year_month_day start = counts_today ? day : cal.roll_forward(year_month_day(sys_days(day) + days(1)));
  if (limit.unit == "same_day") {
    if (counts_today && local_hour(received) < limit.cutoff_hour) return end_of_office_day(day);
    return end_of_office_day(counts_today ? cal.add_working_days(day, 1) : start);
  }
  if (limit.unit == "calendar_days") {
    return end_of_office_day(cal.roll_forward(year_month_day(sys_days(start) + days(limit.value))));
  }
  return end_of_office_day(cal.add_working_days(start, limit.value));
}

TimePoint resumed_due_at(TimePoint due, TimePoint paused, TimePoint resumed,
                         const calendar::WorkingCalendar& cal) {
  const int left = std::max(0, cal.working_days_between(local_date(paused), local_date(due)));
  const year_month_day resume_day = cal.roll_forward(local_date(resumed));
  return std::max(due, end_of_office_day(cal.add_working_days(resume_day, left)));
}

namespace {

// The office hours of the local day `d` as instants.
std::pair<TimePoint, TimePoint> office_hours(year_month_day d) {
  return {sys_days(d) + hours(kOfficeDayStartHour) - kOffset,
          sys_days(d) + hours(kOfficeDayEndHour) - kOffset};
}

}  // namespace

seconds working_time_between(TimePoint from, TimePoint to, const calendar::WorkingCalendar& cal) {
  seconds total{0};
  for (year_month_day d = local_date(from); from < to && sys_days(d) <= sys_days(local_date(to));
       d = year_month_day(sys_days(d) + days(1))) {
    if (!cal.is_working_day(d)) continue;
    const auto [open, close] = office_hours(d);
    const TimePoint a = std::max(open, from);
    const TimePoint b = std::min(close, to);
    if (a < b) total += duration_cast<seconds>(b - a);
  }
  return total;
}

TimePoint add_working_time(TimePoint from, seconds amount, const calendar::WorkingCalendar& cal) {
  for (year_month_day d = local_date(from);; d = year_month_day(sys_days(d) + days(1))) {
    if (!cal.is_working_day(d)) continue;
    const auto [open, close] = office_hours(d);
    const TimePoint start = std::max(open, from);
    if (start >= close) continue;
    const auto left = duration_cast<seconds>(close - start);
    if (amount <= left) return start + amount;
    amount -= left;
  }
}

TimePoint step_due_at(TimePoint step_started, double share, TimePoint received, TimePoint due,
                      const calendar::WorkingCalendar& cal) {
  const auto whole = working_time_between(received, due, cal);
  const auto budget = duration_cast<seconds>(whole * std::clamp(share, 0.0, 1.0));
  return std::min(due, add_working_time(step_started, budget, cal));
}

std::string timeliness(TimePoint finished, TimePoint due) {
  if (finished > due) return "late";
  if (local_date(finished) < local_date(due)) return "early";
  return "on_time";
}

}  // namespace sen::services
