#include "storage/change_feed.hpp"

#include <fmt/format.h>
#include <spdlog/spdlog.h>

#include "storage/own_session.hpp"

namespace sen::storage {
namespace {

// Channels are SQL identifiers spliced into LISTEN and NOTIFY; only the program's own names reach here.
Status check_channel(std::string_view channel) {
  if (!channel.empty() && channel.find_first_not_of("abcdefghijklmnopqrstuvwxyz_") == std::string_view::npos)
    return {};
  return tl::unexpected(
      Error{ErrorCode::kInternal, "Internal error", fmt::format("bad channel {}", channel), {}});
}

// How long one wait for notifications lasts before the thread looks at stop().
constexpr std::chrono::milliseconds kListenSlice{200};

}  // namespace

Status ChangeFeed::announce(Connection& conn, std::string_view channel) {
  if (conn.dialect() == Dialect::kSqlite) return {};
  if (auto ok = check_channel(channel); !ok) return ok;
  auto r = conn.execute(fmt::format("NOTIFY {}", channel));
  if (!r) return tl::unexpected(r.error());
  return {};
}

Result<std::unique_ptr<Connection>> ChangeFeed::listen() {
  auto conn = open_own_session(config_);
  if (!conn) return tl::unexpected(conn.error());
  std::string last;
  for (const auto& [channel, handler] : handlers_) {
    if (channel == last) continue;
    last = channel;
    if (auto ok = check_channel(channel); !ok) return tl::unexpected(ok.error());
    if (auto r = (*conn)->execute(fmt::format("LISTEN {}", channel)); !r) return tl::unexpected(r.error());
  }
  return conn;
}

Status ChangeFeed::start() {
  if (config_.database_url.empty() || handlers_.empty() || thread_.joinable()) return {};
  auto conn = listen();
  if (!conn) return tl::unexpected(conn.error());
  stopping_ = false;
  thread_ = std::thread([this, c = std::move(*conn)]() mutable { loop(std::move(c)); });
  return {};
}

void ChangeFeed::stop() {
  {
    std::lock_guard lock(mutex_);
    stopping_ = true;
  }
  wake_.notify_all();
  if (thread_.joinable()) thread_.join();
}

void ChangeFeed::run_all() {
  for (const auto& [channel, handler] : handlers_) handler();
}

void ChangeFeed::loop(std::unique_ptr<Connection> conn) {
  for (;;) {
    {
      std::lock_guard lock(mutex_);
      if (stopping_) return;
    }
    if (!conn) {
      std::unique_lock lock(mutex_);
      if (wake_.wait_for(lock, reconnect_delay_, [this] { return stopping_; })) return;
      lock.unlock();
      auto again = listen();
      if (!again) continue;
      conn = std::move(*again);
      spdlog::info("change feed: listening again");
      run_all();  // what was announced while the session was lost is unknown
      continue;
    }
    auto heard = wait_for_notifications(*conn, kListenSlice);
    if (!heard) {
      spdlog::warn("change feed: lost its database session: {}", heard.error().internal);
      conn.reset();
      continue;
    }
    for (const auto& channel : *heard) {
      auto [first, last] = handlers_.equal_range(channel);
      for (auto it = first; it != last; ++it) it->second();
    }
  }
}

}  // namespace sen::storage
