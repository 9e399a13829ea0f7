#pragma once

#include <boost/json/object.hpp>
#include <boost/json/value.hpp>
#include <chrono>
#include <initializer_list>
#include <optional>
#include <span>
#include <string>

#include "core/status.hpp"
#include "http/message.hpp"
#include "storage/keyset_page.hpp"

namespace sen::http {

inline constexpr int kDefaultLimit = 50;
inline constexpr int kMaxLimit = 1000;

// `limit` (1..1000, default 50) and `cursor` (opaque, from a previous page's `next`).
Result<storage::PageRequest> parse_page_request(const Request& request);
inline constexpr std::string_view kPagingParams[] = {"limit", "cursor"};

// Every query parameter is in one of the `known` lists (a resource's filters, then what this use adds:
// paging, or an export's format and language); any other is a 400 naming it, never ignored.
Status check_query_names(const Request& request,
                         std::initializer_list<std::span<const std::string_view>> known);
std::string encode_cursor(const std::string& after);

// A day (YYYY-MM-DD) query parameter, or none when absent; kInvalidArgument naming it otherwise.
Result<std::optional<std::chrono::year_month_day>> day_param(const Request& request, std::string_view name);

// A yes/no query parameter: absent is false; "true" and "false" are read, anything else is a 400
// naming it.
Result<bool> flag_param(const Request& request, std::string_view name);

Result<boost::json::value> parse_json_body(const Request& request);
// A JSON object body (400 naming `body` for any other JSON value).
Result<boost::json::object> parse_json_object_body(const Request& request);
// What a body member must be: members not named are refused, and so is a value of another type,
// so nothing is silently ignored or coerced ("submit": "yes" is a 400 naming `submit`).
enum class JsonKind { kString, kBool, kInteger, kObject, kAny };
struct JsonMember {
  std::string_view name;
  JsonKind kind;
  bool required = false;
};
// Errors name the member with `prefix` before it ("applicant." for a nested object's members).
Status check_members(const boost::json::object& body, std::initializer_list<JsonMember> members,
                     std::string_view prefix = "");

// The string member `key`, or "" when it is absent (after check_members, present means a string).
std::string string_member(const boost::json::object& object, std::string_view key);

Response json_response(const boost::json::value& body, int status = 200);
// Turns a failed Result into problem+json, logging the internal detail with the request id.
Response error_response(const Error& error, const Request& request, boost::json::object extensions = {});

// {"items": [...], "total": N, "next": cursor-or-null}
template <class Page, class ToJson>
Response list_response(const Page& page, ToJson to_json) {
  boost::json::object body;
  boost::json::array items;
  items.reserve(page.items.size());
  for (const auto& item : page.items) items.push_back(to_json(item));
  body["items"] = std::move(items);
  body["total"] = page.total;
  body["next"] =
      page.next_after ? boost::json::value(encode_cursor(*page.next_after)) : boost::json::value(nullptr);
  return json_response(body);
}

}  // namespace sen::http
