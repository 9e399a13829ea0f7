#include "storage/database.hpp"

#include <fmt/format.h>

#include <filesystem>

namespace sen::storage {

double Row::real(std::size_t i) const {
  const auto& v = values.at(i);
  if (const auto* d = std::get_if<double>(&v)) return *d;
  return static_cast<double>(std::get<std::int64_t>(v));
}

Database::Lease::~Lease() {
  if (db_ != nullptr && conn_) db_->release(std::move(conn_));
}

Database::Database(Dialect dialect, ConnectionFactory factory, int pool_size, std::chrono::milliseconds wait)
    : dialect_(dialect), factory_(std::move(factory)), pool_size_(pool_size), wait_(wait) {}

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
  if (url.empty()) {
    std::error_code ec;
    std::filesystem::create_directories(config.data_dir, ec);
    if (ec) {
      return fail(ErrorCode::kInvalidArgument,
                  fmt::format("cannot create data directory {}: {}", config.data_dir, ec.message()),
                  "storage.data_dir");
    }
    const std::string path = (std::filesystem::path(config.data_dir) / "sen.db").string();
    const int busy = config.busy_timeout_ms;
    auto probe = open_sqlite(path, busy);
    if (!probe) return tl::unexpected(probe.error());
    auto db = std::make_unique<Database>(
        Dialect::kSqlite, [path, busy] { return open_sqlite(path, busy); }, config.pool_size, wait);
    db->adopt(std::move(*probe));
    return db;
  }
  if (url.starts_with("postgresql://") || url.starts_with("postgres://")) {
    const int timeout = config.statement_timeout_ms;
    auto probe = open_postgres(url, timeout);
    if (!probe) return tl::unexpected(probe.error());
    auto db = std::make_unique<Database>(
        Dialect::kPostgres, [url, timeout] { return open_postgres(url, timeout); }, config.pool_size, wait);
    db->adopt(std::move(*probe));
    return db;
  }
  return fail(ErrorCode::kInvalidArgument,
              "storage.database_url must be empty (SQLite) or start with postgresql://",
              "storage.database_url");
}

}  // namespace sen::storage
