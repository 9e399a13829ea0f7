#pragma once

#include <string>
#include <string_view>
#include <vector>

#include "core/status.hpp"
#include "storage/database.hpp"

namespace sen::storage {

// The storage layer's path for loading millions of rows at once (the national demo history, records
// brought from another system). Rows go in with Connection::copy_rows (COPY on PostgreSQL); while
// the load runs, the loaded tables' non-unique indexes are set aside and built once at the end: one
// sort each instead of a B-tree insert per row per index. Unique indexes stay, so keys are checked
// as the rows arrive.
//
// The indexes set aside are recorded in `bulk_suspended_indexes` by the transaction that drops them:
// a load killed midway leaves its definitions there and restore_suspended_indexes, run at every
// start after the migrations, builds them again. Nothing is ever left without its indexes.
class BulkLoad {
 public:
  // `keep`: indexes of those tables to leave in place, because the load's row order makes their
  // inserts local (e.g. rows arrive grouped by the index's leading column).
  static Result<BulkLoad> begin(Database& db, const std::vector<std::string>& tables,
                                const std::vector<std::string_view>& keep = {});
  // Builds the indexes set aside again and forgets them, in one transaction.
  Status finish();
  // How many indexes this load set aside.
  std::size_t suspended() const { return suspended_; }

 private:
  BulkLoad(Database& db, std::size_t suspended) : db_(&db), suspended_(suspended) {}
  Database* db_;
  std::size_t suspended_;
};

// Builds the indexes an unfinished bulk load set aside; returns how many.
Result<int> restore_suspended_indexes(Database& db);

}  // namespace sen::storage
