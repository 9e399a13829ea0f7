#include "storage/bulk_load.hpp"

#include <fmt/format.h>

#include <algorithm>
#include <thread>

namespace sen::storage {
namespace {

constexpr int kLoadCacheKib = 512 * 1024;
constexpr int kDefaultCacheKib = 2000;  // SQLite's own default

// Non-unique indexes of `table` that a schema statement created (not those behind constraints).
Result<QueryResult> secondary_indexes(Connection& conn, const std::string& table) {
  if (conn.dialect() == Dialect::kSqlite) {
    return conn.execute(
        "SELECT name, sql FROM sqlite_master WHERE type = 'index' AND tbl_name = $1 AND sql IS NOT NULL "
        "AND sql NOT LIKE 'CREATE UNIQUE%' ORDER BY name",
        {table});
  }
  return conn.execute(
      "SELECT i.indexname, i.indexdef FROM pg_indexes i JOIN pg_class c ON c.relname = i.indexname "
      "JOIN pg_index x ON x.indexrelid = c.oid WHERE i.schemaname = current_schema() AND i.tablename = $1 "
      "AND NOT x.indisunique ORDER BY i.indexname",
      {table});
}

// SQLite sorts an index's keys with a worker thread per core when allowed to, and in less time with
// its default page cache than with the load's large one (measured on 10 million dossiers: 18.6 s a
// dossiers index with two threads and the default cache, 22.7 s with one, 27.2 s with a 512 MiB cache).
Status prepare_sort(Connection& conn) {
  if (conn.dialect() != Dialect::kSqlite) return {};
  const unsigned cores = std::max(1u, std::thread::hardware_concurrency());
  return conn.execute_script(
      fmt::format("PRAGMA cache_size = -{}; PRAGMA threads = {}", kDefaultCacheKib, cores));
}

Result<int> rebuild(Connection& conn) {
  if (auto s = prepare_sort(conn); !s) return tl::unexpected(s.error());
  auto rows = conn.execute("SELECT name, table_name, definition FROM bulk_suspended_indexes ORDER BY name");
  if (!rows) return tl::unexpected(rows.error());
  for (const auto& row : rows->rows) {
    if (auto s = conn.execute_script(row.text(2)); !s) return tl::unexpected(s.error());
    // Fresh statistics for the planner: the table has grown by a whole load.
    if (conn.dialect() == Dialect::kPostgres) {
      if (auto s = conn.execute_script(fmt::format("ANALYZE {}", row.text(1))); !s)
        return tl::unexpected(s.error());
    }
  }
  if (auto s = conn.execute("DELETE FROM bulk_suspended_indexes"); !s) return tl::unexpected(s.error());
  return static_cast<int>(rows->rows.size());
}

}  // namespace

Result<BulkLoad> BulkLoad::begin(Database& db, const std::vector<std::string>& tables,
                                 const std::vector<std::string_view>& keep) {
  auto n = db.write_transaction([&](Connection& conn) -> Result<std::size_t> {
    auto pending = conn.execute("SELECT count(*) FROM bulk_suspended_indexes");
    if (!pending) return tl::unexpected(pending.error());
    if (pending->rows.front().integer(0) != 0)
      return fail(ErrorCode::kConflict, "Another bulk load is running or was interrupted; restart sen first");
    // SQLite: a large page cache for the writer while the load runs (unique indexes still take
    // scattered inserts); PostgreSQL sizes its buffers server-side.
    if (conn.dialect() == Dialect::kSqlite) {
      if (auto s = conn.execute_script(fmt::format("PRAGMA cache_size = -{}", kLoadCacheKib)); !s)
        return tl::unexpected(s.error());
    }
    std::size_t count = 0;
    for (const auto& table : tables) {
      auto indexes = secondary_indexes(conn, table);
      if (!indexes) return tl::unexpected(indexes.error());
      for (const auto& index : indexes->rows) {
        if (std::find(keep.begin(), keep.end(), index.text(0)) != keep.end()) continue;
        if (auto s = conn.execute(
                "INSERT INTO bulk_suspended_indexes (name, table_name, definition) VALUES ($1, $2, $3)",
                {index.text(0), table, index.text(1)});
            !s)
          return tl::unexpected(s.error());
        if (auto s = conn.execute_script(fmt::format("DROP INDEX {}", index.text(0))); !s)
          return tl::unexpected(s.error());
        ++count;
      }
    }
    return count;
  });
  if (!n) return tl::unexpected(n.error());
  return BulkLoad(db, *n);
}

Status BulkLoad::finish() {
  auto done = db_->write_transaction([](Connection& conn) -> Result<int> { return rebuild(conn); });
  if (!done) return tl::unexpected(done.error());
  return {};
}

Result<int> restore_suspended_indexes(Database& db) {
  {
    auto conn = db.acquire();
    if (!conn) return tl::unexpected(conn.error());
    auto pending = (*conn)->execute("SELECT count(*) FROM bulk_suspended_indexes");
    if (!pending) return tl::unexpected(pending.error());
    if (pending->rows.front().integer(0) == 0) return 0;
  }
  return db.write_transaction([](Connection& conn) { return rebuild(conn); });
}

}  // namespace sen::storage
