#pragma once

#include <optional>
#include <string>
#include <vector>

#include "storage/database.hpp"

namespace sen::storage {

// What a list endpoint asks for: at most `limit` rows whose key sorts after `after`.
struct PageRequest {
  int limit = 50;
  std::string after;        // empty: from the start
  bool count_total = true;  // false: `total` is left 0 (a caller walking every page counts once)
};

struct RowPage {
  std::vector<Row> rows;
  std::int64_t total = 0;
  std::optional<std::string> next_after;  // key of the last row when more rows follow
};

// Keyset pagination. `filter_sql` is a WHERE condition over the given params ($1..$n); the page query
// is `select_sql WHERE filter AND key > $n+1 ORDER BY key LIMIT $n+2`, and column 0 of select_sql must
// be the key. SQL texts are constants from the caller, never user input.
Result<RowPage> fetch_page(Connection& conn, std::string_view select_sql, std::string_view count_sql,
                           std::string_view filter_sql, std::string_view key_column,
                           std::vector<Value> params, const PageRequest& page);

// Escapes LIKE wildcards so user text matches literally (used with ESCAPE '\').
std::string like_contains(std::string_view text);

}  // namespace sen::storage
