#include "analytics/period.hpp"

#include <fmt/format.h>

#include <charconv>

namespace sen::analytics {
namespace {

bool read_int(std::string_view s, int& out) {
  if (s.empty()) return false;
  auto [end, ec] = std::from_chars(s.data(), s.data() + s.size(), out);
  return ec == std::errc() && end == s.data() + s.size();
}

bool digits(std::string_view s) { return !s.empty() && s.find_first_not_of("0123456789") == s.npos; }

}  // namespace

std::string_view name(PeriodType p) {
  switch (p) {
    case PeriodType::kMonth:
      return "month";
    case PeriodType::kQuarter:
      return "quarter";
    case PeriodType::kYear:
      return "year";
    case PeriodType::kYearToDate:
      return "year_to_date";
  }
  return "";
}

std::string Period::id() const {
  switch (type) {
    case PeriodType::kMonth:
      return fmt::format("{:04}-{:02}", year_of(first), month_in_year(first));
    case PeriodType::kQuarter:
      return fmt::format("{:04}-Q{}", year_of(first), (month_in_year(first) - 1) / 3 + 1);
    case PeriodType::kYear:
      return fmt::format("{:04}", year_of(first));
    case PeriodType::kYearToDate:
      return fmt::format("{:04}-YTD", year_of(first));
  }
  return {};
}

Period month_period(Month m) { return {PeriodType::kMonth, m, m}; }
Period quarter_period(int year, int quarter) {
  const Month first = month_of(year, (quarter - 1) * 3 + 1);
  return {PeriodType::kQuarter, first, first + 2};
}
Period year_period(int year) { return {PeriodType::kYear, month_of(year, 1), month_of(year, 12)}; }

Result<std::vector<Period>> parse_periods(std::string_view text, Month today, std::string_view field) {
  const auto bad = [&] {
    return fail(ErrorCode::kInvalidArgument,
                fmt::format("{} must be a period such as 2026, 2026-Q1, 2026-01, 2026-YTD or LAST_12_MONTHS "
                            "(got \"{}\")",
                            field, text.substr(0, 40)),
                std::string(field));
  };
  const int this_year = year_of(today);
  const int this_quarter = (month_in_year(today) - 1) / 3 + 1;
  if (text == "THIS_MONTH") return std::vector{month_period(today)};
  if (text == "LAST_MONTH") return std::vector{month_period(today - 1)};
  if (text == "THIS_QUARTER") return std::vector{quarter_period(this_year, this_quarter)};
  if (text == "THIS_YEAR") return std::vector{year_period(this_year)};
  if (text == "LAST_YEAR") return std::vector{year_period(this_year - 1)};
  if (text == "LAST_12_MONTHS") {
    std::vector<Period> out;
    for (Month m = today - 12; m < today; ++m) out.push_back(month_period(m));
    return out;
  }
  if (text == "LAST_4_QUARTERS") {
    std::vector<Period> out;
    const Month current_first = quarter_period(this_year, this_quarter).first;
    for (Month f = current_first - 12; f < current_first; f += 3)
      out.push_back(quarter_period(year_of(f), (month_in_year(f) - 1) / 3 + 1));
    return out;
  }
  if (text.size() < 4 || !digits(text.substr(0, 4))) return bad();
  int year = 0;
  read_int(text.substr(0, 4), year);
  if (year < 1990 || year > 2100) return bad();
  if (text.size() == 4) return std::vector{year_period(year)};
  if (text[4] != '-') return bad();
  const auto rest = text.substr(5);
  if (rest == "YTD") {
    if (year > this_year) return bad();
    const Month last = year == this_year ? today : month_of(year, 12);
    return std::vector{Period{PeriodType::kYearToDate, month_of(year, 1), last}};
  }
  int n = 0;
  if (rest.size() == 2 && rest[0] == 'Q' && read_int(rest.substr(1), n) && n >= 1 && n <= 4)
    return std::vector{quarter_period(year, n)};
  if (rest.size() == 2 && digits(rest) && read_int(rest, n) && n >= 1 && n <= 12)
    return std::vector{month_period(month_of(year, n))};
  return bad();
}

Period previous_period(const Period& p) {
  const int span = p.last - p.first + 1;
  switch (p.type) {
    case PeriodType::kMonth:
    case PeriodType::kQuarter:
      return {p.type, p.first - span, p.last - span};
    case PeriodType::kYear:
    case PeriodType::kYearToDate:
      return {p.type, p.first - 12, p.last - 12};
  }
  return p;
}

Period same_period_last_year(const Period& p) { return {p.type, p.first - 12, p.last - 12}; }

Month month_of_text(std::string_view text) {
  int y = 0, m = 0;
  if (text.size() < 7 || text[4] != '-' || !read_int(text.substr(0, 4), y) ||
      !read_int(text.substr(5, 2), m) || m < 1 || m > 12)
    return -1;
  return month_of(y, m);
}

}  // namespace sen::analytics
