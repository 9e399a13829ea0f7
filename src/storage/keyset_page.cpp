#include "storage/keyset_page.hpp"

#include <fmt/format.h>

namespace sen::storage {

Result<RowPage> fetch_page(Connection& conn, std::string_view select_sql, std::string_view count_sql,
                           std::string_view filter_sql, std::string_view key_column,
                           std::vector<Value> params, const PageRequest& page) {
  const auto n = params.size();
  RowPage out;
  if (page.count_total) {
    auto counted = conn.execute(fmt::format("{} WHERE {}", count_sql, filter_sql), params);
    if (!counted) return tl::unexpected(counted.error());
    out.total = counted->rows.at(0).integer(0);
  }

  params.emplace_back(page.after);
  params.emplace_back(std::int64_t{page.limit} + 1);
  auto rows = conn.execute(fmt::format("{} WHERE {} AND {} > ${} ORDER BY {} LIMIT ${}", select_sql,
                                       filter_sql, key_column, n + 1, key_column, n + 2),
                           params);
  if (!rows) return tl::unexpected(rows.error());
  out.rows = std::move(rows->rows);
  if (out.rows.size() > static_cast<std::size_t>(page.limit)) {
    out.rows.resize(page.limit);
    out.next_after = out.rows.back().text(0);
  }
  return out;
}

std::string like_contains(std::string_view text) {
  std::string out = "%";
  for (char c : text) {
    if (c == '%' || c == '_' || c == '\\') out += '\\';
    out += c;
  }
  out += '%';
  return out;
}

}  // namespace sen::storage
