#pragma once

#include <atomic>
#include <condition_variable>
#include <mutex>
#include <thread>

#include "core/clock.hpp"
#include "core/config.hpp"
#include "core/status.hpp"
#include "storage/database.hpp"
#include "storage/leadership.hpp"

namespace sen::services {

// Delivers queued e-mails (the `outbox` table) over SMTP on its own thread. A failed delivery is retried
// with growing delays until services.outbox_max_attempts; a row is marked sent only after the server
// accepted it, so a crash between the two sends at most one duplicate, never loses a message. Only the
// instance that leads (storage::Leadership) delivers, so several instances send each message once.
class OutboxWorker {
 public:
  OutboxWorker(storage::Database& db, storage::Leadership& leadership, const ServicesConfig& config,
               const Clock& clock);
  ~OutboxWorker();
  OutboxWorker(const OutboxWorker&) = delete;
  OutboxWorker& operator=(const OutboxWorker&) = delete;

  void start();
  void stop();
  // Delivers what is due now; returns how many messages were sent. Used by the thread and by tests.
  Result<int> deliver_due();

 private:
  storage::Database& db_;
  storage::Leadership& leadership_;
  const ServicesConfig& config_;
  const Clock& clock_;
  std::mutex mutex_;
  std::condition_variable wake_;
  bool stopping_ = false;
  std::thread thread_;
};

}  // namespace sen::services
