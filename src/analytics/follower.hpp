#pragma once

#include <atomic>
#include <chrono>
#include <condition_variable>
#include <mutex>
#include <thread>

#include "analytics/alerts.hpp"
#include "analytics/dx_standings.hpp"
#include "analytics/engine.hpp"
#include "core/clock.hpp"
#include "core/config.hpp"
#include "storage/database.hpp"
#include "storage/leadership.hpp"

namespace sen::analytics {

// Keeps the engine in step with the database: reads the dossier events after the last one applied
// (docs/dossier-events.md) every analytics.follow_interval_ms, re-reads the DX standings, and runs the
// alert rules after new data and on a schedule. One thread; every step's failure is logged and retried.
class Follower {
 public:
  Follower(storage::Database& db, storage::Leadership& leadership, Engine& engine, DxStandings& dx,
           AlertEvaluator& alerts, const Clock& clock, const AnalyticsConfig& config)
      : db_(db),
        leadership_(leadership),
        engine_(engine),
        dx_(dx),
        alerts_(alerts),
        clock_(clock),
        config_(config) {}
  ~Follower() { stop(); }

  // Reads every event not yet applied; the number read. At start this is the rebuild from the database.
  Result<std::size_t> catch_up();
  // Runs the alert rules now; the number of alerts raised.
  Result<int> evaluate_alerts();
  void start();
  void stop();

 private:
  void loop();

  storage::Database& db_;
  storage::Leadership& leadership_;  // every instance follows the events; only the leader raises alerts
  Engine& engine_;
  DxStandings& dx_;
  AlertEvaluator& alerts_;
  const Clock& clock_;
  AnalyticsConfig config_;
  std::mutex mutex_;
  std::condition_variable wake_;
  bool stopping_ = false;
  std::thread thread_;
};

// This month, in Vietnam's time.
Month current_month(const Clock& clock);

}  // namespace sen::analytics
