#pragma once

#include <chrono>
#include <condition_variable>
#include <cstdint>
#include <functional>
#include <memory>
#include <mutex>
#include <optional>
#include <span>
#include <string>
#include <string_view>
#include <thread>
#include <utility>
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
  // A statement whose rows the caller does not need (an INSERT, a SAVEPOINT). PostgreSQL sends it
  // without waiting for the answer; a failure is reported by the next execute() or by commit().
  virtual Status execute_deferred(std::string_view sql, std::span<const Value> params);
  Status execute_deferred(std::string_view sql, std::initializer_list<Value> params) {
    return execute_deferred(sql, std::span<const Value>(params.begin(), params.size()));
  }
  // Many rows into one table (bulk loads, storage/bulk_load.hpp): COPY on PostgreSQL, one prepared
  // INSERT per row on SQLite. `fill` writes row `index` into `row`, one value per column; the same
  // vector is handed back for every row, so its strings' buffers are reused, not allocated anew.
  using RowFill = std::function<void(std::size_t index, std::vector<Value>& row)>;
  virtual Status copy_rows(std::string_view table, std::span<const std::string_view> columns,
                           std::size_t count, const RowFill& fill);
  Status copy_rows(std::string_view table, std::span<const std::string_view> columns,
                   std::span<const std::vector<Value>> rows) {
    return copy_rows(table, columns, rows.size(),
                     [&](std::size_t i, std::vector<Value>& row) { row = rows[i]; });
  }
  // Called between the units of a group commit, where a unit's rows are all written: deferred
  // statements gathered so far may go to the server now.
  virtual void end_of_unit() {}
  // True when execute_deferred does not wait (PostgreSQL): an error then surfaces later.
  virtual bool defers_statements() const { return false; }
  // Several statements without parameters: trusted schema text (migrations) only.
  virtual Status execute_script(std::string_view sql) = 0;
  // Re-establishes a broken connection; false if it is still unusable.
  virtual bool ensure_usable() = 0;

  // Write transactions: Database::write_transaction drives these; other code does not.
  Status begin_write();  // SQLite: BEGIN IMMEDIATE (one writer); PostgreSQL: BEGIN
  Status commit();       // then runs the after_commit callbacks
  Status rollback();
  Status savepoint();  // a unit of a group commit, undone alone by rollback_to_savepoint
  Status release_savepoint();
  Status rollback_to_savepoint();

  // Runs `callback` once the current transaction is durable (dropped if it is rolled back), e.g. to
  // refresh an in-memory cache with what was written.
  // Outside a write transaction the statements already committed, so it runs at once.
  void after_commit(std::function<void()> callback) {
    if (in_write_) {
      after_commit_.push_back(std::move(callback));
    } else {
      callback();
    }
  }
  // A value living as long as the current write transaction (undone with its savepoint), keyed by
  // the address of a caller's static: e.g. the audit chain's last hash, read once per transaction.
  // Runs `hook` inside the current write transaction just before it commits (an error rolls the
  // transaction back); registered once per key. Hooks are not undone with a savepoint, so a hook
  // must act on transaction values, which are. Outside a write transaction it runs at once.
  Status before_commit(const void* key, std::function<Status(Connection&)> hook);
  bool in_write_transaction() const { return in_write_; }
  // Outside a write transaction nothing is kept: transaction_value() is always null.
  std::shared_ptr<const void> transaction_value(const void* key) const;
  void set_transaction_value(const void* key, std::shared_ptr<const void> value);

 protected:
  virtual Status do_begin_write() = 0;
  virtual Status do_commit() = 0;
  virtual Status do_rollback() = 0;

 private:
  struct Mark {
    std::vector<std::pair<const void*, std::shared_ptr<const void>>> values;
    std::size_t callbacks = 0;
  };
  void clear_transaction_state();

  std::vector<std::pair<const void*, std::shared_ptr<const void>>> values_;
  std::vector<std::function<void()>> after_commit_;
  std::vector<std::pair<const void*, std::function<Status(Connection&)>>> before_commit_;
  std::optional<Mark> mark_;
  bool in_write_ = false;
};

// Sets `row` to `values` in place: strings already in the row keep their buffers.
template <class... T>
void assign_row(std::vector<Value>& row, T&&... values) {
  row.resize(sizeof...(T));
  std::size_t i = 0;
  ((row[i++] = std::forward<T>(values)), ...);
}

// "INSERT INTO table (a, b) VALUES ($1, $2)": one row, every column bound.
std::string insert_sql(std::string_view table, std::span<const std::string_view> columns);

// For maps keyed by SQL text, looked up with a string_view without building a string.
struct SqlHash {
  using is_transparent = void;
  std::size_t operator()(std::string_view sql) const { return std::hash<std::string_view>{}(sql); }
};

using ConnectionFactory = std::function<Result<std::unique_ptr<Connection>>()>;

// A bounded pool of connections for reads, and one writer connection behind a queue: write
// transactions from all threads are committed together in batches (group commit), so a batch costs
// one durable commit. On SQLite each unit runs in its own savepoint and a failing one is undone
// alone. On PostgreSQL a batch with a failure is undone and each unit runs again alone, so work may
// run twice: it must write only to the database and to results it captures (set, not appended).
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

  Database(Dialect dialect, ConnectionFactory factory, int pool_size, std::chrono::milliseconds wait,
           int write_batch_max = 64);
  Database(const Database&) = delete;
  Database& operator=(const Database&) = delete;
  ~Database();

  Dialect dialect() const { return dialect_; }
  Result<Lease> acquire();
  // Puts an already open connection (e.g. the one that checked the settings at start-up) into the pool.
  void adopt(std::unique_ptr<Connection> conn);

  // Runs `work` inside a write transaction and returns once it is committed (durable) or undone:
  // committed if `work` returns a value, rolled back otherwise. `work` runs on the writer thread
  // and must not start another write transaction.
  template <class F>
  auto write_transaction(F&& work) -> decltype(work(std::declval<Connection&>())) {
    using R = decltype(work(std::declval<Connection&>()));
    std::optional<R> out;
    Status done = write([&](Connection& conn) -> Status {
      out.emplace(work(conn));
      if (!*out) return tl::unexpected(out->error());
      return {};
    });
    if (!done) return tl::unexpected(done.error());
    return std::move(*out);
  }

 private:
  struct PendingWrite;
  Status write(const std::function<Status(Connection&)>& unit);
  void writer_loop();
  void commit_batch(std::vector<PendingWrite*>& batch);
  void commit_all_or_each(Connection& conn, std::vector<PendingWrite*>& batch);
  void commit_alone(Connection& conn, PendingWrite& p);
  void release(std::unique_ptr<Connection> conn);

  Dialect dialect_;
  ConnectionFactory factory_;
  int pool_size_;
  std::chrono::milliseconds wait_;
  std::mutex mutex_;
  std::condition_variable available_;
  std::vector<std::unique_ptr<Connection>> idle_;
  int open_ = 0;

  std::size_t write_batch_max_;
  std::mutex write_mutex_;
  std::condition_variable write_queued_;
  std::condition_variable write_done_;
  std::vector<PendingWrite*> write_queue_;
  bool stopping_ = false;
  std::unique_ptr<Connection> writer_conn_;
  std::thread writer_;  // started by the first write
};

// SQLite file `<data_dir>/sen.db` when database_url is empty, PostgreSQL for postgres:// URLs.
Result<std::unique_ptr<Database>> open_database(const StorageConfig& config);

Result<std::unique_ptr<Connection>> open_sqlite(const std::string& path, int busy_timeout_ms);
Result<std::unique_ptr<Connection>> open_postgres(const std::string& url, int statement_timeout_ms);

}  // namespace sen::storage
