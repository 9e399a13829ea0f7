#include "analytics/period.hpp"

#include <gtest/gtest.h>

namespace sen::analytics {
namespace {

const Month kDec2026 = month_of(2026, 12);

std::vector<std::string> ids(std::string_view text) {
  auto p = parse_periods(text, kDec2026, "period");
  EXPECT_TRUE(p) << text;
  std::vector<std::string> out;
  if (p)
    for (const auto& x : *p) out.push_back(x.id());
  return out;
}

TEST(Period, ReadsMonthsQuartersYearsAndYearToDate) {
  EXPECT_EQ(ids("2026-01"), std::vector<std::string>{"2026-01"});
  EXPECT_EQ(ids("2026-Q3"), std::vector<std::string>{"2026-Q3"});
  EXPECT_EQ(ids("2025"), std::vector<std::string>{"2025"});
  auto q = parse_periods("2026-Q3", kDec2026, "period");
  EXPECT_EQ(q->front().first, month_of(2026, 7));
  EXPECT_EQ(q->front().last, month_of(2026, 9));
  auto ytd = parse_periods("2026-YTD", month_of(2026, 5), "period");
  EXPECT_EQ(ytd->front().first, month_of(2026, 1));
  EXPECT_EQ(ytd->front().last, month_of(2026, 5));
  EXPECT_EQ(parse_periods("2025-YTD", month_of(2026, 5), "period")->front().last, month_of(2025, 12));
}

TEST(Period, ExpandsRelativePeriods) {
  const auto last12 = ids("LAST_12_MONTHS");
  ASSERT_EQ(last12.size(), 12u);
  EXPECT_EQ(last12.front(), "2025-12");
  EXPECT_EQ(last12.back(), "2026-11");
  EXPECT_EQ(ids("LAST_4_QUARTERS"), (std::vector<std::string>{"2025-Q4", "2026-Q1", "2026-Q2", "2026-Q3"}));
  EXPECT_EQ(ids("THIS_YEAR"), std::vector<std::string>{"2026"});
}

TEST(Period, RefusesMalformedPeriodsNamingTheField) {
  for (const char* bad :
       {"", "26", "2026-13", "2026-Q5", "2026-1", "2026-YTDX", "2027-YTD", "abcd", "2026-00", "1800"}) {
    auto p = parse_periods(bad, kDec2026, "period");
    ASSERT_FALSE(p) << bad;
    EXPECT_EQ(p.error().field, "period");
  }
}

TEST(Period, StepsBackByItsOwnLength) {
  EXPECT_EQ(previous_period(month_period(month_of(2026, 1))).id(), "2025-12");
  EXPECT_EQ(previous_period(quarter_period(2026, 1)).id(), "2025-Q4");
  EXPECT_EQ(same_period_last_year(quarter_period(2026, 2)).id(), "2025-Q2");
  EXPECT_EQ(month_of_text("2026-12-03T10:00:00+07:00"), kDec2026);
  EXPECT_EQ(month_of_text("garbage"), -1);
}

}  // namespace
}  // namespace sen::analytics
