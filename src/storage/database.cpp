#include "storage/database.hpp"

#include <fmt/format.h>

#include <exception>
#include <filesystem>

namespace sen::storage {

double Row::real(std::size_t i) const {
  const auto& v = values.at(i);
  if (const auto* d = std::get_if<double>(&v)) return *d;
  return static_cast<double>(std::get<std::int64_t>(v));
}

Status Connection::execute_deferred(std::string_view sql, std::span<const Value> params) {
  auto r = execute(sql, params);
  if (!r) return tl::unexpected(r.error());
  return {};
}

std::string insert_sql(std::string_view table, std::span<const std::string_view> columns) {
  std::string sql = fmt::format("INSERT INTO {} ({}) VALUES (", table, fmt::join(columns, ", "));
  for (std::size_t i = 1; i <= columns.size(); ++i) sql += fmt::format("{}${}", i == 1 ? "" : ", ", i);
  sql += ')';
  return sql;
}

Status Connection::copy_rows(std::string_view table, std::span<const std::string_view> columns,
                             std::size_t count, const RowFill& fill) {
  const std::string sql = insert_sql(table, columns);
  std::vector<Value> row(columns.size());
  for (std::size_t i = 0; i < count; ++i) {
    fill(i, row);
    if (auto s = execute_deferred(sql, row); !s) return s;
  }
  return {};
}

void Connection::clear_transaction_state() {
  in_write_ = false;
  values_.clear();
  after_commit_.clear();
  before_commit_.clear();
  mark_.reset();
}

Status Connection::begin_write() {
  clear_transaction_state();
  auto s = do_begin_write();
  in_write_ = s.has_value();
  return s;
}

Status Connection::before_commit(const void* key, std::function<Status(Connection&)> hook) {
  if (!in_write_) return hook(*this);
  for (const auto& [k, h] : before_commit_) {
    if (k == key) return {};
  }
  before_commit_.emplace_back(key, std::move(hook));
  return {};
}

Status Connection::commit() {
  // Hooks may register further hooks; index, not iterators.
  for (std::size_t i = 0; i < before_commit_.size(); ++i) {
    auto hook = before_commit_[i].second;
    if (auto s = hook(*this); !s) return s;
  }
  auto s = do_commit();
  auto callbacks = std::move(after_commit_);
  clear_transaction_state();
  if (!s) return s;
  for (auto& callback : callbacks) callback();
  return {};
}

Status Connection::rollback() {
  clear_transaction_state();
  return do_rollback();
}

Status Connection::savepoint() {
  mark_ = Mark{values_, after_commit_.size()};
  return execute_deferred("SAVEPOINT sen_unit", {});
}

Status Connection::release_savepoint() {
  mark_.reset();
  return execute_deferred("RELEASE SAVEPOINT sen_unit", {});
}

Status Connection::rollback_to_savepoint() {
  if (mark_) {
    values_ = std::move(mark_->values);
    after_commit_.resize(mark_->callbacks);
    mark_.reset();
  }
  if (auto s = execute_script("ROLLBACK TO SAVEPOINT sen_unit"); !s) return s;
  return execute_deferred("RELEASE SAVEPOINT sen_unit", {});
}

std::shared_ptr<const void> Connection::transaction_value(const void* key) const {
  for (const auto& [k, v] : values_) {
    if (k == key) return v;
  }
  return nullptr;
}

void Connection::set_transaction_value(const void* key, std::shared_ptr<const void> value) {
  if (!in_write_) return;
  for (auto& [k, v] : values_) {
    if (k == key) {
      v = std::move(value);
      return;
    }
  }
  values_.emplace_back(key, std::move(value));
}

Database::Lease::~Lease() {
  if (db_ != nullptr && conn_) db_->release(std::move(conn_));
}

Database::Database(Dialect dialect, ConnectionFactory factory, int pool_size, std::chrono::milliseconds wait,
                   int write_batch_max)
    : dialect_(dialect),
      factory_(std::move(factory)),
      pool_size_(pool_size),
      wait_(wait),
      write_batch_max_(static_cast<std::size_t>(std::max(1, write_batch_max))) {}

Database::~Database() {
  {
    std::lock_guard lock(write_mutex_);
    stopping_ = true;
  }
  write_queued_.notify_all();
  if (writer_.joinable()) writer_.join();
}

// One queued write transaction; lives on its caller's stack until `done`.
struct Database::PendingWrite {
  const std::function<Status(Connection&)>* unit;
  Status result;
  std::exception_ptr exception;
  bool done = false;
};

namespace {
thread_local bool on_writer_thread = false;
}

Status Database::write(const std::function<Status(Connection&)>& unit) {
  if (on_writer_thread) return fail_internal("a write transaction was started inside another one");
  PendingWrite pending{&unit, {}, nullptr, false};
  {
    std::unique_lock lock(write_mutex_);
    if (stopping_) return fail(ErrorCode::kUnavailable, "The server is shutting down");
    if (!writer_.joinable()) writer_ = std::thread([this] { writer_loop(); });
    write_queue_.push_back(&pending);
    write_queued_.notify_one();
    write_done_.wait(lock, [&] { return pending.done; });
  }
  if (pending.exception) std::rethrow_exception(pending.exception);
  return pending.result;
}

void Database::writer_loop() {
  on_writer_thread = true;
  std::vector<PendingWrite*> batch;
  for (;;) {
    {
      std::unique_lock lock(write_mutex_);
      write_queued_.wait(lock, [&] { return stopping_ || !write_queue_.empty(); });
      if (write_queue_.empty()) return;  // stopping, nothing left
      const std::size_t n = std::min(write_queue_.size(), write_batch_max_);
      batch.assign(write_queue_.begin(), write_queue_.begin() + static_cast<std::ptrdiff_t>(n));
      write_queue_.erase(write_queue_.begin(), write_queue_.begin() + static_cast<std::ptrdiff_t>(n));
    }
    commit_batch(batch);
    {
      std::lock_guard lock(write_mutex_);
      for (auto* p : batch) p->done = true;
    }
    write_done_.notify_all();
  }
}

namespace {

void run_unit(Connection& conn, const std::function<Status(Connection&)>& unit, Status& result,
              std::exception_ptr& exception) {
  exception = nullptr;
  try {
    result = unit(conn);
  } catch (...) {
    exception = std::current_exception();
    result = fail_internal("write transaction threw");
  }
}

}  // namespace

void Database::commit_alone(Connection& conn, PendingWrite& p) {
  if (auto s = conn.begin_write(); !s) {
    p.result = tl::unexpected(s.error());
    return;
  }
  run_unit(conn, *p.unit, p.result, p.exception);
  if (!p.result) {
    (void)conn.rollback();
    return;
  }
  if (auto s = conn.commit(); !s) {
    (void)conn.rollback();
    p.result = tl::unexpected(s.error());
  }
}

void Database::commit_batch(std::vector<PendingWrite*>& batch) {
  auto fail_all = [&](const Error& e) {
    for (auto* p : batch) {
      if (p->result) p->result = tl::unexpected(e);  // a unit that failed keeps its own error
    }
  };
  if (!writer_conn_) {
    auto conn = factory_();
    if (!conn) return fail_all(conn.error());
    writer_conn_ = std::move(*conn);
  } else if (!writer_conn_->ensure_usable()) {
    return fail_all(Error{ErrorCode::kUnavailable, "The database is unreachable", "", {}});
  }
  Connection& conn = *writer_conn_;
  if (batch.size() == 1) return commit_alone(conn, *batch.front());
  if (conn.defers_statements()) return commit_all_or_each(conn, batch);
  if (auto s = conn.begin_write(); !s) return fail_all(s.error());
  bool any_ok = false;
  for (auto* p : batch) {
    if (auto s = conn.savepoint(); !s) {
      (void)conn.rollback();
      return fail_all(s.error());
    }
    run_unit(conn, *p->unit, p->result, p->exception);
    // A failed unit is undone alone; if even that fails the transaction is lost, and so is the batch.
    auto end = p->result ? conn.release_savepoint() : conn.rollback_to_savepoint();
    if (!end) {
      (void)conn.rollback();
      return fail_all(end.error());
    }
    any_ok = any_ok || p->result.has_value();
  }
  if (!any_ok) {
    (void)conn.rollback();
    return;
  }
  if (auto s = conn.commit(); !s) {
    (void)conn.rollback();
    fail_all(s.error());
  }
}

// A deferred statement's error shows only later, so it cannot be charged to its unit inside the
// batch: the batch commits whole, or is undone and each unit runs again in a transaction of its own.
void Database::commit_all_or_each(Connection& conn, std::vector<PendingWrite*>& batch) {
  bool all_ok = static_cast<bool>(conn.begin_write());
  for (auto* p : batch) {
    if (!all_ok) break;
    run_unit(conn, *p->unit, p->result, p->exception);
    all_ok = p->result.has_value();
    conn.end_of_unit();
  }
  if (all_ok) {
    auto committed = conn.commit();
    if (committed) return;
    if (committed.error().code == ErrorCode::kUnavailable) {
      // The connection failed during COMMIT: it may have happened. Running the units again could
      // write them twice, so each caller hears the failure instead.
      (void)conn.rollback();
      for (auto* p : batch) p->result = tl::unexpected(committed.error());
      return;
    }
  }
  (void)conn.rollback();
  for (auto* p : batch) {
    p->result = {};
    p->exception = nullptr;
    if (!conn.ensure_usable()) {
      p->result = fail(ErrorCode::kUnavailable, "The database is unreachable");
      continue;
    }
    commit_alone(conn, *p);
  }
}

Result<Database::Lease> Database::acquire() {
  std::unique_lock lock(mutex_);
  if (!available_.wait_for(lock, wait_, [&] { return !idle_.empty() || open_ < pool_size_; })) {
    return fail(ErrorCode::kUnavailable, "The database is busy; try again shortly");
  }
  if (!idle_.empty()) {
    auto conn = std::move(idle_.back());
    idle_.pop_back();
    lock.unlock();
    if (!conn->ensure_usable()) {
      lock.lock();
      --open_;
      available_.notify_one();
      return fail(ErrorCode::kUnavailable, "The database is unreachable");
    }
    return Lease(this, std::move(conn));
  }
  ++open_;
  lock.unlock();
  auto conn = factory_();
  if (!conn) {
    std::lock_guard relock(mutex_);
    --open_;
    available_.notify_one();
    return tl::unexpected(conn.error());
  }
  return Lease(this, std::move(*conn));
}

void Database::adopt(std::unique_ptr<Connection> conn) {
  std::lock_guard lock(mutex_);
  ++open_;
  idle_.push_back(std::move(conn));
  available_.notify_one();
}

void Database::release(std::unique_ptr<Connection> conn) {
  std::lock_guard lock(mutex_);
  idle_.push_back(std::move(conn));
  available_.notify_one();
}

Result<std::unique_ptr<Database>> open_database(const StorageConfig& config) {
  const auto wait = std::chrono::milliseconds(config.busy_timeout_ms);
  const std::string& url = config.database_url;
  // The data directory holds files on both backends (uploads, keys, scratch files), not only sen.db.
  std::error_code ec;
  std::filesystem::create_directories(config.data_dir, ec);
  if (ec) {
    return fail(ErrorCode::kInvalidArgument,
                fmt::format("cannot create data directory {}: {}", config.data_dir, ec.message()),
                "storage.data_dir");
  }
  if (url.empty()) {
    const std::string path = (std::filesystem::path(config.data_dir) / "sen.db").string();
    const int busy = config.busy_timeout_ms;
    auto probe = open_sqlite(path, busy);
    if (!probe) return tl::unexpected(probe.error());
    auto db = std::make_unique<Database>(
        Dialect::kSqlite, [path, busy] { return open_sqlite(path, busy); }, config.pool_size, wait,
        config.write_batch_max);
    db->adopt(std::move(*probe));
    return db;
  }
  if (url.starts_with("postgresql://") || url.starts_with("postgres://")) {
    const int timeout = config.statement_timeout_ms;
    auto probe = open_postgres(url, timeout);
    if (!probe) return tl::unexpected(probe.error());
    auto db = std::make_unique<Database>(
        Dialect::kPostgres, [url, timeout] { return open_postgres(url, timeout); }, config.pool_size, wait,
        config.write_batch_max);
    db->adopt(std::move(*probe));
    return db;
  }
  return fail(ErrorCode::kInvalidArgument,
              "storage.database_url must be empty (SQLite) or start with postgresql://",
              "storage.database_url");
}

}  // namespace sen::storage
