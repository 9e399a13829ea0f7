#pragma once

#include <string>
#include <string_view>
#include <vector>

#include "core/status.hpp"

namespace sen::analytics {

// Months are counted from January of year 0 (year * 12 + month - 1), so a period is a closed range of
// month numbers and any two periods compare and sum without calendars.
using Month = int;
inline constexpr Month month_of(int year, int month) { return year * 12 + month - 1; }
inline constexpr int year_of(Month m) { return m / 12; }
inline constexpr int month_in_year(Month m) { return m % 12 + 1; }

enum class PeriodType { kMonth, kQuarter, kYear, kYearToDate };
std::string_view name(PeriodType p);

// A reporting period: 2026-01, 2026-Q1, 2026, or 2026-YTD (January to the month of `today`, or the
// whole year for a past year). Its id is how the API names it.
struct Period {
  PeriodType type = PeriodType::kMonth;
  Month first = 0, last = 0;
  std::string id() const;
  friend bool operator==(const Period&, const Period&) = default;
};

Period month_period(Month m);
Period quarter_period(int year, int quarter);
Period year_period(int year);

// One period id, or a relative one expanding to several: THIS_MONTH, LAST_MONTH, THIS_QUARTER,
// THIS_YEAR, LAST_YEAR, LAST_12_MONTHS, LAST_4_QUARTERS. kInvalidArgument naming `field` otherwise.
Result<std::vector<Period>> parse_periods(std::string_view text, Month today, std::string_view field);

// The period of the same type just before, and the same period a year earlier.
Period previous_period(const Period& p);
Period same_period_last_year(const Period& p);

// "2026-12-03T..." or "2026-12-03": the month of an RFC 3339 instant or a day, read from its first
// seven characters; -1 when they are not a date.
Month month_of_text(std::string_view text);

}  // namespace sen::analytics
