#pragma once

#include <filesystem>
#include <string>
#include <string_view>

#include "core/language.hpp"
#include "core/status.hpp"
#include "http/message.hpp"
#include "tables/table.hpp"

namespace sen::http {

inline constexpr std::string_view kXlsxMediaType =
    "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet";

enum class TableFormat { kCsv, kXlsx };

// `format` (csv or xlsx; required) and `lang` (vi, the default, or en) of an export request; a missing
// or unknown value is kInvalidArgument naming the parameter.
Result<TableFormat> table_format_param(const Request& r);
Result<Language> language_param(const Request& r);

// The query parameters an export takes besides a list's own filters.
inline constexpr std::string_view kExportParams[] = {"format", "lang"};

// The records of a file sent as text/csv or as XLSX (its first sheet): 415 naming content-type for
// any other type, 400 naming `file` when an XLSX type does not hold an XLSX workbook.
Result<tables::Records> spreadsheet_records(const Request& r, std::size_t max_unpacked_bytes);

// The table as a download named `<file_stem>.csv` or `.xlsx`, or the error as problem+json.
Response table_download(const Result<tables::Table>& table, TableFormat format, std::string_view file_stem,
                        const std::filesystem::path& scratch_dir, const Request& r);

}  // namespace sen::http
