#include "opendata/upload_check.hpp"

#include <gtest/gtest.h>

namespace sen::opendata {
namespace {

std::vector<Column> dictionary() {
  return {
      Column{
          "school", ColumnType::kText, {"Trường", "School"}, {"Tên trường", "School"}, "", false, true, true},
      Column{"pupils",
             ColumnType::kInteger,
             {"Học sinh", "Pupils"},
             {"Số học sinh", "Pupils"},
             "",
             false,
             true,
             false},
      Column{"share",
             ColumnType::kNumber,
             {"Tỷ lệ", "Share"},
             {"Tỷ lệ", "Share"},
             "percent",
             false,
             false,
             false}};
}

TEST(UploadCheck, ReadsColumnsInAnyOrderAsTheirTypes) {
  auto out = check_upload(dictionary(),
                          {{"pupils", "share", "school"}, {"420", "12.5", "Trường A"}, {"7", "", "B"}}, 10);
  ASSERT_TRUE(out.problems.empty()) << out.problems[0].message;
  ASSERT_EQ(out.rows.size(), 2u);
  EXPECT_EQ(out.rows[0][0].as_string(), "Trường A");
  EXPECT_EQ(out.rows[0][1].as_int64(), 420);
  EXPECT_DOUBLE_EQ(out.rows[0][2].as_double(), 12.5);
  EXPECT_TRUE(out.rows[1][2].is_null());
}

TEST(UploadCheck, ListsEveryBadCellByRowAndColumnAndKeepsNothing) {
  auto out = check_upload(
      dictionary(), {{"school", "pupils", "share"}, {"A", "many", "1,5"}, {"", "3", "2"}, {"C", "4", "x"}},
      10);
  EXPECT_TRUE(out.rows.empty());
  ASSERT_EQ(out.problems.size(), 4u);
  EXPECT_EQ(out.problems[0].row, 2u);
  EXPECT_EQ(out.problems[0].column, "pupils");
  EXPECT_EQ(out.problems[1].row, 2u);
  EXPECT_EQ(out.problems[1].column, "share");
  EXPECT_EQ(out.problems[2].row, 3u);
  EXPECT_EQ(out.problems[2].column, "school");
  EXPECT_EQ(out.problems[3].row, 4u);
}

TEST(UploadCheck, TheHeaderMustNameTheDictionary) {
  auto out = check_upload(dictionary(), {{"school", "pupils", "extra", "pupils"}}, 10);
  ASSERT_EQ(out.problems.size(), 3u);
  EXPECT_EQ(out.problems[0].column, "extra");
  EXPECT_EQ(out.problems[1].message, "Named twice");
  EXPECT_EQ(out.problems[2].column, "share");
  auto big = check_upload(dictionary(), {{"school", "pupils", "share"}, {"A", "1", "1"}, {"B", "2", "2"}}, 1);
  ASSERT_EQ(big.problems.size(), 1u);
  EXPECT_NE(big.problems[0].message.find("More than 1 rows"), std::string::npos);
}

}  // namespace
}  // namespace sen::opendata
