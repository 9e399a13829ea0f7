#include "core/clock.hpp"

#include <fmt/format.h>

namespace sen {

std::string format_rfc3339(std::chrono::system_clock::time_point t, int offset_minutes) {
  using namespace std::chrono;
  const auto local = floor<seconds>(t) + minutes(offset_minutes);
  const auto day = floor<days>(local);
  const year_month_day ymd(day);
  const hh_mm_ss hms(local - day);
  const int off = offset_minutes < 0 ? -offset_minutes : offset_minutes;
  return fmt::format("{:04}-{:02}-{:02}T{:02}:{:02}:{:02}{}{:02}:{:02}", int(ymd.year()),
                     unsigned(ymd.month()), unsigned(ymd.day()), hms.hours().count(), hms.minutes().count(),
                     hms.seconds().count(), offset_minutes < 0 ? '-' : '+', off / 60, off % 60);
}

}  // namespace sen
