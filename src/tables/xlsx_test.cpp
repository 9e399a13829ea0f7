#include <gtest/gtest.h>
#include <minizip/zip.h>

#include <filesystem>
#include <fstream>

#include "tables/xlsx_reader.hpp"
#include "tables/xlsx_writer.hpp"

namespace sen::tables {
namespace {

using namespace std::chrono;

std::filesystem::path scratch() {
  auto dir = std::filesystem::path(::testing::TempDir()) / "sen-xlsx-test";
  std::filesystem::create_directories(dir);
  return dir;
}

// A ZIP archive of the given members, written by minizip itself (what another program might send).
std::string zip_of(const std::vector<std::pair<std::string, std::string>>& members) {
  const auto path = (scratch() / "made.zip").string();
  zipFile z = zipOpen64(path.c_str(), 0);
  for (const auto& [name, body] : members) {
    zipOpenNewFileInZip64(z, name.c_str(), nullptr, nullptr, 0, nullptr, 0, nullptr, Z_DEFLATED, 6, 0);
    zipWriteInFileInZip(z, body.data(), static_cast<unsigned>(body.size()));
    zipCloseFileInZip(z);
  }
  zipClose(z, nullptr);
  std::ifstream in(path, std::ios::binary);
  return {std::istreambuf_iterator<char>(in), {}};
}

const std::string kWorkbook =
    R"(<?xml version="1.0"?><x:workbook xmlns:x="http://schemas.openxmlformats.org/spreadsheetml/2006/main" )"
    R"(xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships"><x:sheets>)"
    R"(<x:sheet name="Cán bộ" sheetId="1" r:id="rId7"/><x:sheet name="B" sheetId="2" r:id="rId1"/></x:sheets></x:workbook>)";
const std::string kRels =
    R"(<?xml version="1.0"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">)"
    R"(<Relationship Id="rId1" Type="ws" Target="worksheets/sheet1.xml"/>)"
    R"(<Relationship Id="rId7" Type="ws" Target="/xl/worksheets/people.xml"/></Relationships>)";

TEST(Xlsx, WrittenWorkbookReadsBack) {
  Table t{"Hàng đợi: tháng 12/2026 [x]", {"Mã hồ sơ", "Người nộp", "Số", "Hạn"}, {}};
  t.rows.push_back({std::string("H1.2026.000001"), std::string("Nguyễn Thị Ánh"), std::int64_t{7},
                    sys_days(2026y / 12 / 3) + 10h});
  t.rows.push_back({std::string("=1+1"), std::monostate{}, std::int64_t{-3}, std::monostate{}});
  auto bytes = write_xlsx(t, scratch());
  ASSERT_TRUE(bytes) << bytes.error().message;
  EXPECT_TRUE(looks_like_xlsx(*bytes));
  auto records = read_xlsx(*bytes, 1 << 20);
  ASSERT_TRUE(records) << records.error().message;
  ASSERT_EQ(records->size(), 3u);
  EXPECT_EQ((*records)[0], (std::vector<std::string>{"Mã hồ sơ", "Người nộp", "Số", "Hạn"}));
  EXPECT_EQ((*records)[1][0], "H1.2026.000001");
  EXPECT_EQ((*records)[1][1], "Nguyễn Thị Ánh");
  EXPECT_EQ((*records)[1][2], "7");
  // 17:00 on 3 December 2026 in Vietnam, as an Excel serial date-time.
  EXPECT_EQ((*records)[1][3].substr(0, 11), "46359.70833");
  // Text that looks like a formula stays text.
  EXPECT_EQ((*records)[2], (std::vector<std::string>{"=1+1", "", "-3"}));
  // Nothing left behind in the scratch directory but what the test made.
  for (const auto& e : std::filesystem::directory_iterator(scratch())) {
    EXPECT_FALSE(e.path().filename().string().starts_with("export-")) << e.path();
  }
}

TEST(Xlsx, ReadsTheFirstSheetWithSharedAndInlineStrings) {
  const std::string strings =
      R"(<sst xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"><si><t>username</t></si>)"
      R"(<si><r><t>Lê </t></r><r><t>Văn</t></r><rPh><t>ignored</t></rPh></si></sst>)";
  const std::string sheet =
      R"(<worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"><sheetData>)"
      R"(<row r="1"><c r="A1" t="s"><v>0</v></c><c r="C1" t="inlineStr"><is><t>roles</t></is></c></row>)"
      R"(<row r="2"/><row r="3"><c r="A3"><v>12345</v></c><c r="B3" t="s"><v>1</v></c><c t="b"><v>1</v></c></row>)"
      R"(</sheetData></worksheet>)";
  auto bytes = zip_of({{"xl/workbook.xml", kWorkbook},
                       {"xl/_rels/workbook.xml.rels", kRels},
                       {"xl/sharedStrings.xml", strings},
                       {"xl/worksheets/sheet1.xml", "<worksheet/>"},
                       {"xl/worksheets/people.xml", sheet}});
  auto records = read_xlsx(bytes, 1 << 20);
  ASSERT_TRUE(records) << records.error().message;
  ASSERT_EQ(records->size(), 2u);
  EXPECT_EQ((*records)[0], (std::vector<std::string>{"username", "", "roles"}));
  EXPECT_EQ((*records)[1], (std::vector<std::string>{"12345", "Lê Văn", "TRUE"}));
}

TEST(Xlsx, RefusesWhatIsNotASafeWorkbook) {
  auto refused = [](const std::string& bytes, std::size_t budget = 1 << 20) {
    auto r = read_xlsx(bytes, budget);
    EXPECT_FALSE(r);
    if (!r) {
      EXPECT_EQ(r.error().field, "file");
    }
    return r ? std::string() : r.error().message;
  };
  EXPECT_NE(refused("username,full_name\n").find("ZIP"), std::string::npos);
  EXPECT_NE(refused(zip_of({{"hello.txt", "hi"}})).find("xl/workbook.xml is missing"), std::string::npos);
  const std::string laughs =
      R"(<?xml version="1.0"?><!DOCTYPE x [<!ENTITY a "aaaaaaaaaa"><!ENTITY b "&a;&a;&a;&a;&a;&a;&a;">]>)"
      R"(<workbook><sheets><sheet r:id="x" xmlns:r="r"/></sheets></workbook>)";
  EXPECT_NE(refused(zip_of({{"xl/workbook.xml", laughs}})).find("DOCTYPE"), std::string::npos);
  EXPECT_NE(refused(zip_of({{"xl/workbook.xml", "<workbook><sheets>"}})).find("well-formed"),
            std::string::npos);
  // 4 MiB of zeros packs to a few KiB; it must not be unpacked past the budget.
  const std::string bomb = "<workbook>" + std::string(4 << 20, ' ') + "</workbook>";
  auto big = read_xlsx(zip_of({{"xl/workbook.xml", bomb}}), 1 << 20);
  ASSERT_FALSE(big);
  EXPECT_EQ(big.error().code, ErrorCode::kPayloadTooLarge);
  const std::string bad_index =
      R"(<worksheet><sheetData><row><c t="s"><v>9</v></c></row></sheetData></worksheet>)";
  EXPECT_NE(refused(zip_of({{"xl/workbook.xml", kWorkbook},
                            {"xl/_rels/workbook.xml.rels", kRels},
                            {"xl/worksheets/people.xml", bad_index}}))
                .find("shared string"),
            std::string::npos);
}

}  // namespace
}  // namespace sen::tables
