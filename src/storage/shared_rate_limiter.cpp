#include "storage/shared_rate_limiter.hpp"

#include <spdlog/spdlog.h>

#include <algorithm>

namespace sen::storage {

namespace {
// Ended windows are deleted every this many attempts of a limiter, so the table holds about the
// current window's keys.
constexpr std::uint64_t kSweepEvery = 1000;
}  // namespace

SharedRateLimiter::SharedRateLimiter(Database& db, std::string scope, int limit, std::chrono::seconds window,
                                     const Clock& clock, KeyHash key_hash)
    : db_(db),
      scope_(std::move(scope)),
      limit_(limit),
      window_seconds_(std::max<std::int64_t>(1, window.count())),
      clock_(clock),
      key_hash_(std::move(key_hash)) {}

Result<std::optional<int>> SharedRateLimiter::hit(const std::string& key) {
  const std::int64_t now =
      std::chrono::duration_cast<std::chrono::seconds>(clock_.now().time_since_epoch()).count();
  const std::int64_t window_end = (now / window_seconds_ + 1) * window_seconds_;
  auto conn = db_.acquire();
  if (!conn) return tl::unexpected(conn.error());
  auto counted = (*conn)->execute(
      "INSERT INTO rate_windows (key, window_end, hits) VALUES ($1, $2, 1) ON CONFLICT (key, window_end) "
      "DO UPDATE SET hits = rate_windows.hits + 1 RETURNING hits",
      {scope_ + ":" + key_hash_(key), window_end});
  if (!counted) return tl::unexpected(counted.error());
  if (++hits_ % kSweepEvery == 0) {
    // A failed sweep leaves ended windows for the next one; the attempt itself was counted.
    if (auto swept = (*conn)->execute("DELETE FROM rate_windows WHERE window_end <= $1", {now}); !swept)
      spdlog::warn("rate limits: could not delete ended windows: {}", swept.error().internal);
  }
  if (counted->rows.empty()) return fail_internal("rate_windows: the upsert returned no count");
  if (counted->rows[0].integer(0) <= limit_) return std::optional<int>{};
  return std::optional<int>{static_cast<int>(std::max<std::int64_t>(1, window_end - now))};
}

}  // namespace sen::storage
