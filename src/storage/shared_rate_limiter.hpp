#pragma once

#include <atomic>
#include <chrono>
#include <cstdint>
#include <functional>
#include <string>
#include <string_view>

#include "core/clock.hpp"
#include "core/rate_limiter.hpp"
#include "storage/database.hpp"

namespace sen::storage {

// A rate limit counted in the database every instance shares (table rate_windows), so N instances
// behind the load balancer allow the limit, not N times it. One statement per attempt on a pooled
// connection, outside the group commit: an upsert into an UNLOGGED table, whose commit waits for no
// fsync. Windows are fixed and aligned on the clock (a burst may straddle two). Keys are stored as
// `key_hash` gives them: a username may be a citizen's identity number.
class SharedRateLimiter final : public RateLimiter {
 public:
  using KeyHash = std::function<std::string(std::string_view)>;

  // `scope` keeps this limiter's keys apart from the others' in the one table.
  SharedRateLimiter(Database& db, std::string scope, int limit, std::chrono::seconds window,
                    const Clock& clock, KeyHash key_hash);

  Result<std::optional<int>> hit(const std::string& key) override;

 private:
  Database& db_;
  std::string scope_;
  int limit_;
  std::int64_t window_seconds_;
  const Clock& clock_;
  KeyHash key_hash_;
  std::atomic<std::uint64_t> hits_{0};
};

}  // namespace sen::storage
