#include "http/table_export.hpp"

#include <fmt/format.h>

#include "http/api_support.hpp"
#include "tables/csv.hpp"
#include "tables/xlsx_writer.hpp"

namespace sen::http {

Result<TableFormat> table_format_param(const Request& r) {
  const auto v = r.query_param("format");
  if (v == "csv") return TableFormat::kCsv;
  if (v == "xlsx") return TableFormat::kXlsx;
  return fail(ErrorCode::kInvalidArgument, "format must be csv or xlsx", "format");
}

Result<Language> language_param(const Request& r) {
  const auto v = r.query_param("lang").value_or("vi");
  if (v == "vi") return Language::kVietnamese;
  if (v == "en") return Language::kEnglish;
  return fail(ErrorCode::kInvalidArgument, "lang must be vi or en", "lang");
}

Response table_download(const Result<tables::Table>& table, TableFormat format, std::string_view file_stem,
                        const std::filesystem::path& scratch_dir, const Request& r) {
  if (!table) return error_response(table.error(), r);
  Response out{200, "", {}, {}};
  switch (format) {
    case TableFormat::kCsv:
      out.content_type = "text/csv; charset=utf-8";
      out.body = tables::write_csv(*table);
      break;
    case TableFormat::kXlsx: {
      auto bytes = tables::write_xlsx(*table, scratch_dir);
      if (!bytes) return error_response(bytes.error(), r);
      out.content_type = std::string(kXlsxMediaType);
      out.body = std::move(*bytes);
      break;
    }
  }
  out.headers.push_back({"Content-Disposition", fmt::format("attachment; filename=\"{}.{}\"", file_stem,
                                                            format == TableFormat::kCsv ? "csv" : "xlsx")});
  out.headers.push_back({"Cache-Control", "private, no-store"});
  return out;
}

}  // namespace sen::http
