// A pack's working-calendar file (holidays, make-up days): any text gives a calendar or an error, and
// a calendar that loads keeps the deadline arithmetic consistent on every day.
#include <chrono>
#include <cstdint>
#include <cstdlib>
#include <string_view>

#include "calendar/working_calendar.hpp"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  using namespace std::chrono;
  const std::string_view text(reinterpret_cast<const char*>(data), size);
  (void)sen::calendar::parse_iso_date(text, "date");
  auto calendar = sen::calendar::WorkingCalendar::from_json(text, "fuzz.json");
  if (!calendar) return 0;
  const sys_days start = sys_days{year{2026} / January / 1};
  for (int k = 1; k <= 60; ++k) {
    const year_month_day d{start + days{k}};
    (void)calendar->special_day(d);
    if (!calendar->is_working_day(d)) continue;
    const int n = calendar->working_days_between(year_month_day{start}, d);
    if (calendar->add_working_days(year_month_day{start}, n) != d) std::abort();
  }
  return 0;
}
