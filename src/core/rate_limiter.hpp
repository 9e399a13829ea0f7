#pragma once

#include <chrono>
#include <mutex>
#include <optional>
#include <string>
#include <unordered_map>

#include "core/clock.hpp"

namespace sen {

// Fixed-window counter per key (client address, username). In memory: a restart forgets, which is
// acceptable for slowing brute force; the account lockout is the durable defence.
class RateLimiter {
 public:
  RateLimiter(int limit, std::chrono::seconds window, const Clock& clock);

  // Counts one attempt; returns the seconds to wait when the key is over its limit.
  std::optional<int> hit(const std::string& key);

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
