#include "calendar/working_calendar.hpp"

#include <algorithm>
#include <array>
#include <boost/json.hpp>
#include <cstdio>
#include <cstdlib>
#include <fstream>
#include <iterator>
#include <system_error>
#include <utility>

#include "core/json_parse.hpp"
#include "core/json_reader.hpp"
#include "core/json_text.hpp"

namespace sen::calendar {
namespace {

namespace json = boost::json;
using std::chrono::days;
using std::chrono::sys_days;
using std::chrono::year;
using std::chrono::year_month_day;

constexpr std::uintmax_t kMaxFileBytes = 1 << 20;  // a year table is a few KB; refuse anything absurd

bool is_weekend(sys_days d) {
  const std::chrono::weekday wd{d};
  return wd == std::chrono::Saturday || wd == std::chrono::Sunday;
}

std::int64_t day_number(sys_days d) { return d.time_since_epoch().count(); }

// Weekdays (Mon-Fri) among day numbers below x, counted from a Monday origin. Day 0 (1970-01-01) was
// a Thursday, so x + 3 is the distance from the Monday before it.
std::int64_t weekdays_before(std::int64_t x) {
  const std::int64_t m = x + 3;
  std::int64_t q = m / 7;
  std::int64_t r = m % 7;
  if (r < 0) {
    r += 7;
    --q;
  }
  return 5 * q + std::min<std::int64_t>(r, 5);
}

int effect_of(const DayInfo& d) {
  const bool weekend = is_weekend(sys_days{d.date});
  if (d.kind == DayKind::kDayOff) return weekend ? 0 : -1;
  return weekend ? 1 : 0;
}

bool valid_category(std::string_view c) {
  if (c.empty() || c.size() > 64) return false;
  return std::all_of(c.begin(), c.end(), [](char ch) {
    return (ch >= 'a' && ch <= 'z') || (ch >= '0' && ch <= '9') || ch == '_';
  });
}

struct ParsedYear {
  year y;
  std::string source;
  std::vector<DayInfo> days;
};

Result<DayInfo> parse_day(const JsonReader& r, const json::value& v, const std::string& path,
                          year file_year) {
  if (!v.is_object()) return r.error(path, "must be an object, not " + json_type_name(v));
  const json::object& o = v.as_object();
  if (auto ok = r.only_keys(
          o, path, {"date", "kind", "category", "name_vi", "name_en", "confirmed", "legal_ref", "note"});
      !ok) {
    return tl::unexpected(ok.error());
  }

  DayInfo day;
  auto date_text = r.string(o, path, "date", true);
  if (!date_text) return tl::unexpected(date_text.error());
  const std::string date_path = JsonReader::join(path, "date");
  auto date = parse_iso_date(*date_text, date_path);
  if (!date) return r.error(date_path, shown(*date_text) + " is not a valid YYYY-MM-DD date");
  if (date->year() != file_year) {
    return r.error(date_path, shown(*date_text) + " is not in the file's year " +
                                  std::to_string(static_cast<int>(file_year)));
  }
  day.date = *date;

  auto kind = r.string(o, path, "kind", true);
  if (!kind) return tl::unexpected(kind.error());
  const std::string kind_path = JsonReader::join(path, "kind");
  if (*kind == kind_name(DayKind::kDayOff)) {
    day.kind = DayKind::kDayOff;
  } else if (*kind == kind_name(DayKind::kWorkingDay)) {
    day.kind = DayKind::kWorkingDay;
  } else {
    return r.error(kind_path, "unknown kind " + shown(*kind) + " (expected \"day_off\" or \"working_day\")");
  }
  // A worked weekday changes nothing, so such an entry is almost surely a mistyped make-up Saturday.
  if (day.kind == DayKind::kWorkingDay && !is_weekend(sys_days{day.date})) {
    return r.error(kind_path, "\"working_day\" on " + *date_text + ", which is not a Saturday or Sunday");
  }

  auto category = r.string(o, path, "category", true);
  if (!category) return tl::unexpected(category.error());
  if (!valid_category(*category)) {
    return r.error(JsonReader::join(path, "category"),
                   shown(*category) + " must be lowercase letters, digits or '_' (at most 64)");
  }
  day.category = std::move(*category);

  auto name_vi = r.string(o, path, "name_vi", true);
  if (!name_vi) return tl::unexpected(name_vi.error());
  day.name_vi = std::move(*name_vi);
  auto name_en = r.string(o, path, "name_en", true);
  if (!name_en) return tl::unexpected(name_en.error());
  day.name_en = std::move(*name_en);

  const json::value* confirmed = o.if_contains("confirmed");
  const std::string confirmed_path = JsonReader::join(path, "confirmed");
  if (confirmed == nullptr) return r.error(confirmed_path, "missing required boolean");
  if (!confirmed->is_bool()) {
    return r.error(confirmed_path, "must be true or false, not " + json_type_name(*confirmed));
  }
  day.confirmed = confirmed->as_bool();

  auto legal_ref = r.string(o, path, "legal_ref", false);
  if (!legal_ref) return tl::unexpected(legal_ref.error());
  day.legal_ref = std::move(*legal_ref);
  auto note = r.string(o, path, "note", false);
  if (!note) return tl::unexpected(note.error());
  day.note = std::move(*note);
  return day;
}

Result<ParsedYear> parse_year(std::string_view text, std::string_view origin) {
  const JsonReader r(origin);
  json::error_code ec;
  const json::value root = parse_json(text, ec);
  if (ec) {
    return fail(ErrorCode::kMalformedJson, std::string(origin) + ": not valid JSON: " + ec.message());
  }
  if (!root.is_object()) return r.error("", "top level must be an object, not " + json_type_name(root));
  const json::object& o = root.as_object();
  if (auto ok = r.only_keys(o, "", {"year", "source", "note", "days"}); !ok)
    return tl::unexpected(ok.error());

  ParsedYear out;
  const json::value* y = o.if_contains("year");
  if (y == nullptr) return r.error("year", "missing required number");
  if (!y->is_int64() && !y->is_uint64())
    return r.error("year", "must be an integer, not " + json_type_name(*y));
  const std::int64_t yv = y->is_int64() ? y->as_int64() : static_cast<std::int64_t>(y->as_uint64());
  if (yv < 1 || yv > 9999) return r.error("year", std::to_string(yv) + " is outside 1-9999");
  out.y = year{static_cast<int>(yv)};

  auto source = r.string(o, "", "source", true);
  if (!source) return tl::unexpected(source.error());
  out.source = std::move(*source);
  auto note = r.string(o, "", "note", false);
  if (!note) return tl::unexpected(note.error());

  const json::value* days_value = o.if_contains("days");
  if (days_value == nullptr) return r.error("days", "missing required array");
  if (!days_value->is_array()) return r.error("days", "must be an array, not " + json_type_name(*days_value));
  const json::array& arr = days_value->as_array();
  out.days.reserve(arr.size());
  for (std::size_t i = 0; i < arr.size(); ++i) {
    const std::string path = "days[" + std::to_string(i) + "]";
    auto day = parse_day(r, arr[i], path, out.y);
    if (!day) return tl::unexpected(day.error());
    out.days.push_back(std::move(*day));
  }

  std::vector<std::size_t> order(out.days.size());
  for (std::size_t i = 0; i < order.size(); ++i) order[i] = i;
  std::stable_sort(order.begin(), order.end(), [&](std::size_t a, std::size_t b) {
    return sys_days{out.days[a].date} < sys_days{out.days[b].date};
  });
  for (std::size_t k = 1; k < order.size(); ++k) {
    if (out.days[order[k]].date == out.days[order[k - 1]].date) {
      return r.error("days[" + std::to_string(order[k]) + "].date",
                     "duplicate date " + format_iso_date(out.days[order[k]].date) + " (also days[" +
                         std::to_string(order[k - 1]) + "])");
    }
  }
  std::vector<DayInfo> sorted;
  sorted.reserve(out.days.size());
  for (std::size_t i : order) sorted.push_back(std::move(out.days[i]));
  out.days = std::move(sorted);
  return out;
}

Result<std::string> read_file(const std::filesystem::path& file) {
  std::error_code ec;
  const auto size = std::filesystem::file_size(file, ec);
  if (ec) return fail_internal("cannot stat " + file.string() + ": " + ec.message());
  if (size > kMaxFileBytes) {
    return fail(ErrorCode::kInvalidArgument, file.filename().string() +
                                                 ": file too large for a calendar table (" +
                                                 std::to_string(size) + " bytes)");
  }
  std::ifstream in(file, std::ios::binary);
  if (!in) return fail_internal("cannot open " + file.string());
  std::string text{std::istreambuf_iterator<char>(in), std::istreambuf_iterator<char>()};
  if (in.bad()) return fail_internal("cannot read " + file.string());
  return text;
}

}  // namespace

std::string_view kind_name(DayKind kind) {
  switch (kind) {
    case DayKind::kDayOff:
      return "day_off";
    case DayKind::kWorkingDay:
      return "working_day";
  }
  return "day_off";
}

Result<year_month_day> parse_iso_date(std::string_view text, std::string_view field) {
  const auto bad_format = [&] {
    return fail(ErrorCode::kInvalidArgument, "must be a date in the form YYYY-MM-DD", std::string(field));
  };
  if (text.size() != 10 || text[4] != '-' || text[7] != '-') return bad_format();
  const auto digits = [&](std::size_t pos, std::size_t len, int& value) {
    value = 0;
    for (std::size_t i = pos; i < pos + len; ++i) {
      if (text[i] < '0' || text[i] > '9') return false;
      value = value * 10 + (text[i] - '0');
    }
    return true;
  };
  int y = 0;
  int m = 0;
  int d = 0;
  if (!digits(0, 4, y) || !digits(5, 2, m) || !digits(8, 2, d)) return bad_format();
  const year_month_day ymd{year{y}, std::chrono::month{static_cast<unsigned>(m)},
                           std::chrono::day{static_cast<unsigned>(d)}};
  if (y == 0 || !ymd.ok()) {
    return fail(ErrorCode::kInvalidArgument, "is not a valid calendar date", std::string(field));
  }
  return ymd;
}

std::string format_iso_date(year_month_day d) {
  std::array<char, 32> buf{};
  std::snprintf(buf.data(), buf.size(), "%04d-%02u-%02u", static_cast<int>(d.year()),
                static_cast<unsigned>(d.month()), static_cast<unsigned>(d.day()));
  return buf.data();
}

Result<WorkingCalendar> WorkingCalendar::load_directory(const std::filesystem::path& dir) {
  auto listed = json_files_in(dir, "calendar");
  if (!listed) return tl::unexpected(listed.error());
  const std::vector<std::filesystem::path>& files = *listed;

  WorkingCalendar cal;
  for (const auto& file : files) {
    const std::string name = file.filename().string();
    auto text = read_file(file);
    if (!text) return tl::unexpected(text.error());
    if (auto ok = cal.add_year(*text, name); !ok) {
      ok.error().internal = file.string();
      return tl::unexpected(ok.error());
    }
    // 2027.json holding "year": 2026 is a copy-paste slip; other names are free-form.
    const std::string stem = file.stem().string();
    const bool numeric = stem.size() == 4 &&
                         std::all_of(stem.begin(), stem.end(), [](char c) { return c >= '0' && c <= '9'; });
    const auto loaded = std::find_if(cal.years_.begin(), cal.years_.end(),
                                     [&](const YearInfo& y) { return y.origin == name; });
    if (numeric && loaded != cal.years_.end() && std::stoi(stem) != static_cast<int>(loaded->year)) {
      auto e = JsonReader(name).error(
          "year", std::to_string(static_cast<int>(loaded->year)) + " does not match the file name");
      e.value().internal = file.string();
      return e;
    }
  }
  return cal;
}

Result<WorkingCalendar> WorkingCalendar::from_json(std::string_view json_text, std::string_view origin) {
  WorkingCalendar cal;
  if (auto ok = cal.add_year(json_text, origin); !ok) return tl::unexpected(ok.error());
  return cal;
}

Status WorkingCalendar::add_year(std::string_view json_text, std::string_view origin) {
  auto parsed = parse_year(json_text, origin);
  if (!parsed) return tl::unexpected(parsed.error());
  for (const auto& y : years_) {
    if (y.year == parsed->y) {
      return fail(ErrorCode::kConflict,
                  std::string(origin) + ": year " + std::to_string(static_cast<int>(parsed->y)) +
                      " is already defined in " + y.origin,
                  "year");
    }
  }
  const std::size_t count = parsed->days.size();
  years_.push_back(YearInfo{parsed->y, std::move(parsed->source), std::string(origin), count});
  std::move(parsed->days.begin(), parsed->days.end(), std::back_inserter(days_));
  rebuild_index();
  return {};
}

void WorkingCalendar::rebuild_index() {
  std::sort(days_.begin(), days_.end(),
            [](const DayInfo& a, const DayInfo& b) { return sys_days{a.date} < sys_days{b.date}; });
  std::sort(years_.begin(), years_.end(),
            [](const YearInfo& a, const YearInfo& b) { return a.year < b.year; });
  dates_.clear();
  dates_.reserve(days_.size());
  effect_prefix_.assign(1, 0);
  effect_prefix_.reserve(days_.size() + 1);
  for (const auto& d : days_) {
    dates_.push_back(sys_days{d.date});
    effect_prefix_.push_back(effect_prefix_.back() + effect_of(d));
  }
}

bool WorkingCalendar::is_working(sys_days d) const {
  const auto it = std::lower_bound(dates_.begin(), dates_.end(), d);
  if (it != dates_.end() && *it == d)
    return days_[static_cast<std::size_t>(it - dates_.begin())].kind == DayKind::kWorkingDay;
  return !is_weekend(d);
}

bool WorkingCalendar::is_working_day(year_month_day d) const { return d.ok() && is_working(sys_days{d}); }

year_month_day WorkingCalendar::add_working_days(year_month_day start, int n) const {
  if (!start.ok() || n == 0) return start;
  // Any window of 7 consecutive days holds exactly 5 weekdays, so stretches without table entries are
  // crossed a week at a time; the cost depends on the number of entries passed, not on n.
  constexpr std::int64_t kFar = std::int64_t{kMaxWorkingDays} * 4;
  std::int64_t remaining = std::min<std::int64_t>(std::abs(static_cast<std::int64_t>(n)), kMaxWorkingDays);
  sys_days d{start};
  if (n > 0) {
    while (remaining > 0) {
      if (remaining > 5) {
        const auto next = std::upper_bound(dates_.begin(), dates_.end(), d);
        const std::int64_t gap = next == dates_.end() ? kFar : day_number(*next) - day_number(d) - 1;
        const std::int64_t weeks = std::min(gap / 7, (remaining - 1) / 5);
        if (weeks > 0) {
          d += days{7 * weeks};
          remaining -= 5 * weeks;
          continue;
        }
      }
      d += days{1};
      if (is_working(d)) --remaining;
    }
  } else {
    while (remaining > 0) {
      if (remaining > 5) {
        const auto next = std::lower_bound(dates_.begin(), dates_.end(), d);
        const std::int64_t gap =
            next == dates_.begin() ? kFar : day_number(d) - day_number(*std::prev(next)) - 1;
        const std::int64_t weeks = std::min(gap / 7, (remaining - 1) / 5);
        if (weeks > 0) {
          d -= days{7 * weeks};
          remaining -= 5 * weeks;
          continue;
        }
      }
      d -= days{1};
      if (is_working(d)) --remaining;
    }
  }
  return year_month_day{d};
}

int WorkingCalendar::working_days_between(year_month_day from, year_month_day to) const {
  if (!from.ok() || !to.ok()) return 0;
  const sys_days a{from};
  const sys_days b{to};
  if (b < a) return -working_days_between(to, from);
  const std::int64_t weekdays = weekdays_before(day_number(b) + 1) - weekdays_before(day_number(a) + 1);
  const auto lo =
      static_cast<std::size_t>(std::upper_bound(dates_.begin(), dates_.end(), a) - dates_.begin());
  const auto hi =
      static_cast<std::size_t>(std::upper_bound(dates_.begin(), dates_.end(), b) - dates_.begin());
  // Valid dates span at most ~65,000 years, about 17 million weekdays: fits an int.
  return static_cast<int>(weekdays + effect_prefix_[hi] - effect_prefix_[lo]);
}

year_month_day WorkingCalendar::roll_forward(year_month_day d) const {
  if (!d.ok()) return d;
  sys_days s{d};
  while (!is_working(s)) s += days{1};
  return year_month_day{s};
}

std::optional<DayInfo> WorkingCalendar::special_day(year_month_day d) const {
  if (!d.ok()) return std::nullopt;
  const sys_days s{d};
  const auto it = std::lower_bound(dates_.begin(), dates_.end(), s);
  if (it == dates_.end() || *it != s) return std::nullopt;
  return days_[static_cast<std::size_t>(it - dates_.begin())];
}

bool WorkingCalendar::covers(year y) const {
  return std::any_of(years_.begin(), years_.end(), [&](const YearInfo& info) { return info.year == y; });
}

std::vector<DayInfo> WorkingCalendar::year_days(year y) const {
  if (!y.ok()) return {};
  const auto lo = std::lower_bound(dates_.begin(), dates_.end(), sys_days{y / std::chrono::January / 1});
  const auto hi = std::upper_bound(dates_.begin(), dates_.end(), sys_days{y / std::chrono::December / 31});
  return {days_.begin() + (lo - dates_.begin()), days_.begin() + (hi - dates_.begin())};
}

std::vector<YearInfo> WorkingCalendar::years() const { return years_; }

std::string WorkingCalendar::fingerprint() const {
  // FNV-1a: stable across platforms and builds, unlike std::hash.
  std::uint64_t h = 14695981039346656037ull;
  const auto mix = [&h](std::uint64_t v, int bytes) {
    for (int i = 0; i < bytes; ++i) {
      h ^= (v >> (8 * i)) & 0xFF;
      h *= 1099511628211ull;
    }
  };
  for (const auto& d : days_) {
    mix(static_cast<std::uint64_t>(day_number(sys_days{d.date})), 8);
    mix(d.kind == DayKind::kWorkingDay ? 1 : 0, 1);
  }
  std::array<char, 17> buf{};
  std::snprintf(buf.data(), buf.size(), "%016llx", static_cast<unsigned long long>(h));
  return buf.data();
}

}  // namespace sen::calendar
