#pragma once

#include <chrono>
#include <string>

namespace sen {

// Injected so tests can pin time.
class Clock {
 public:
  virtual ~Clock() = default;
  virtual std::chrono::system_clock::time_point now() const = 0;
};

class SystemClock final : public Clock {
 public:
  std::chrono::system_clock::time_point now() const override { return std::chrono::system_clock::now(); }
};

// RFC 3339 with an explicit offset, e.g. "2026-02-13T08:00:00+07:00". Vietnam has no DST, so a fixed
// offset in minutes is enough.
std::string format_rfc3339(std::chrono::system_clock::time_point t, int offset_minutes = 7 * 60);

}  // namespace sen
