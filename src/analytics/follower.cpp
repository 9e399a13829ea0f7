#include "analytics/follower.hpp"

#include <spdlog/spdlog.h>

#include "analytics/event_cube.hpp"
#include "services/dossier.hpp"

namespace sen::analytics {

Month current_month(const Clock& clock) { return month_of_text(format_rfc3339(clock.now())); }

Result<std::size_t> Follower::catch_up() {
  std::size_t read = 0;
  for (;;) {
    auto conn = db_.acquire();
    if (!conn) return tl::unexpected(conn.error());
    auto events =
        services::event_figures_after(**conn, engine_.last_event_id(), config_.event_batch, kCountedActions);
    if (!events) return tl::unexpected(events.error());
    engine_.apply(*events);
    read += events->size();
    if (events->size() < static_cast<std::size_t>(config_.event_batch)) return read;
  }
}

Result<int> Follower::evaluate_alerts() { return alerts_.run(current_month(clock_)); }

void Follower::start() {
  stopping_ = false;
  thread_ = std::thread([this] { loop(); });
}

void Follower::stop() {
  {
    std::lock_guard lock(mutex_);
    stopping_ = true;
  }
  wake_.notify_all();
  if (thread_.joinable()) thread_.join();
}

void Follower::loop() {
  using std::chrono::steady_clock;
  auto last_dx = steady_clock::now();
  auto last_alerts = steady_clock::time_point{};
  bool pending_alerts = true;  // run once at start
  for (;;) {
    {
      std::unique_lock lock(mutex_);
      if (wake_.wait_for(lock, std::chrono::milliseconds(config_.follow_interval_ms),
                         [this] { return stopping_; }))
        return;
    }
    if (auto read = catch_up(); !read) {
      spdlog::warn("analytics: reading dossier events failed: {}", read.error().internal);
    } else if (*read > 0) {
      pending_alerts = true;
    }
    const auto now = steady_clock::now();
    if (now - last_dx >= std::chrono::seconds(config_.dx_refresh_seconds)) {
      last_dx = now;
      if (auto ok = dx_.refresh(); !ok)
        spdlog::warn("analytics: reading DX standings failed: {}", ok.error().internal);
      pending_alerts = true;
    }
    const bool due = now - last_alerts >= std::chrono::seconds(config_.alert_interval_seconds);
    const bool settled = now - last_alerts >= std::chrono::milliseconds(config_.alert_min_gap_ms);
    if ((due || (pending_alerts && settled)) && leadership_.check()) {
      last_alerts = now;
      pending_alerts = false;
      auto raised = evaluate_alerts();
      if (!raised)
        spdlog::warn("analytics: alert rules failed: {}", raised.error().internal);
      else if (*raised > 0)
        spdlog::info("analytics: {} alerts raised", *raised);
    }
  }
}

}  // namespace sen::analytics
