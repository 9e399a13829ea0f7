#include <fmt/format.h>
#include <sqlite3.h>

#include <string>
#include <unordered_map>
#include <vector>

#include "storage/database.hpp"

namespace sen::storage {
namespace {

Error sqlite_error(sqlite3* db, int rc, std::string_view what) {
  const int primary = rc & 0xFF;
  Error e;
  e.internal = fmt::format("sqlite {}: {} ({})", what, db ? sqlite3_errmsg(db) : sqlite3_errstr(rc), rc);
  if (rc == SQLITE_CONSTRAINT_UNIQUE || rc == SQLITE_CONSTRAINT_PRIMARYKEY) {
    e.code = ErrorCode::kConflict;
    e.message = "A record with the same key already exists";
  } else if (primary == SQLITE_CONSTRAINT) {
    e.code = ErrorCode::kConflict;
    e.message = "The change conflicts with existing data";
  } else if (primary == SQLITE_BUSY || primary == SQLITE_LOCKED) {
    e.code = ErrorCode::kUnavailable;
    e.message = "The database is busy; try again shortly";
  } else {
    e.code = ErrorCode::kInternal;
    e.message = "Internal error";
  }
  return e;
}

class SqliteConnection final : public Connection {
 public:
  explicit SqliteConnection(sqlite3* db) : db_(db) {}
  ~SqliteConnection() override {
    for (auto& [sql, prepared] : statements_) sqlite3_finalize(prepared.stmt);
    sqlite3_close_v2(db_);
  }

  Dialect dialect() const override { return Dialect::kSqlite; }

  Result<QueryResult> execute(std::string_view sql, std::span<const Value> params) override {
    auto found = prepare(sql);
    if (!found) return tl::unexpected(found.error());
    const Prepared* prepared = *found;
    sqlite3_stmt* stmt = prepared->stmt;
    struct Reset {
      sqlite3_stmt* s;
      ~Reset() {
        sqlite3_reset(s);
        sqlite3_clear_bindings(s);
      }
    } reset{stmt};

    if (sqlite3_bind_parameter_count(stmt) != static_cast<int>(params.size())) {
      return fail_internal(fmt::format("statement expects {} parameters, got {}: {}",
                                       sqlite3_bind_parameter_count(stmt), params.size(), sql));
    }
    const auto& slots = prepared->slots;
    for (std::size_t i = 0; i < params.size(); ++i) {
      const int slot = slots[i];
      if (slot == 0) return fail_internal(fmt::format("parameter ${} missing in: {}", i + 1, sql));
      int rc = SQLITE_OK;
      std::visit(
          [&](const auto& v) {
            using T = std::decay_t<decltype(v)>;
            if constexpr (std::is_same_v<T, std::nullptr_t>) {
              rc = sqlite3_bind_null(stmt, slot);
            } else if constexpr (std::is_same_v<T, std::int64_t>) {
              rc = sqlite3_bind_int64(stmt, slot, v);
            } else if constexpr (std::is_same_v<T, double>) {
              rc = sqlite3_bind_double(stmt, slot, v);
            } else {
              rc = sqlite3_bind_text(stmt, slot, v.data(), static_cast<int>(v.size()), SQLITE_STATIC);
            }
          },
          params[i]);
      if (rc != SQLITE_OK) return tl::unexpected(sqlite_error(db_, rc, "bind"));
    }

    QueryResult result;
    const int columns = sqlite3_column_count(stmt);
    for (int c = 0; c < columns; ++c) result.columns.emplace_back(sqlite3_column_name(stmt, c));
    for (;;) {
      const int rc = sqlite3_step(stmt);
      if (rc == SQLITE_DONE) break;
      if (rc != SQLITE_ROW) return tl::unexpected(sqlite_error(db_, sqlite3_extended_errcode(db_), "step"));
      Row row;
      row.values.reserve(columns);
      for (int c = 0; c < columns; ++c) {
        switch (sqlite3_column_type(stmt, c)) {
          case SQLITE_NULL:
            row.values.emplace_back(nullptr);
            break;
          case SQLITE_INTEGER:
            row.values.emplace_back(static_cast<std::int64_t>(sqlite3_column_int64(stmt, c)));
            break;
          case SQLITE_FLOAT:
            row.values.emplace_back(sqlite3_column_double(stmt, c));
            break;
          default: {
            const auto* text = reinterpret_cast<const char*>(sqlite3_column_text(stmt, c));
            row.values.emplace_back(std::string(text, sqlite3_column_bytes(stmt, c)));
          }
        }
      }
      result.rows.push_back(std::move(row));
    }
    result.affected_rows = sqlite3_changes64(db_);
    return result;
  }

  Status execute_script(std::string_view sql) override {
    char* message = nullptr;
    const std::string text(sql);
    const int rc = sqlite3_exec(db_, text.c_str(), nullptr, nullptr, &message);
    if (rc != SQLITE_OK) {
      Error e = sqlite_error(db_, rc, "script");
      if (message != nullptr) e.internal += std::string(": ") + message;
      sqlite3_free(message);
      return tl::unexpected(e);
    }
    return {};
  }

  Status do_begin_write() override { return execute_script("BEGIN IMMEDIATE"); }
  Status do_commit() override { return execute_script("COMMIT"); }
  Status do_rollback() override { return execute_script("ROLLBACK"); }
  bool ensure_usable() override {
    if (!sqlite3_get_autocommit(db_)) (void)rollback();  // a transaction left open by a failed caller
    return true;
  }

 private:
  struct Prepared {
    sqlite3_stmt* stmt = nullptr;
    // slots[i]: where "$<i+1>" binds ($N is a named parameter in SQLite, so the order is not assumed);
    // 0 when the statement lacks it.
    std::vector<int> slots;
  };

  Result<const Prepared*> prepare(std::string_view sql) {
    auto it = statements_.find(sql);
    if (it != statements_.end()) return &it->second;
    sqlite3_stmt* stmt = nullptr;
    const int rc = sqlite3_prepare_v3(db_, sql.data(), static_cast<int>(sql.size()),
                                      SQLITE_PREPARE_PERSISTENT, &stmt, nullptr);
    if (rc != SQLITE_OK) return tl::unexpected(sqlite_error(db_, rc, fmt::format("prepare '{}'", sql)));
    Prepared p{stmt, {}};
    const int count = sqlite3_bind_parameter_count(stmt);
    for (int i = 1; i <= count; ++i) {
      p.slots.push_back(sqlite3_bind_parameter_index(stmt, fmt::format("${}", i).c_str()));
    }
    return &statements_.emplace(std::string(sql), std::move(p)).first->second;
  }

  sqlite3* db_;
  std::unordered_map<std::string, Prepared, SqlHash, std::equal_to<>> statements_;
};

}  // namespace

Result<std::unique_ptr<Connection>> open_sqlite(const std::string& path, int busy_timeout_ms) {
  sqlite3* db = nullptr;
  const int rc = sqlite3_open_v2(path.c_str(), &db,
                                 SQLITE_OPEN_READWRITE | SQLITE_OPEN_CREATE | SQLITE_OPEN_NOMUTEX, nullptr);
  if (rc != SQLITE_OK) {
    Error e = sqlite_error(db, rc, "open " + path);
    e.code = ErrorCode::kUnavailable;
    e.message = "Cannot open the database file";
    sqlite3_close_v2(db);
    return tl::unexpected(e);
  }
  sqlite3_busy_timeout(db, busy_timeout_ms);
  auto conn = std::make_unique<SqliteConnection>(db);
  // WAL lets readers run beside the single writer; synchronous=FULL makes every acknowledged commit
  // durable even across power loss, not only across a killed process.
  if (auto s =
          conn->execute_script("PRAGMA journal_mode=WAL; PRAGMA synchronous=FULL; PRAGMA foreign_keys=ON;");
      !s) {
    return tl::unexpected(s.error());
  }
  return std::unique_ptr<Connection>(std::move(conn));
}

}  // namespace sen::storage
