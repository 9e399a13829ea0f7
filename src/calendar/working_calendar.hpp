#pragma once

#include <chrono>
#include <cstdint>
#include <filesystem>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "core/status.hpp"

namespace sen::calendar {

// What a table entry does to the working-day count. Only the effect is closed; what the day *is*
// (holiday, compensatory, swap, a future "culture day", ...) is the open-ended DayInfo::category.
enum class DayKind {
  kDayOff,      // not a working day, whatever its weekday
  kWorkingDay,  // a weekend day that is worked (make-up Saturday); must fall on Sat/Sun
};

// "day_off" / "working_day", the spelling used in the pack files and the API.
std::string_view kind_name(DayKind kind);

// One entry of a yearly table (packs/vn/calendar/<year>.json).
struct DayInfo {
  std::chrono::year_month_day date;
  DayKind kind = DayKind::kDayOff;
  std::string category;  // holiday | compensatory | swap_day_off | make_up_workday | any [a-z0-9_]+
  std::string name_vi;
  std::string name_en;
  bool confirmed = false;  // false: from memory, a proposal or a projection, not an official notice
  std::string legal_ref;   // may be empty
  std::string note;        // may be empty

  friend bool operator==(const DayInfo&, const DayInfo&) = default;
};

// A covered year and where its table came from.
struct YearInfo {
  std::chrono::year year;
  std::string source;  // the file's "source" text
  std::string origin;  // file name, or the origin given to add_year
  std::size_t day_count = 0;
};

// Strict "YYYY-MM-DD" (exactly 10 characters, year 0001-9999, a real calendar date). The error is
// kInvalidArgument with Error::field = `field`, so HTTP handlers can pass the query parameter name.
Result<std::chrono::year_month_day> parse_iso_date(std::string_view text, std::string_view field);

// "YYYY-MM-DD" for a valid date.
std::string format_iso_date(std::chrono::year_month_day d);

// Working days of Vietnamese state agencies: Monday-Friday, minus the day_off entries, plus the
// working_day entries (make-up Saturdays) of the loaded yearly tables.
//
// Years without a table ("not covered") fall back to weekends only; callers that care (e.g. a due
// date far in the future) can check covers() and flag the result as provisional.
//
// All const members are safe to call concurrently; add_year() is for building the calendar before it
// is shared. Dates passed in must be ok(); an invalid date is never a working day and is returned
// unchanged by the stepping functions.
class WorkingCalendar {
 public:
  // Bound for add_working_days (about 380 years); larger |n| is clamped. Handlers validate first.
  static constexpr int kMaxWorkingDays = 100'000;

  WorkingCalendar() = default;  // no tables: only weekends are off

  // Loads every *.json in `dir` (other files, e.g. README.md, are ignored), one year per file.
  // Errors: kNotFound when the directory is missing or has no *.json; kMalformedJson for JSON syntax;
  // kInvalidArgument for bad data, the message naming file and field ("2026.json: days[3].date: ...")
  // and Error::field holding the JSON path. Checked: types, unknown keys, date format and validity,
  // date inside the file's year, duplicate date, unknown kind, working_day on a weekday, category
  // spelling, a year appearing in two files, a file named <yyyy>.json holding another year.
  static Result<WorkingCalendar> load_directory(const std::filesystem::path& dir);

  // A calendar with the single year table in `json_text`; `origin` prefixes error messages.
  static Result<WorkingCalendar> from_json(std::string_view json_text, std::string_view origin = "<json>");

  // Adds one year table. On error the calendar is unchanged. kConflict if the year is already loaded.
  Status add_year(std::string_view json_text, std::string_view origin = "<json>");

  bool is_working_day(std::chrono::year_month_day d) const;

  // The day reached after counting n working days from `start`; `start` itself is never counted.
  // 3 working days from Fri 2026-02-13 (Tết week) is Wed 2026-02-25. n == 0 returns `start` even on a
  // day off (use roll_forward for that). n < 0 counts backwards: the n-th working day before `start`.
  std::chrono::year_month_day add_working_days(std::chrono::year_month_day start, int n) const;

  // Working days in the half-open interval (from, to]: `from` is not counted, `to` is.
  // For to < from the result is -working_days_between(to, from) (so <= 0); to == from gives 0.
  // Consistent with add_working_days: for a working day d after s,
  // add_working_days(s, working_days_between(s, d)) == d.
  int working_days_between(std::chrono::year_month_day from, std::chrono::year_month_day to) const;

  // `d` if it is a working day, else the next working day (a deadline landing on a day off).
  std::chrono::year_month_day roll_forward(std::chrono::year_month_day d) const;

  // The table entry for `d`, if any. Weekends without an entry have none.
  std::optional<DayInfo> special_day(std::chrono::year_month_day d) const;

  bool covers(std::chrono::year y) const;

  // Entries of year `y` in date order; empty if the year is not covered.
  std::vector<DayInfo> year_days(std::chrono::year y) const;

  // Covered years in ascending order.
  std::vector<YearInfo> years() const;

  // 16 hex digits (FNV-1a) over the (date, kind) entries only, so it changes when some working-day
  // answer changes but not for renamed or re-sourced entries. Store it next to computed due dates so
  // reports stay reproducible.
  std::string fingerprint() const;

 private:
  // Sorted by date; dates_ and effect_prefix_ are derived indexes rebuilt on every change.
  std::vector<DayInfo> days_;
  std::vector<std::chrono::sys_days> dates_;
  // effect_prefix_[i] = sum of effects of days_[0..i); effect is -1 for a day off on a weekday, +1 for
  // a worked weekend day, 0 otherwise. Lets working_days_between run in O(log n).
  std::vector<int> effect_prefix_{0};  // one element even when empty
  std::vector<YearInfo> years_;

  void rebuild_index();
  bool is_working(std::chrono::sys_days d) const;
};

}  // namespace sen::calendar
