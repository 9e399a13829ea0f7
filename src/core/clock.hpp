#pragma once

#include <chrono>
#include <optional>
#include <string>
#include <string_view>

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

// Tests only (services.clock_file): "now" is the RFC 3339 time written in a file, re-read when the file
// changes, so a browser test can move a running server's clock past a deadline. Falls back to the real
// clock while the file is missing or unreadable.
class FileClock final : public Clock {
 public:
  explicit FileClock(std::string path) : path_(std::move(path)) {}
  std::chrono::system_clock::time_point now() const override;

 private:
  std::string path_;
};

// RFC 3339 with an explicit offset, e.g. "2026-02-13T08:00:00+07:00". Vietnam has no DST, so a fixed
// offset in minutes is enough.
std::string format_rfc3339(std::chrono::system_clock::time_point t, int offset_minutes = 7 * 60);

// Vietnam's civil time (UTC+7, no daylight saving): the day and the time of day people there read.
struct CivilTime {
  std::chrono::year_month_day date;
  std::chrono::hh_mm_ss<std::chrono::seconds> time;
};
CivilTime vietnam_civil_time(std::chrono::system_clock::time_point t);

// "YYYY-MM-DDTHH:MM:SS" followed by "Z" or "+HH:MM"/"-HH:MM" (fractions of a second are ignored).
std::optional<std::chrono::system_clock::time_point> parse_rfc3339(std::string_view text);

}  // namespace sen
