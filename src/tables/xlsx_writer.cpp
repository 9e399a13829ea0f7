#include "tables/xlsx_writer.hpp"

#include <fcntl.h>
#include <fmt/format.h>
#include <unistd.h>
#include <xlsxwriter.h>

#include <algorithm>
#include <fstream>
#include <sstream>

#include "core/clock.hpp"

namespace sen::tables {
namespace {

constexpr std::size_t kMaxSheetNameChars = 31;  // Excel's limit

// Excel refuses these in a sheet name.
std::string sheet_name(const std::string& title) {
  std::string out;
  for (char c : title) {
    if (std::string_view("[]:*?/\\").find(c) == std::string_view::npos) out += c;
  }
  // Cut on a UTF-8 character boundary.
  std::size_t chars = 0, end = 0;
  for (std::size_t i = 0; i < out.size(); ++i) {
    if ((static_cast<unsigned char>(out[i]) & 0xC0) != 0x80) {
      if (chars == kMaxSheetNameChars) break;
      ++chars;
    }
    end = i + 1;
  }
  out.resize(end);
  return out.empty() ? "Sheet1" : out;
}

lxw_datetime vietnam_datetime(std::chrono::system_clock::time_point t) {
  const auto [date, time] = vietnam_civil_time(t);
  return lxw_datetime{int(date.year()),
                      static_cast<int>(unsigned(date.month())),
                      static_cast<int>(unsigned(date.day())),
                      static_cast<int>(time.hours().count()),
                      static_cast<int>(time.minutes().count()),
                      static_cast<double>(time.seconds().count())};
}

std::size_t display_width(const std::string& s) {
  std::size_t chars = 0;
  for (char c : s) chars += (static_cast<unsigned char>(c) & 0xC0) != 0x80;
  return chars;
}

}  // namespace

Result<std::string> write_xlsx(const Table& table, const std::filesystem::path& scratch_dir) {
  constexpr std::size_t kMaxRows = 1'048'575;  // Excel's sheet, less the header row
  if (table.rows.size() > kMaxRows) {
    return fail(ErrorCode::kPayloadTooLarge, fmt::format("An XLSX sheet holds at most {} rows", kMaxRows));
  }
  std::error_code ec;
  std::filesystem::create_directories(scratch_dir, ec);
  std::string path = (scratch_dir / "export-XXXXXX").string();
  const int fd = ::mkstemp(path.data());
  if (fd < 0) return fail_internal("cannot create a scratch file in " + scratch_dir.string());
  ::close(fd);
  struct Remove {
    std::string path;
    ~Remove() { std::remove(path.c_str()); }
  } remove{path};

  const std::string tmpdir = scratch_dir.string();
  lxw_workbook_options options{};
  options.constant_memory = LXW_TRUE;
  options.tmpdir = const_cast<char*>(tmpdir.c_str());
  lxw_workbook* book = workbook_new_opt(path.c_str(), &options);
  if (book == nullptr) return fail_internal("cannot start an XLSX workbook");
  lxw_worksheet* sheet = workbook_add_worksheet(book, sheet_name(table.title).c_str());
  lxw_format* header = workbook_add_format(book);
  format_set_bold(header);
  lxw_format* when = workbook_add_format(book);
  format_set_num_format(when, "dd/mm/yyyy hh:mm");

  std::vector<std::size_t> widths(table.headers.size(), 8);
  lxw_error err = LXW_NO_ERROR;
  auto check = [&](lxw_error e) {
    if (err == LXW_NO_ERROR) err = e;
  };
  for (std::size_t c = 0; c < table.headers.size(); ++c) {
    check(worksheet_write_string(sheet, 0, static_cast<lxw_col_t>(c), table.headers[c].c_str(), header));
    widths[c] = std::max(widths[c], display_width(table.headers[c]));
  }
  for (std::size_t r = 0; r < table.rows.size() && err == LXW_NO_ERROR; ++r) {
    const auto row = static_cast<lxw_row_t>(r + 1);
    for (std::size_t c = 0; c < table.rows[r].size() && c < table.headers.size(); ++c) {
      const auto col = static_cast<lxw_col_t>(c);
      const Cell& cell = table.rows[r][c];
      if (const auto* s = std::get_if<std::string>(&cell)) {
        if (!s->empty()) check(worksheet_write_string(sheet, row, col, s->c_str(), nullptr));
        widths[c] = std::max(widths[c], display_width(*s));
      } else if (const auto* n = std::get_if<std::int64_t>(&cell)) {
        check(worksheet_write_number(sheet, row, col, static_cast<double>(*n), nullptr));
      } else if (const auto* d = std::get_if<double>(&cell)) {
        check(worksheet_write_number(sheet, row, col, *d, nullptr));
      } else if (const auto* t = std::get_if<std::chrono::system_clock::time_point>(&cell)) {
        auto dt = vietnam_datetime(*t);
        check(worksheet_write_datetime(sheet, row, col, &dt, when));
        widths[c] = std::max<std::size_t>(widths[c], 16);
      }
    }
  }
  if (err != LXW_NO_ERROR) {
    workbook_close(book);
    return fail(ErrorCode::kInvalidArgument,
                std::string("A value cannot be written to XLSX: ") + lxw_strerror(err));
  }
  for (std::size_t c = 0; c < widths.size(); ++c) {
    worksheet_set_column(sheet, static_cast<lxw_col_t>(c), static_cast<lxw_col_t>(c),
                         static_cast<double>(std::min<std::size_t>(widths[c], 60) + 2), nullptr);
  }
  if (!table.headers.empty()) {
    worksheet_freeze_panes(sheet, 1, 0);
    worksheet_autofilter(sheet, 0, 0, static_cast<lxw_row_t>(table.rows.size()),
                         static_cast<lxw_col_t>(table.headers.size() - 1));
  }
  if (const lxw_error closed = workbook_close(book); closed != LXW_NO_ERROR) {
    return fail_internal(std::string("cannot write the XLSX workbook: ") + lxw_strerror(closed));
  }
  std::ifstream in(path, std::ios::binary);
  std::ostringstream bytes;
  bytes << in.rdbuf();
  if (!in) return fail_internal("cannot read back the XLSX workbook");
  return std::move(bytes).str();
}

}  // namespace sen::tables
