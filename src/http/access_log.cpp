#include "http/access_log.hpp"

#include <fmt/format.h>
#include <unistd.h>

#include <chrono>

#include "core/clock.hpp"

namespace sen::http {
namespace {

// The timestamp changes once a second; formatting it once per second per thread is enough.
std::string_view current_time() {
  thread_local std::int64_t cached_second = -1;
  thread_local std::string cached;
  const auto now = std::chrono::system_clock::now();
  const auto second = std::chrono::duration_cast<std::chrono::seconds>(now.time_since_epoch()).count();
  if (second != cached_second) {
    cached_second = second;
    cached = format_rfc3339(now, 0);
  }
  return cached;
}

}  // namespace

void append_json_escaped(std::string& out, std::string_view text) {
  for (char c : text) {
    const auto u = static_cast<unsigned char>(c);
    if (c == '"' || c == '\\') {
      out += '\\';
      out += c;
    } else if (u < 0x20 || u == 0x7F) {
      out += fmt::format("\\u{:04x}", u);
    } else {
      out += c;
    }
  }
}

AccessLog::AccessLog(int fd, std::size_t max_buffered_bytes)
    : fd_(fd), max_buffered_(max_buffered_bytes), writer_([this] { run(); }) {}

AccessLog::~AccessLog() {
  {
    std::lock_guard lock(mutex_);
    stopping_ = true;
  }
  wake_.notify_one();
  writer_.join();
}

void AccessLog::write(const AccessRecord& r) {
  thread_local std::string line;
  line.clear();
  line += "{\"time\":\"";
  line += current_time();
  line += "\",\"request_id\":\"";
  append_json_escaped(line, r.request_id);
  line += "\",\"remote\":\"";
  append_json_escaped(line, r.remote);
  line += "\",\"method\":\"";
  append_json_escaped(line, r.method);
  line += "\",\"path\":\"";
  append_json_escaped(line, r.path);
  fmt::format_to(std::back_inserter(line), "\",\"status\":{},\"bytes\":{},\"duration_us\":{}}}\n", r.status,
                 r.bytes, r.duration_us);
  bool wake = false;
  {
    std::lock_guard lock(mutex_);
    if (pending_.size() + line.size() > max_buffered_) {
      dropped_.fetch_add(1, std::memory_order_relaxed);
      return;
    }
    wake = pending_.empty();
    pending_ += line;
  }
  if (wake) wake_.notify_one();
}

void AccessLog::flush() {
  std::string batch;
  {
    std::lock_guard lock(mutex_);
    batch.swap(pending_);
  }
  for (std::size_t done = 0; done < batch.size();) {
    const ssize_t n = ::write(fd_, batch.data() + done, batch.size() - done);
    if (n <= 0) break;  // nowhere to write: the log is best effort, serving goes on
    done += static_cast<std::size_t>(n);
  }
}

void AccessLog::run() {
  for (;;) {
    {
      std::unique_lock lock(mutex_);
      wake_.wait(lock, [&] { return stopping_ || !pending_.empty(); });
      if (stopping_ && pending_.empty()) return;
    }
    // Let a batch accumulate: one write per few milliseconds instead of one per request.
    std::this_thread::sleep_for(std::chrono::milliseconds(5));
    flush();
  }
}

}  // namespace sen::http
