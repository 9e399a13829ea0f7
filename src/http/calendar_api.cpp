// /api/v1/calendar: the working-day calendar used for procedure deadlines.
#include <fmt/format.h>

#include <boost/json.hpp>
#include <charconv>

#include "http/api.hpp"
#include "http/api_support.hpp"

namespace sen::http {
namespace {

namespace json = boost::json;
using calendar::format_iso_date;
using calendar::parse_iso_date;

json::value day_json(const calendar::DayInfo& d) {
  return json::object{{"date", format_iso_date(d.date)},
                      {"kind", calendar::kind_name(d.kind)},
                      {"category", d.category},
                      {"name_vi", d.name_vi},
                      {"name_en", d.name_en},
                      {"confirmed", d.confirmed},
                      {"legal_ref", d.legal_ref}};
}

Result<int> parse_working_days(const json::object& body) {
  const auto* v = body.if_contains("working_days");
  if (v == nullptr || !v->is_int64() || v->as_int64() < 0 || v->as_int64() > 3650) {
    return fail(ErrorCode::kInvalidArgument, "working_days must be an integer from 0 to 3650",
                "working_days");
  }
  return static_cast<int>(v->as_int64());
}

Result<std::chrono::year_month_day> parse_date_member(const json::object& body, std::string_view name) {
  const auto* v = body.if_contains(name);
  if (v == nullptr || !v->is_string()) {
    return fail(ErrorCode::kInvalidArgument, fmt::format("{} must be a date YYYY-MM-DD", name),
                std::string(name));
  }
  return parse_iso_date(std::string_view(v->as_string()), name);
}

}  // namespace

void add_calendar_routes(Router& router, const ApiContext& ctx) {
  const auto& cal = ctx.calendar;
  router.add({"GET", "/api/v1/calendar/{year}",
              [&cal](const Request& r) {
                const auto text = r.path_param("year");
                int year = 0;
                auto [ptr, ec] = std::from_chars(text.data(), text.data() + text.size(), year);
                if (ec != std::errc() || ptr != text.data() + text.size() || year < 1900 || year > 2200) {
                  return error_response(
                      Error{ErrorCode::kInvalidArgument, "year must be a number from 1900 to 2200", "year"},
                      r);
                }
                const std::chrono::year y{year};
                json::array days;
                for (const auto& d : cal.year_days(y)) days.push_back(day_json(d));
                return json_response(
                    json::object{{"year", year}, {"covered", cal.covers(y)}, {"days", std::move(days)}});
              },
              Execution::kInline});
  router.add({"POST", "/api/v1/calendar/deadlines",
              [&cal](const Request& r) {
                auto parsed = parse_json_object_body(r);
                if (!parsed) return error_response(parsed.error(), r);
                if (auto members = check_members(*parsed, {{"start", JsonKind::kString, true},
                                                           {"working_days", JsonKind::kAny, true}});
                    !members)
                  return error_response(members.error(), r);
                const auto& body = *parsed;
                auto start = parse_date_member(body, "start");
                if (!start) return error_response(start.error(), r);
                auto days = parse_working_days(body);
                if (!days) return error_response(days.error(), r);
                const auto due = cal.add_working_days(*start, *days);
                // Beyond the announced holiday tables only weekends are known to be off.
                const bool provisional = !cal.covers(start->year()) || !cal.covers(due.year());
                return json_response(json::object{{"start", format_iso_date(*start)},
                                                  {"working_days", *days},
                                                  {"due", format_iso_date(due)},
                                                  {"provisional", provisional},
                                                  {"calendar_version", cal.fingerprint()}});
              },
              Execution::kInline, 4 * 1024});
}

}  // namespace sen::http
