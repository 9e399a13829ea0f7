#include "calendar/working_calendar.hpp"

#include <gtest/gtest.h>
#include <unistd.h>

#include <chrono>
#include <filesystem>
#include <fstream>
#include <random>
#include <string>

namespace sen::calendar {
namespace {

using std::chrono::days;
using std::chrono::sys_days;
using std::chrono::year;
using std::chrono::year_month_day;

year_month_day ymd(int y, unsigned m, unsigned d) {
  return year_month_day{year{y}, std::chrono::month{m}, std::chrono::day{d}};
}

std::filesystem::path pack_dir() { return std::filesystem::path(SEN_SOURCE_DIR) / "packs/vn/calendar"; }

const WorkingCalendar& shipped() {
  static const WorkingCalendar cal = [] {
    auto loaded = WorkingCalendar::load_directory(pack_dir());
    if (!loaded) {
      ADD_FAILURE() << "cannot load shipped calendar: " << loaded.error().message;
      return WorkingCalendar();
    }
    return *loaded;
  }();
  return cal;
}

// One-year table with the given "days" array body.
std::string year_json(int y, const std::string& days_body) {
  return "{\"year\": " + std::to_string(y) + ", \"source\": \"test\", \"days\": [" + days_body + "]}";
}

std::string day_json(const std::string& date, const std::string& kind = "day_off",
                     const std::string& category = "holiday") {
  return "{\"date\": \"" + date + "\", \"kind\": \"" + kind + "\", \"category\": \"" + category +
         "\", \"name_vi\": \"Ngày thử\", \"name_en\": \"Test day\", \"confirmed\": true}";
}

// Reference implementations: one day at a time, no cleverness.
year_month_day naive_add(const WorkingCalendar& cal, year_month_day start, int n) {
  sys_days d{start};
  const int step = n >= 0 ? 1 : -1;
  for (int left = n >= 0 ? n : -n; left > 0;) {
    d += days{step};
    if (cal.is_working_day(year_month_day{d})) --left;
  }
  return year_month_day{d};
}

int naive_between(const WorkingCalendar& cal, year_month_day from, year_month_day to) {
  if (sys_days{to} < sys_days{from}) return -naive_between(cal, to, from);
  int count = 0;
  for (sys_days d = sys_days{from} + days{1}; d <= sys_days{to}; d += days{1}) {
    if (cal.is_working_day(year_month_day{d})) ++count;
  }
  return count;
}

class TempDir {
 public:
  TempDir() {
    path_ = std::filesystem::temp_directory_path() /
            ("sen_calendar_test_" + std::to_string(::getpid()) + "_" + std::to_string(counter_++));
    std::filesystem::remove_all(path_);
    std::filesystem::create_directories(path_);
  }
  ~TempDir() {
    std::error_code ec;
    std::filesystem::remove_all(path_, ec);
  }
  TempDir(const TempDir&) = delete;
  TempDir& operator=(const TempDir&) = delete;

  void write(const std::string& name, const std::string& text) const {
    std::ofstream(path_ / name, std::ios::binary) << text;
  }
  const std::filesystem::path& path() const { return path_; }

 private:
  static inline int counter_ = 0;
  std::filesystem::path path_;
};

// --- The shipped tables -------------------------------------------------------------------------

TEST(WorkingCalendar, TetWeek2026) {
  const auto& cal = shipped();
  // Fri 13 Feb is the last working day before the Sat 14 - Sun 22 Feb break.
  EXPECT_TRUE(cal.is_working_day(ymd(2026, 2, 13)));
  for (unsigned d = 14; d <= 22; ++d) EXPECT_FALSE(cal.is_working_day(ymd(2026, 2, d))) << "Feb " << d;
  EXPECT_TRUE(cal.is_working_day(ymd(2026, 2, 23)));
  EXPECT_EQ(cal.add_working_days(ymd(2026, 2, 13), 3), ymd(2026, 2, 25));
  EXPECT_EQ(cal.add_working_days(ymd(2026, 2, 13), 1), ymd(2026, 2, 23));
  EXPECT_EQ(cal.working_days_between(ymd(2026, 2, 13), ymd(2026, 2, 25)), 3);
  EXPECT_EQ(cal.add_working_days(ymd(2026, 2, 25), -3), ymd(2026, 2, 13));

  const auto tet = cal.special_day(ymd(2026, 2, 17));
  ASSERT_TRUE(tet.has_value());
  EXPECT_EQ(tet->kind, DayKind::kDayOff);
  EXPECT_EQ(tet->category, "holiday");
  EXPECT_EQ(tet->name_en, "Lunar New Year's Day");
  EXPECT_TRUE(tet->confirmed);
}

TEST(WorkingCalendar, MakeUpSaturdayAndSwappedFriday2026) {
  const auto& cal = shipped();
  EXPECT_FALSE(cal.is_working_day(ymd(2026, 1, 1)));  // Thu, New Year
  EXPECT_FALSE(cal.is_working_day(ymd(2026, 1, 2)));  // Fri, swapped
  EXPECT_TRUE(cal.is_working_day(ymd(2026, 1, 10)));  // Sat, worked for 2 Jan
  EXPECT_FALSE(cal.is_working_day(ymd(2026, 1, 11)));

  const auto sat = cal.special_day(ymd(2026, 1, 10));
  ASSERT_TRUE(sat.has_value());
  EXPECT_EQ(sat->kind, DayKind::kWorkingDay);
  EXPECT_EQ(sat->category, "make_up_workday");
  EXPECT_EQ(kind_name(sat->kind), "working_day");

  // Mon 5 .. Fri 9 and the make-up Saturday: 6 working days in (Wed 31 Dec, Sat 10 Jan].
  EXPECT_EQ(cal.working_days_between(ymd(2025, 12, 31), ymd(2026, 1, 10)), 6);
  EXPECT_EQ(cal.add_working_days(ymd(2026, 1, 9), 1), ymd(2026, 1, 10));
}

TEST(WorkingCalendar, HolidayOnSundayGivesCompensatoryMonday) {
  const auto& cal = shipped();
  EXPECT_FALSE(cal.is_working_day(ymd(2026, 4, 26)));  // Sun, Hùng Kings
  EXPECT_FALSE(cal.is_working_day(ymd(2026, 4, 27)));  // Mon, compensatory
  EXPECT_TRUE(cal.is_working_day(ymd(2026, 4, 28)));
  EXPECT_EQ(cal.special_day(ymd(2026, 4, 27))->category, "compensatory");
}

TEST(WorkingCalendar, Weekends) {
  const auto& cal = shipped();
  EXPECT_TRUE(cal.is_working_day(ymd(2026, 3, 6)));   // Fri
  EXPECT_FALSE(cal.is_working_day(ymd(2026, 3, 7)));  // Sat
  EXPECT_FALSE(cal.is_working_day(ymd(2026, 3, 8)));  // Sun
  EXPECT_TRUE(cal.is_working_day(ymd(2026, 3, 9)));   // Mon
  EXPECT_FALSE(cal.special_day(ymd(2026, 3, 7)).has_value());
  EXPECT_EQ(cal.add_working_days(ymd(2026, 3, 6), 1), ymd(2026, 3, 9));
  EXPECT_EQ(cal.add_working_days(ymd(2026, 3, 7), 1), ymd(2026, 3, 9));  // from a Saturday
  EXPECT_EQ(cal.add_working_days(ymd(2026, 3, 7), 0), ymd(2026, 3, 7));
  EXPECT_EQ(cal.roll_forward(ymd(2026, 3, 7)), ymd(2026, 3, 9));
  EXPECT_EQ(cal.roll_forward(ymd(2026, 3, 9)), ymd(2026, 3, 9));
  EXPECT_EQ(cal.roll_forward(ymd(2026, 2, 14)), ymd(2026, 2, 23));
}

TEST(WorkingCalendar, UncoveredYearsHaveOnlyWeekendsOff) {
  const auto& cal = shipped();
  EXPECT_FALSE(cal.covers(year{2030}));
  EXPECT_TRUE(cal.year_days(year{2030}).empty());
  EXPECT_TRUE(cal.is_working_day(ymd(2030, 1, 1)));  // a Tuesday; New Year is unknown without a table
  EXPECT_FALSE(cal.is_working_day(ymd(2030, 1, 5)));
  EXPECT_EQ(cal.working_days_between(ymd(2029, 12, 31), ymd(2030, 12, 31)), 261);

  const WorkingCalendar empty;
  EXPECT_FALSE(empty.covers(year{2026}));
  EXPECT_TRUE(empty.is_working_day(ymd(2026, 2, 17)));
  EXPECT_EQ(empty.add_working_days(ymd(2026, 2, 13), 3), ymd(2026, 2, 18));
  EXPECT_EQ(empty.working_days_between(ymd(2026, 1, 4), ymd(2026, 1, 11)), 5);
  // Day numbers go negative before 1970; the weekday arithmetic must not care.
  EXPECT_EQ(empty.working_days_between(ymd(1969, 12, 1), ymd(1970, 2, 1)),
            naive_between(empty, ymd(1969, 12, 1), ymd(1970, 2, 1)));
  EXPECT_EQ(empty.working_days_between(ymd(1, 1, 1), ymd(1, 3, 1)),
            naive_between(empty, ymd(1, 1, 1), ymd(1, 3, 1)));
  EXPECT_EQ(empty.add_working_days(ymd(1969, 12, 31), 40), naive_add(empty, ymd(1969, 12, 31), 40));
}

TEST(WorkingCalendar, CrossesYearBoundaries) {
  const auto& cal = shipped();
  // Wed 31 Dec 2025 -> Thu 1 Jan off, Fri 2 Jan swapped, weekend -> Mon 5 Jan 2026.
  EXPECT_EQ(cal.add_working_days(ymd(2025, 12, 31), 1), ymd(2026, 1, 5));
  EXPECT_EQ(cal.add_working_days(ymd(2026, 1, 5), -1), ymd(2025, 12, 31));
  // Thu 31 Dec 2026 -> Fri 1 Jan 2027 off -> Mon 4 Jan 2027.
  EXPECT_EQ(cal.add_working_days(ymd(2026, 12, 31), 1), ymd(2027, 1, 4));
  // Leaving the covered range: Thu 30 Dec 2027 + 2 -> Fri 31 Dec, Mon 3 Jan 2028.
  EXPECT_EQ(cal.add_working_days(ymd(2027, 12, 30), 2), ymd(2028, 1, 3));
  EXPECT_EQ(cal.working_days_between(ymd(2025, 12, 31), ymd(2027, 1, 4)),
            naive_between(cal, ymd(2025, 12, 31), ymd(2027, 1, 4)));
}

TEST(WorkingCalendar, BetweenIsAntisymmetricAndMatchesStepping) {
  const auto& cal = shipped();
  std::mt19937 rng(20260213);
  const sys_days first = sys_days{ymd(2024, 11, 1)};
  std::uniform_int_distribution<int> offset(0, 3 * 366 + 120);
  for (int i = 0; i < 400; ++i) {
    const year_month_day a{first + days{offset(rng)}};
    const year_month_day b{first + days{offset(rng)}};
    const int n = cal.working_days_between(a, b);
    ASSERT_EQ(n, -cal.working_days_between(b, a)) << format_iso_date(a) << " " << format_iso_date(b);
    ASSERT_EQ(n, naive_between(cal, a, b)) << format_iso_date(a) << " " << format_iso_date(b);
    if (sys_days{b} > sys_days{a} && cal.is_working_day(b)) {
      ASSERT_EQ(cal.add_working_days(a, n), b) << format_iso_date(a) << " +" << n;
    }
  }
  EXPECT_EQ(cal.working_days_between(ymd(2026, 2, 17), ymd(2026, 2, 17)), 0);
  EXPECT_EQ(cal.working_days_between(ymd(2026, 2, 25), ymd(2026, 2, 13)), -3);
}

TEST(WorkingCalendar, AddWorkingDaysMatchesSteppingForLargeN) {
  const auto& cal = shipped();
  std::mt19937 rng(42);
  const sys_days first = sys_days{ymd(2024, 6, 1)};
  std::uniform_int_distribution<int> offset(0, 4 * 366);
  std::uniform_int_distribution<int> count(-400, 400);
  for (int i = 0; i < 300; ++i) {
    const year_month_day start{first + days{offset(rng)}};
    const int n = count(rng);
    ASSERT_EQ(cal.add_working_days(start, n), naive_add(cal, start, n)) << format_iso_date(start) << " " << n;
  }
}

TEST(WorkingCalendar, HugeCountsAreClampedAndConsistent) {
  const auto& cal = shipped();
  const auto start = ymd(2026, 2, 13);
  const auto far = cal.add_working_days(start, WorkingCalendar::kMaxWorkingDays);
  ASSERT_TRUE(far.ok());
  EXPECT_EQ(cal.working_days_between(start, far), WorkingCalendar::kMaxWorkingDays);
  EXPECT_EQ(cal.add_working_days(start, 2'000'000'000), far);
  // back is itself the n-th working day and start is one too, so (back, start] holds n of them.
  const auto back = cal.add_working_days(start, -WorkingCalendar::kMaxWorkingDays);
  EXPECT_EQ(cal.working_days_between(back, start), WorkingCalendar::kMaxWorkingDays);
}

TEST(WorkingCalendar, EveryShippedYearHasTheStatutoryHolidays) {
  const auto& cal = shipped();
  const auto years = cal.years();
  ASSERT_GE(years.size(), 3u);
  for (int y : {2025, 2026, 2027}) EXPECT_TRUE(cal.covers(year{y})) << y;

  for (const auto& info : years) {
    const int y = static_cast<int>(info.year);
    SCOPED_TRACE(y);
    EXPECT_EQ(info.origin, std::to_string(y) + ".json");
    EXPECT_FALSE(info.source.empty());
    const auto days_of_year = cal.year_days(info.year);
    EXPECT_EQ(days_of_year.size(), info.day_count);

    for (unsigned m_d : {101u, 430u, 501u, 902u}) {
      const auto d = ymd(y, m_d / 100, m_d % 100);
      const auto entry = cal.special_day(d);
      ASSERT_TRUE(entry.has_value()) << format_iso_date(d);
      EXPECT_EQ(entry->kind, DayKind::kDayOff);
      EXPECT_EQ(entry->category, "holiday");
    }
    // National Day is two days: 2/9 and an adjacent day.
    const bool adjacent =
        cal.special_day(ymd(y, 9, 1)).has_value() || cal.special_day(ymd(y, 9, 3)).has_value();
    EXPECT_TRUE(adjacent);

    int tet_days = 0;
    int tet_weekdays_off = 0;
    bool new_year_day = false;
    bool hung_kings = false;
    for (const auto& d : days_of_year) {
      EXPECT_EQ(d.date.year(), info.year);
      if (d.name_en.find("Lunar New Year") != std::string::npos && d.kind == DayKind::kDayOff) {
        ++tet_days;
        const std::chrono::weekday wd{sys_days{d.date}};
        if (wd != std::chrono::Saturday && wd != std::chrono::Sunday) ++tet_weekdays_off;
        EXPECT_LE(static_cast<unsigned>(d.date.month()), 2u);
      }
      new_year_day = new_year_day || d.name_en == "Lunar New Year's Day";
      hung_kings = hung_kings || d.name_en == "Hung Kings' Commemoration Day";
      if (y == 2027) {
        EXPECT_FALSE(d.confirmed) << "2027 is a projection: " << format_iso_date(d.date);
      }
    }
    EXPECT_GE(tet_days, 5);
    EXPECT_EQ(tet_weekdays_off, 5);  // Labour Code: 5 days of Tết
    EXPECT_TRUE(new_year_day);
    EXPECT_TRUE(hung_kings);
  }
}

TEST(WorkingCalendar, LunarDatesOfShippedYears) {
  const auto& cal = shipped();
  // Mùng 1 Tết and 10/3 lunar, computed for UTC+7.
  EXPECT_EQ(cal.special_day(ymd(2025, 1, 29))->name_en, "Lunar New Year's Day");
  EXPECT_EQ(cal.special_day(ymd(2026, 2, 17))->name_en, "Lunar New Year's Day");
  EXPECT_EQ(cal.special_day(ymd(2027, 2, 6))->name_en, "Lunar New Year's Day");
  EXPECT_EQ(cal.special_day(ymd(2025, 4, 7))->name_en, "Hung Kings' Commemoration Day");
  EXPECT_EQ(cal.special_day(ymd(2026, 4, 26))->name_en, "Hung Kings' Commemoration Day");
  EXPECT_EQ(cal.special_day(ymd(2027, 4, 16))->name_en, "Hung Kings' Commemoration Day");
}

TEST(WorkingCalendar, YearDaysAreSortedAndComplete) {
  const auto& cal = shipped();
  const auto d2026 = cal.year_days(year{2026});
  ASSERT_FALSE(d2026.empty());
  for (std::size_t i = 1; i < d2026.size(); ++i) {
    EXPECT_LT(sys_days{d2026[i - 1].date}, sys_days{d2026[i].date});
  }
  EXPECT_EQ(d2026.front().date, ymd(2026, 1, 1));
  EXPECT_EQ(d2026.back().date, ymd(2026, 9, 2));
  for (const auto& d : d2026) EXPECT_EQ(cal.special_day(d.date), d);
}

// --- Data as the extension point ----------------------------------------------------------------

TEST(WorkingCalendar, NewCategoryIsJustData) {
  // Vietnamese Culture Day (24/11) and a hypothetical worked Sunday: unknown categories, no code change.
  const std::string text =
      year_json(2026,
                "{\"date\": \"2026-11-24\", \"kind\": \"day_off\", \"category\": \"culture_day\", "
                "\"name_vi\": \"Ngày Văn hóa Việt Nam\", \"name_en\": \"Vietnamese Culture Day\", "
                "\"confirmed\": false, \"legal_ref\": \"Nghị quyết 30/NQ-CP\", \"note\": \"pending law\"}, " +
                    day_json("2026-11-29", "working_day", "national_event_workday"));
  auto cal = WorkingCalendar::from_json(text, "culture.json");
  ASSERT_TRUE(cal.has_value()) << cal.error().message;
  EXPECT_FALSE(cal->is_working_day(ymd(2026, 11, 24)));  // Tuesday
  EXPECT_TRUE(cal->is_working_day(ymd(2026, 11, 29)));   // Sunday
  const auto info = cal->special_day(ymd(2026, 11, 24));
  ASSERT_TRUE(info.has_value());
  EXPECT_EQ(info->category, "culture_day");
  EXPECT_EQ(info->name_vi, "Ngày Văn hóa Việt Nam");
  EXPECT_FALSE(info->confirmed);
  EXPECT_EQ(info->legal_ref, "Nghị quyết 30/NQ-CP");
  EXPECT_EQ(info->note, "pending law");
  // Mon 23 -> (Tue 24 off) Wed 25, Thu 26, Fri 27, Sun 29.
  EXPECT_EQ(cal->add_working_days(ymd(2026, 11, 23), 4), ymd(2026, 11, 29));
  EXPECT_EQ(cal->working_days_between(ymd(2026, 11, 23), ymd(2026, 11, 30)), 5);
}

TEST(WorkingCalendar, AddYearMergesAndRejectsDuplicates) {
  WorkingCalendar cal;
  ASSERT_TRUE(cal.add_year(year_json(2030, day_json("2030-01-01")), "a.json").has_value());
  EXPECT_TRUE(cal.covers(year{2030}));
  EXPECT_FALSE(cal.is_working_day(ymd(2030, 1, 1)));

  const auto before = cal.fingerprint();
  auto again = cal.add_year(year_json(2030, day_json("2030-01-02")), "b.json");
  ASSERT_FALSE(again.has_value());
  EXPECT_EQ(again.error().code, ErrorCode::kConflict);
  EXPECT_NE(again.error().message.find("a.json"), std::string::npos) << again.error().message;
  EXPECT_TRUE(cal.is_working_day(ymd(2030, 1, 2)));  // unchanged on error
  EXPECT_EQ(cal.fingerprint(), before);

  auto bad = cal.add_year(year_json(2031, day_json("2031-02-30")), "c.json");
  ASSERT_FALSE(bad.has_value());
  EXPECT_FALSE(cal.covers(year{2031}));
  EXPECT_EQ(cal.years().size(), 1u);
}

TEST(WorkingCalendar, FingerprintFollowsEffectNotWording) {
  auto a = WorkingCalendar::from_json(year_json(2030, day_json("2030-01-01")));
  auto renamed = WorkingCalendar::from_json(
      year_json(2030,
                "{\"date\": \"2030-01-01\", \"kind\": \"day_off\", \"category\": \"holiday\", \"name_vi\": "
                "\"Tết\", \"name_en\": \"New Year\", \"confirmed\": false}"));
  auto moved = WorkingCalendar::from_json(year_json(2030, day_json("2030-01-02")));
  ASSERT_TRUE(a && renamed && moved);
  EXPECT_EQ(a->fingerprint().size(), 16u);
  EXPECT_EQ(a->fingerprint(), renamed->fingerprint());
  EXPECT_NE(a->fingerprint(), moved->fingerprint());
  EXPECT_NE(a->fingerprint(), WorkingCalendar().fingerprint());
}

// --- Bad data -----------------------------------------------------------------------------------

struct BadCase {
  const char* label;
  std::string json;
  ErrorCode code;
  std::string field;         // expected Error::field
  std::string message_part;  // must appear in the message
};

TEST(WorkingCalendar, MalformedDataIsRejectedWithFieldAndReason) {
  const std::vector<BadCase> cases = {
      {"not json", "{\"year\": 2026,", ErrorCode::kMalformedJson, "", "bad.json: not valid JSON"},
      {"top level array", "[]", ErrorCode::kInvalidArgument, "", "top level must be an object"},
      {"missing year", "{\"source\": \"x\", \"days\": []}", ErrorCode::kInvalidArgument, "year", "missing"},
      {"year as string", "{\"year\": \"2026\", \"source\": \"x\", \"days\": []}", ErrorCode::kInvalidArgument,
       "year", "must be an integer"},
      {"missing source", "{\"year\": 2026, \"days\": []}", ErrorCode::kInvalidArgument, "source", "missing"},
      {"days not array", "{\"year\": 2026, \"source\": \"x\", \"days\": {}}", ErrorCode::kInvalidArgument,
       "days", "must be an array"},
      {"unknown top key", "{\"year\": 2026, \"source\": \"x\", \"days\": [], \"dayz\": []}",
       ErrorCode::kInvalidArgument, "dayz", "unknown field"},
      {"bad date", year_json(2026, day_json("2026-02-30")), ErrorCode::kInvalidArgument, "days[0].date",
       "\"2026-02-30\" is not a valid YYYY-MM-DD date"},
      {"loose date", year_json(2026, day_json("2026-2-3")), ErrorCode::kInvalidArgument, "days[0].date",
       "not a valid YYYY-MM-DD"},
      {"date in other year", year_json(2026, day_json("2026-01-01") + "," + day_json("2027-01-01")),
       ErrorCode::kInvalidArgument, "days[1].date", "not in the file's year 2026"},
      {"duplicate date",
       year_json(2026, day_json("2026-09-02") + "," + day_json("2026-01-01") + "," +
                           day_json("2026-09-02", "day_off", "swap_day_off")),
       ErrorCode::kInvalidArgument, "days[2].date", "duplicate date 2026-09-02 (also days[0])"},
      {"unknown kind", year_json(2026, day_json("2026-01-01", "holiday")), ErrorCode::kInvalidArgument,
       "days[0].kind", "unknown kind \"holiday\""},
      {"worked weekday", year_json(2026, day_json("2026-01-09", "working_day", "make_up_workday")),
       ErrorCode::kInvalidArgument, "days[0].kind", "not a Saturday or Sunday"},
      {"bad category", year_json(2026, day_json("2026-01-01", "day_off", "Holiday")),
       ErrorCode::kInvalidArgument, "days[0].category", "lowercase"},
      {"day not object", year_json(2026, "\"2026-01-01\""), ErrorCode::kInvalidArgument, "days[0]",
       "must be an object"},
      {"missing name",
       year_json(2026,
                 "{\"date\": \"2026-01-01\", \"kind\": \"day_off\", \"category\": "
                 "\"holiday\", \"name_en\": \"x\", \"confirmed\": true}"),
       ErrorCode::kInvalidArgument, "days[0].name_vi", "missing required string"},
      {"confirmed as string",
       year_json(2026,
                 "{\"date\": \"2026-01-01\", \"kind\": \"day_off\", \"category\": "
                 "\"holiday\", \"name_vi\": \"x\", \"name_en\": \"x\", "
                 "\"confirmed\": \"yes\"}"),
       ErrorCode::kInvalidArgument, "days[0].confirmed", "must be true or false"},
      {"misspelt key",
       year_json(2026,
                 "{\"date\": \"2026-01-01\", \"kind\": \"day_off\", \"category\": "
                 "\"holiday\", \"name_vi\": \"x\", \"name_en\": \"x\", \"confirmed\": "
                 "true, \"legal_rf\": \"x\"}"),
       ErrorCode::kInvalidArgument, "days[0].legal_rf", "unknown field"},
  };
  for (const auto& c : cases) {
    SCOPED_TRACE(c.label);
    auto cal = WorkingCalendar::from_json(c.json, "bad.json");
    ASSERT_FALSE(cal.has_value());
    EXPECT_EQ(cal.error().code, c.code);
    EXPECT_EQ(cal.error().field, c.field);
    EXPECT_NE(cal.error().message.find(c.message_part), std::string::npos) << cal.error().message;
    EXPECT_EQ(cal.error().message.rfind("bad.json: ", 0), 0u) << cal.error().message;
  }
}

TEST(WorkingCalendar, DirectoryErrorsNameTheFile) {
  {
    auto missing = WorkingCalendar::load_directory("/nonexistent/sen/calendar");
    ASSERT_FALSE(missing.has_value());
    EXPECT_EQ(missing.error().code, ErrorCode::kNotFound);
  }
  {
    TempDir dir;
    dir.write("README.md", "not a table");
    auto empty = WorkingCalendar::load_directory(dir.path());
    ASSERT_FALSE(empty.has_value());
    EXPECT_EQ(empty.error().code, ErrorCode::kNotFound);
  }
  {
    TempDir dir;
    dir.write("2026.json", year_json(2026, day_json("2026-01-01")));
    dir.write("2027.json", year_json(2027, day_json("2027-13-01")));
    auto bad = WorkingCalendar::load_directory(dir.path());
    ASSERT_FALSE(bad.has_value());
    EXPECT_EQ(bad.error().field, "days[0].date");
    EXPECT_EQ(bad.error().message.rfind("2027.json: days[0].date: ", 0), 0u) << bad.error().message;
    EXPECT_EQ(bad.error().internal, (dir.path() / "2027.json").string());
  }
  {
    TempDir dir;
    dir.write("2027.json", year_json(2026, day_json("2026-01-01")));
    auto mismatch = WorkingCalendar::load_directory(dir.path());
    ASSERT_FALSE(mismatch.has_value());
    EXPECT_EQ(mismatch.error().field, "year");
    EXPECT_NE(mismatch.error().message.find("2027.json: year: 2026 does not match the file name"),
              std::string::npos)
        << mismatch.error().message;
  }
  {
    TempDir dir;
    dir.write("2026.json", year_json(2026, day_json("2026-01-01")));
    dir.write("2026-extra.json", year_json(2026, day_json("2026-01-02")));
    auto twice = WorkingCalendar::load_directory(dir.path());
    ASSERT_FALSE(twice.has_value());
    EXPECT_EQ(twice.error().code, ErrorCode::kConflict);
    EXPECT_NE(twice.error().message.find("already defined in"), std::string::npos) << twice.error().message;
  }
  {
    TempDir dir;
    dir.write("README.md", "ignored");
    dir.write("2026.json", year_json(2026, day_json("2026-01-01")));
    dir.write("custom-2031.json", year_json(2031, day_json("2031-01-01")));
    auto ok = WorkingCalendar::load_directory(dir.path());
    ASSERT_TRUE(ok.has_value()) << ok.error().message;
    EXPECT_TRUE(ok->covers(year{2026}));
    EXPECT_TRUE(ok->covers(year{2031}));
    EXPECT_EQ(ok->years().size(), 2u);
  }
}

// --- Date parsing -------------------------------------------------------------------------------

TEST(CalendarDateParsing, AcceptsStrictDates) {
  auto d = parse_iso_date("2026-02-13", "from");
  ASSERT_TRUE(d.has_value());
  EXPECT_EQ(*d, ymd(2026, 2, 13));
  EXPECT_EQ(parse_iso_date("2024-02-29", "x").value(), ymd(2024, 2, 29));
  EXPECT_EQ(parse_iso_date("0001-01-01", "x").value(), ymd(1, 1, 1));
  EXPECT_EQ(format_iso_date(ymd(2026, 2, 13)), "2026-02-13");
  EXPECT_EQ(format_iso_date(ymd(987, 1, 2)), "0987-01-02");
}

TEST(CalendarDateParsing, RejectsEverythingElseNamingTheField) {
  for (const char* text : {"", "2026-2-13", "2026-02-1", "2026/02/13", "20260213", "2026-02-13T00:00",
                           " 2026-02-13", "2026-02-13 ", "+026-02-13", "2026-0x-13", "2026-02-30",
                           "2025-02-29", "2026-13-01", "2026-00-10", "2026-01-00", "0000-01-01"}) {
    auto d = parse_iso_date(text, "due_from");
    ASSERT_FALSE(d.has_value()) << '"' << text << '"';
    EXPECT_EQ(d.error().code, ErrorCode::kInvalidArgument);
    EXPECT_EQ(d.error().field, "due_from");
    EXPECT_FALSE(d.error().message.empty());
  }
}

}  // namespace
}  // namespace sen::calendar
