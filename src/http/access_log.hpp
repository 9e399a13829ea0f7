#pragma once

#include <atomic>
#include <condition_variable>
#include <cstdint>
#include <mutex>
#include <string>
#include <string_view>
#include <thread>

namespace sen::http {

struct AccessRecord {
  std::string_view request_id;
  std::string_view remote;
  std::string_view method;
  std::string_view path;  // no query string: search terms may be personal data
  int status = 0;
  std::size_t bytes = 0;
  std::int64_t duration_us = 0;
};

// One JSON line per request on a file descriptor (standard output by default). Request threads only
// format into a shared buffer; a background thread writes it out in batches, so serving never waits
// on the log. When the writer falls behind by more than the buffer cap, lines are dropped and
// counted rather than stalling requests.
class AccessLog {
 public:
  explicit AccessLog(int fd = 1, std::size_t max_buffered_bytes = 4 * 1024 * 1024);
  ~AccessLog();  // flushes what is buffered
  AccessLog(const AccessLog&) = delete;
  AccessLog& operator=(const AccessLog&) = delete;

  void write(const AccessRecord& record);
  void flush();
  std::uint64_t dropped() const { return dropped_.load(std::memory_order_relaxed); }

 private:
  void run();

  int fd_;
  std::size_t max_buffered_;
  std::mutex mutex_;
  std::condition_variable wake_;
  std::string pending_;
  bool stopping_ = false;
  std::atomic<std::uint64_t> dropped_{0};
  std::thread writer_;
};

// Appends `text` as the inside of a JSON string (quotes, backslashes and control characters escaped).
void append_json_escaped(std::string& out, std::string_view text);

}  // namespace sen::http
