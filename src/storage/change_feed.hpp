#pragma once

#include <condition_variable>
#include <functional>
#include <map>
#include <mutex>
#include <string>
#include <string_view>
#include <thread>
#include <vector>

#include "storage/database.hpp"

namespace sen::storage {

// Keeps what a process holds in memory in step with changes other processes make, where staleness
// matters (a signed-out session must not keep working on another instance). A change is announced
// inside its own write transaction, as a PostgreSQL NOTIFY, so other instances hear of it only once it
// is committed; each runs the handlers for the channel on its listening thread. A listener whose
// session is lost runs every handler when it is back, since it may have missed announcements. On
// SQLite one process owns the database, so there is nothing to announce or hear.
class ChangeFeed {
 public:
  using Handler = std::function<void()>;

  // `config`: the database every instance shares; the feed listens on a session of its own.
  explicit ChangeFeed(const StorageConfig& config,
                      std::chrono::milliseconds reconnect_delay = std::chrono::seconds(1))
      : config_(config), reconnect_delay_(reconnect_delay) {}
  ~ChangeFeed() { stop(); }
  ChangeFeed(const ChangeFeed&) = delete;
  ChangeFeed& operator=(const ChangeFeed&) = delete;

  // Before start(). `channel`: lower-case letters and underscores.
  void on(std::string channel, Handler handler) { handlers_.emplace(std::move(channel), std::move(handler)); }
  // Listens (PostgreSQL): returns once the first LISTEN is in place, so no later announcement is missed.
  Status start();
  void stop();

  // Within a write transaction: tells every process once the transaction commits.
  static Status announce(Connection& conn, std::string_view channel);

 private:
  Result<std::unique_ptr<Connection>> listen();
  void loop(std::unique_ptr<Connection> conn);
  void run_all();

  StorageConfig config_;
  std::chrono::milliseconds reconnect_delay_;
  std::multimap<std::string, Handler, std::less<>> handlers_;
  std::mutex mutex_;
  std::condition_variable wake_;
  bool stopping_ = false;
  std::thread thread_;
};

// PostgreSQL: waits up to `timeout` for notifications on the channels `conn` LISTENs to and returns the
// channels notified; kUnavailable once the session is lost (storage/postgres_connection.cpp).
Result<std::vector<std::string>> wait_for_notifications(Connection& conn, std::chrono::milliseconds timeout);

}  // namespace sen::storage
