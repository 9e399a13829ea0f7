#pragma once

#include <chrono>
#include <mutex>
#include <optional>
#include <string>
#include <unordered_map>

#include "core/clock.hpp"
#include "core/status.hpp"

namespace sen {

// How many attempts a key (client address, username, account) may make in a window: login and
// registration attempts, identity-number look-ups, state changes.
class RateLimiter {
 public:
  virtual ~RateLimiter() = default;
  // Counts one attempt; the seconds to wait when the key is over its limit. An error when the count
  // could not be kept (a shared counter's database is unreachable): the request is not admitted.
  virtual Result<std::optional<int>> hit(const std::string& key) = 0;
};

// Fixed-window counter per key in this process's memory: right when one process serves (SQLite). A
// restart forgets, which is acceptable for slowing brute force; the account lockout is the durable
// defence. Several instances share storage/shared_rate_limiter.hpp instead.
class MemoryRateLimiter final : public RateLimiter {
 public:
  MemoryRateLimiter(int limit, std::chrono::seconds window, const Clock& clock);

  Result<std::optional<int>> hit(const std::string& key) override;

 private:
  struct Window {
    std::chrono::system_clock::time_point start;
    int count = 0;
  };
  int limit_;
  std::chrono::seconds window_;
  const Clock& clock_;
  std::mutex mutex_;
  std::unordered_map<std::string, Window> windows_;
};

}  // namespace sen
