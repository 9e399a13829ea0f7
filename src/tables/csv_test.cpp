#include "tables/csv.hpp"

#include <gtest/gtest.h>

namespace sen::tables {
namespace {

using namespace std::chrono;

TEST(Csv, WritesHeaderRowsAndVietnamTimes) {
  Table t{"Sổ", {"Mã", "Số", "Lúc"}, {}};
  t.rows.push_back({std::string("H1, \"A\""), std::int64_t{42}, sys_days(2026y / 12 / 3) + 10h});
  t.rows.push_back({std::monostate{}, std::string("Nguyễn Văn An"), std::monostate{}});
  EXPECT_EQ(write_csv(t),
            "\xEF\xBB\xBFMã,Số,Lúc\r\n"
            "\"H1, \"\"A\"\"\",42,17:00 03/12/2026\r\n"
            ",Nguyễn Văn An,\r\n");
}

TEST(Csv, MeasuresHaveTwoDecimalsForPeopleAndAllForMachines) {
  Table t{"x", {"a"}, {{2.0 / 3}, {93.25}, {100.0}}};
  EXPECT_EQ(write_csv(t),
            "\xEF\xBB\xBF"
            "a\r\n0.67\r\n93.25\r\n100\r\n");
  EXPECT_EQ(write_csv(t, Decimals::kExact),
            "\xEF\xBB\xBF"
            "a\r\n0.6666666666666666\r\n93.25\r\n100\r\n");
}

TEST(Csv, NeutralisesWhatASpreadsheetWouldRunAsAFormula) {
  Table t{"x", {"a"}, {}};
  for (const char* v : {"=HYPERLINK(\"http://x\")", "+1", "-2", "@SUM(A1)", "\tx"})
    t.rows.push_back({std::string(v)});
  const auto csv = write_csv(t);
  EXPECT_NE(csv.find("\"'=HYPERLINK(\"\"http://x\"\")\""), std::string::npos) << csv;
  EXPECT_NE(csv.find("\"'+1\""), std::string::npos);
  EXPECT_NE(csv.find("\"'-2\""), std::string::npos);
  EXPECT_NE(csv.find("\"'@SUM(A1)\""), std::string::npos);
  EXPECT_NE(csv.find("\"'\tx\""), std::string::npos);
}

TEST(Csv, ReadsWhatItWrites) {
  Table t{"x", {"u", "n"}, {{std::string("a,b"), std::string("line\nbreak \"q\"")}}};
  auto records = read_csv(write_csv(t));
  ASSERT_TRUE(records) << records.error().message;
  ASSERT_EQ(records->size(), 2u);
  EXPECT_EQ((*records)[1], (std::vector<std::string>{"a,b", "line\nbreak \"q\""}));
}

TEST(Csv, ReadsQuotesBlankLinesAndTrims) {
  auto records = read_csv("\xEF\xBB\xBFu,n\r\n a , \"Lê, \"\"Văn\"\"\nB\"\r\n\r\nx,y");
  ASSERT_TRUE(records);
  ASSERT_EQ(records->size(), 3u);
  EXPECT_EQ((*records)[1], (std::vector<std::string>{"a", "Lê, \"Văn\"\nB"}));
  auto open = read_csv("u\n\"never closed\n");
  ASSERT_FALSE(open);
  EXPECT_EQ(open.error().field, "file");
}

TEST(Csv, VietnamTimeCrossesMidnight) {
  EXPECT_EQ(vietnam_time_text(sys_days(2026y / 12 / 31) + 18h + 5min), "01:05 01/01/2027");
}

}  // namespace
}  // namespace sen::tables
