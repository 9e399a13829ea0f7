#pragma once

#include <atomic>
#include <cstdint>
#include <memory>
#include <mutex>

#include "storage/database.hpp"

namespace sen::storage {

// Decides which `sen serve` runs the jobs that must run once when several share one PostgreSQL (the
// e-mail outbox, alert rules, open-data refreshes): the one holding a session advisory lock on a
// connection of its own. PostgreSQL drops the lock with that connection, so when the leader dies,
// kill -9 included, another instance takes the lead at its next check. On SQLite one process owns
// the database file, so it always leads.
class Leadership {
 public:
  // The advisory lock key: one per database, shared by every instance ("sen jobs" in ASCII).
  static constexpr std::int64_t kJobsLockKey = 0x73656e206a6f6273;

  // `config`: the database every instance shares; the lock is held on a session of its own.
  explicit Leadership(const StorageConfig& config, std::int64_t key = kJobsLockKey)
      : config_(config), key_(key) {}
  Leadership(const Leadership&) = delete;
  Leadership& operator=(const Leadership&) = delete;

  // Whether this instance leads now: confirms a lead it holds (one round trip), or tries to take it.
  // Jobs call it before each run, so a lost connection costs at most one run's delay.
  bool check();

 private:
  StorageConfig config_;
  std::int64_t key_;
  std::mutex mutex_;
  std::unique_ptr<Connection> conn_;
  bool leader_ = false;
};

}  // namespace sen::storage
