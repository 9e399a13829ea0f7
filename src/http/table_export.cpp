#include "http/table_export.hpp"

#include <fmt/format.h>

#include "http/api_support.hpp"
#include "tables/csv.hpp"
#include "tables/xlsx_reader.hpp"
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

Result<tables::Records> spreadsheet_records(const Request& r, std::size_t max_unpacked_bytes) {
  const auto type = r.header("content-type").value_or("");
  if (type.starts_with("text/csv")) return tables::read_csv(r.body);
  if (type.starts_with(kXlsxMediaType)) {
    if (!tables::looks_like_xlsx(r.body))
      return fail(ErrorCode::kInvalidArgument, "The file's content does not match its content-type", "file");
    return tables::read_xlsx(r.body, max_unpacked_bytes);
  }
  return fail(ErrorCode::kUnsupportedMediaType, "Send the file as text/csv or " + std::string(kXlsxMediaType),
              "content-type");
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
