#include "core/rate_limiter.hpp"

#include <fmt/format.h>

#include <algorithm>

namespace sen {

namespace {
constexpr std::size_t kMaxKeys = 100000;  // bounds memory under a flood of distinct keys
}

MemoryRateLimiter::MemoryRateLimiter(int limit, std::chrono::seconds window, const Clock& clock)
    : limit_(limit), window_(window), clock_(clock) {}

Result<std::optional<int>> MemoryRateLimiter::hit(const std::string& key) {
  const auto now = clock_.now();
  std::lock_guard lock(mutex_);
  if (windows_.size() > kMaxKeys)
    std::erase_if(windows_, [&](const auto& kv) { return now - kv.second.start >= window_; });
  auto& w = windows_[key];
  if (w.count == 0 || now - w.start >= window_) {
    w.start = now;
    w.count = 0;
  }
  if (++w.count <= limit_) return std::optional<int>{};
  const auto left = std::chrono::duration_cast<std::chrono::seconds>(w.start + window_ - now).count();
  return std::optional<int>{static_cast<int>(left < 1 ? 1 : left)};
}

Status admit(std::initializer_list<RateAttempt> attempts, std::string_view what) {
  int wait = 0;
  std::optional<Error> failed;
  for (const auto& a : attempts) {
    auto over = a.limiter.hit(a.key);
    if (!over) {
      if (!failed) failed = over.error();
      continue;
    }
    if (*over) wait = std::max(wait, **over);
  }
  if (failed) return tl::unexpected(*failed);
  if (wait == 0) return {};
  Error e{ErrorCode::kTooManyRequests, fmt::format("Too many {}; try again in {} s", what, wait)};
  e.retry_after_seconds = wait;
  return tl::unexpected(e);
}

}  // namespace sen
