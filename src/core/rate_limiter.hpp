#pragma once

#include <chrono>
#include <initializer_list>
#include <mutex>
#include <optional>
#include <string>
#include <string_view>
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

// One attempt counted against one limiter under one key.
struct RateAttempt {
  RateLimiter& limiter;
  std::string key;
};

// Counts every attempt (all of them, so which key refused reveals nothing) and admits the request
// unless one is over its limit: then kTooManyRequests, "Too many <what>; try again in N s", with
// the longest wait as Retry-After. A limiter's error refuses the request too.
Status admit(std::initializer_list<RateAttempt> attempts, std::string_view what);

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
