#include "storage/leadership.hpp"

#include <spdlog/spdlog.h>

#include "storage/own_session.hpp"

namespace sen::storage {

bool Leadership::check() {
  if (config_.database_url.empty()) return true;
  std::lock_guard lock(mutex_);
  if (conn_ && leader_) {
    // The lock lives as long as this session: a session that answers still holds it.
    if (conn_->execute("SELECT 1")) return true;
    spdlog::warn("leadership: lost the connection holding the scheduled jobs' lock; trying to take it again");
    conn_.reset();
    leader_ = false;
  }
  if (!conn_) {
    auto conn = open_own_session(config_);
    if (!conn) return false;
    conn_ = std::move(*conn);
  }
  auto taken = conn_->execute("SELECT CASE WHEN pg_try_advisory_lock($1) THEN 1 ELSE 0 END", {key_});
  if (!taken) {
    conn_.reset();
    return false;
  }
  leader_ = taken->rows.at(0).integer(0) == 1;
  if (leader_) spdlog::info("leadership: this instance now runs the scheduled jobs");
  return leader_;
}

}  // namespace sen::storage
