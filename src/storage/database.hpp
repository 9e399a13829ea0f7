#pragma once

#include <chrono>
#include <condition_variable>
#include <cstdint>
#include <functional>
#include <memory>
#include <mutex>
#include <span>
#include <string>
#include <string_view>
#include <variant>
#include <vector>

#include "core/config.hpp"
#include "core/status.hpp"

namespace sen::storage {

enum class Dialect { kSqlite, kPostgres };

// A bound parameter or a result cell. Booleans are stored as integers 0/1 on both backends.
using Value = std::variant<std::nullptr_t, std::int64_t, double, std::string>;

struct Row {
  std::vector<Value> values;
  bool is_null(std::size_t i) const { return std::holds_alternative<std::nullptr_t>(values.at(i)); }
  const std::string& text(std::size_t i) const { return std::get<std::string>(values.at(i)); }
  std::int64_t integer(std::size_t i) const { return std::get<std::int64_t>(values.at(i)); }
  double real(std::size_t i) const;
};

struct QueryResult {
  std::vector<std::string> columns;
  std::vector<Row> rows;
  std::int64_t affected_rows = 0;
};

// One database connection. SQL uses $1, $2, ... placeholders on both backends; values are always
// bound, never spliced into SQL text.
class Connection {
 public:
  virtual ~Connection() = default;
  virtual Dialect dialect() const = 0;
  virtual Result<QueryResult> execute(std::string_view sql, std::span<const Value> params) = 0;
  Result<QueryResult> execute(std::string_view sql) { return execute(sql, {}); }
  Result<QueryResult> execute(std::string_view sql, std::initializer_list<Value> params) {
    return execute(sql, std::span<const Value>(params.begin(), params.size()));
  }
  // Several statements without parameters: trusted schema text (migrations) only.
  virtual Status execute_script(std::string_view sql) = 0;
  virtual Status begin_write() = 0;  // SQLite: BEGIN IMMEDIATE (one writer); PostgreSQL: BEGIN
  virtual Status commit() = 0;
  virtual Status rollback() = 0;
  // Re-establishes a broken connection; false if it is still unusable.
  virtual bool ensure_usable() = 0;
};

using ConnectionFactory = std::function<Result<std::unique_ptr<Connection>>()>;

// A bounded pool of connections; callers block (off the network threads) until one is free.
class Database {
 public:
  class Lease {
   public:
    Lease(Database* db, std::unique_ptr<Connection> conn) : db_(db), conn_(std::move(conn)) {}
    Lease(Lease&&) = default;
    Lease& operator=(Lease&&) = delete;
    ~Lease();
    Connection* operator->() const { return conn_.get(); }
    Connection& operator*() const { return *conn_; }

   private:
    Database* db_;
    std::unique_ptr<Connection> conn_;
  };

  Database(Dialect dialect, ConnectionFactory factory, int pool_size, std::chrono::milliseconds wait);
  Database(const Database&) = delete;
  Database& operator=(const Database&) = delete;

  Dialect dialect() const { return dialect_; }
  Result<Lease> acquire();
  // Puts an already open connection (e.g. the one that checked the settings at start-up) into the pool.
  void adopt(std::unique_ptr<Connection> conn);

  // Runs `work` inside a write transaction; commits if it returns a value, rolls back otherwise.
  template <class F>
  auto write_transaction(F&& work) -> decltype(work(std::declval<Connection&>())) {
    auto lease = acquire();
    if (!lease) return tl::unexpected(lease.error());
    if (auto s = (*lease)->begin_write(); !s) return tl::unexpected(s.error());
    // Rolls back on every way out but a successful commit, exceptions included, so a pooled
    // connection never keeps a transaction (and SQLite's write lock) open.
    struct RollbackUnlessCommitted {
      Connection& conn;
      bool committed = false;
      ~RollbackUnlessCommitted() {
        if (!committed) (void)conn.rollback();
      }
    } guard{**lease};
    auto result = work(**lease);
    if (!result) return result;
    if (auto s = (*lease)->commit(); !s) return tl::unexpected(s.error());
    guard.committed = true;
    return result;
  }

 private:
  void release(std::unique_ptr<Connection> conn);

  Dialect dialect_;
  ConnectionFactory factory_;
  int pool_size_;
  std::chrono::milliseconds wait_;
  std::mutex mutex_;
  std::condition_variable available_;
  std::vector<std::unique_ptr<Connection>> idle_;
  int open_ = 0;
};

// SQLite file `<data_dir>/sen.db` when database_url is empty, PostgreSQL for postgres:// URLs.
Result<std::unique_ptr<Database>> open_database(const StorageConfig& config);

Result<std::unique_ptr<Connection>> open_sqlite(const std::string& path, int busy_timeout_ms);
Result<std::unique_ptr<Connection>> open_postgres(const std::string& url, int statement_timeout_ms);

}  // namespace sen::storage
