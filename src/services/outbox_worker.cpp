#include "services/outbox_worker.hpp"

#include <spdlog/spdlog.h>

#include <algorithm>

#include "outbound/smtp_client.hpp"

namespace sen::services {

OutboxWorker::OutboxWorker(storage::Database& db, storage::Leadership& leadership,
                           const ServicesConfig& config, const Clock& clock)
    : db_(db), leadership_(leadership), config_(config), clock_(clock) {}

OutboxWorker::~OutboxWorker() { stop(); }

void OutboxWorker::start() {
  if (config_.smtp_host.empty() || thread_.joinable()) return;
  thread_ = std::thread([this] {
    std::unique_lock lock(mutex_);
    while (!stopping_) {
      lock.unlock();
      if (leadership_.check()) {
        if (auto sent = deliver_due(); !sent) spdlog::warn("outbox: {}", sent.error().internal);
      }
      lock.lock();
      wake_.wait_for(lock, std::chrono::milliseconds(config_.outbox_poll_ms), [this] { return stopping_; });
    }
  });
}

void OutboxWorker::stop() {
  {
    std::lock_guard lock(mutex_);
    stopping_ = true;
  }
  wake_.notify_all();
  if (thread_.joinable()) thread_.join();
}

Result<int> OutboxWorker::deliver_due() {
  std::vector<storage::Row> due;
  {
    auto conn = db_.acquire();
    if (!conn) return tl::unexpected(conn.error());
    auto rows = (*conn)->execute(
        "SELECT id, recipient, subject, body, attempts FROM outbox WHERE sent_at IS NULL AND attempts < $1 "
        "AND "
        "next_attempt_at <= $2 ORDER BY id LIMIT 50",
        {std::int64_t{config_.outbox_max_attempts}, format_rfc3339(clock_.now())});
    if (!rows) return tl::unexpected(rows.error());
    due = std::move(rows->rows);
  }
  const outbound::SmtpSettings smtp{config_.smtp_host, config_.smtp_port, "sen.local",
                                    std::chrono::milliseconds(config_.smtp_timeout_ms)};
  int sent = 0;
  for (const auto& row : due) {
    const std::int64_t id = row.integer(0);
    const std::int64_t attempts = row.integer(4) + 1;
    auto delivered = outbound::send_mail(smtp, {config_.smtp_from, row.text(1), row.text(2), row.text(3)});
    const auto now = clock_.now();
    // Retry after 30 s, 1 min, 2 min, ... capped at one hour.
    const auto delay =
        std::chrono::seconds(std::min<std::int64_t>(3600, 30LL << std::min<std::int64_t>(attempts - 1, 7)));
    auto update = db_.write_transaction([&](storage::Connection& conn) -> Status {
      auto r =
          delivered
              ? conn.execute("UPDATE outbox SET attempts = $2, sent_at = $3, last_error = NULL WHERE id = $1",
                             {id, attempts, format_rfc3339(now)})
              : conn.execute(
                    "UPDATE outbox SET attempts = $2, next_attempt_at = $3, last_error = $4 WHERE id = $1",
                    {id, attempts, format_rfc3339(now + delay),
                     delivered.error().message + ": " + delivered.error().internal});
      if (!r) return tl::unexpected(r.error());
      return {};
    });
    if (!update) return tl::unexpected(update.error());
    if (delivered) ++sent;
  }
  return sent;
}

}  // namespace sen::services
