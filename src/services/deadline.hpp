#pragma once

#include <chrono>
#include <optional>
#include <string>

#include "calendar/working_calendar.hpp"
#include "services/procedure.hpp"

namespace sen::services {

using TimePoint = std::chrono::system_clock::time_point;

// Deadlines are end-of-office-day instants in Vietnam's time (UTC+7, no DST).
inline constexpr int kOfficeDayStartHour = 8;
inline constexpr int kOfficeDayEndHour = 17;

std::chrono::year_month_day local_date(TimePoint t);
int local_hour(TimePoint t);
TimePoint end_of_office_day(std::chrono::year_month_day d);

// When a dossier received at `received` under `limit` is due. The day of reception is day 0; a dossier
// received on a day off or after office hours counts from the next working day; same-day procedures
// received at or after the cut-off hour are due at the end of the next working day.
TimePoint due_at(const TimeLimit& limit, TimePoint received, const calendar::WorkingCalendar& cal);

// The clock pauses while the applicant supplements: the working days left when it paused are granted
// again from the day it resumes.
TimePoint resumed_due_at(TimePoint due, TimePoint paused, TimePoint resumed,
                         const calendar::WorkingCalendar& cal);

// Office hours (08:00 to 17:00 on working days, Vietnam time) between two instants.
std::chrono::seconds working_time_between(TimePoint from, TimePoint to, const calendar::WorkingCalendar& cal);
// The instant `amount` of office hours after `from`; always within office hours.
TimePoint add_working_time(TimePoint from, std::chrono::seconds amount, const calendar::WorkingCalendar& cal);

// A step may use `share` of the office hours between reception and the due time, counted in office
// hours from when it started, so it is never due at night or on a day off; never past the due time.
TimePoint step_due_at(TimePoint step_started, double share, TimePoint received, TimePoint due,
                      const calendar::WorkingCalendar& cal);

// early: finished on a day before the due date; on_time: by the due time; late: after it.
std::string timeliness(TimePoint finished, TimePoint due);

}  // namespace sen::services
