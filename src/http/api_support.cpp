#include "http/api_support.hpp"

#include <fmt/format.h>
#include <sodium.h>
#include <spdlog/spdlog.h>

#include <algorithm>
#include <boost/json.hpp>
#include <charconv>

#include "calendar/working_calendar.hpp"
#include "core/json_parse.hpp"
#include "core/text_input.hpp"
#include "http/problem.hpp"

namespace sen::http {

std::string encode_cursor(const std::string& after) {
  std::string out(sodium_base64_encoded_len(after.size(), sodium_base64_VARIANT_URLSAFE_NO_PADDING), '\0');
  sodium_bin2base64(out.data(), out.size(), reinterpret_cast<const unsigned char*>(after.data()),
                    after.size(), sodium_base64_VARIANT_URLSAFE_NO_PADDING);
  out.resize(std::strlen(out.c_str()));
  return out;
}

Status check_query_names(const Request& request,
                         std::initializer_list<std::span<const std::string_view>> known) {
  for (const auto& parameter : request.query) {
    const std::string& name = parameter.first;
    const bool listed = std::any_of(known.begin(), known.end(), [&name](auto names) {
      return std::find(names.begin(), names.end(), name) != names.end();
    });
    if (!listed) return fail(ErrorCode::kInvalidArgument, name + " is not a parameter of this request", name);
  }
  return {};
}

Result<storage::PageRequest> parse_page_request(const Request& request) {
  storage::PageRequest page{kDefaultLimit, ""};
  if (auto text = request.query_param("limit")) {
    int value = 0;
    auto [ptr, ec] = std::from_chars(text->data(), text->data() + text->size(), value);
    if (ec != std::errc() || ptr != text->data() + text->size() || value < 1 || value > kMaxLimit) {
      return fail(ErrorCode::kInvalidArgument,
                  fmt::format("limit must be an integer from 1 to {}", kMaxLimit), "limit");
    }
    page.limit = value;
  }
  if (auto cursor = request.query_param("cursor"); cursor && !cursor->empty()) {
    std::string decoded(cursor->size(), '\0');
    std::size_t length = 0;
    if (cursor->size() > 256 ||
        sodium_base642bin(reinterpret_cast<unsigned char*>(decoded.data()), decoded.size(), cursor->data(),
                          cursor->size(), nullptr, &length, nullptr,
                          sodium_base64_VARIANT_URLSAFE_NO_PADDING) != 0) {
      return fail(ErrorCode::kInvalidArgument, "cursor is not a value returned in `next`", "cursor");
    }
    decoded.resize(length);
    page.after = std::move(decoded);
  }
  return page;
}

Result<boost::json::value> parse_json_body(const Request& request) {
  const auto type = request.header("content-type");
  if (!type || !(type->starts_with("application/json"))) {
    return fail(ErrorCode::kUnsupportedMediaType, "Send the body as application/json", "content-type");
  }
  boost::json::error_code ec;
  boost::json::parse_options options;
  options.max_depth = 32;
  auto value = parse_json(request.body, ec, options);
  if (ec == boost::json::error::exponent_overflow) {
    return fail(ErrorCode::kMalformedJson, "The body has a number beyond what a double holds (about 1.8e308)",
                "body");
  }
  if (ec) {
    return fail(ErrorCode::kMalformedJson, fmt::format("The body is not valid JSON: {}", ec.message()),
                "body");
  }
  if (auto clean = clean_json_strings(value); !clean) return tl::unexpected(clean.error());
  return value;
}

Status check_members(const boost::json::object& body, std::initializer_list<JsonMember> members,
                     std::string_view prefix) {
  for (const auto& [key, value] : body) {
    const std::string_view name(key.data(), key.size());
    const auto* m =
        std::find_if(members.begin(), members.end(), [&](const JsonMember& x) { return x.name == name; });
    const std::string field = fmt::format("{}{}", prefix, name);
    if (m == members.end()) {
      return fail(ErrorCode::kInvalidArgument, fmt::format("{} is not a field of this request", field),
                  field);
    }
    const bool ok = m->kind == JsonKind::kAny || (m->kind == JsonKind::kString && value.is_string()) ||
                    (m->kind == JsonKind::kBool && value.is_bool()) ||
                    (m->kind == JsonKind::kInteger && (value.is_int64() || value.is_uint64())) ||
                    (m->kind == JsonKind::kObject && value.is_object());
    if (!ok) {
      constexpr std::string_view kNames[] = {"a string", "true or false", "an integer", "an object",
                                             "any value"};
      return fail(ErrorCode::kInvalidArgument,
                  fmt::format("{} must be {}", field, kNames[static_cast<int>(m->kind)]), field);
    }
  }
  for (const auto& m : members) {
    if (m.required && !body.contains(m.name)) {
      const std::string field = fmt::format("{}{}", prefix, m.name);
      return fail(ErrorCode::kInvalidArgument, fmt::format("{} is required", field), field);
    }
  }
  return {};
}

Result<boost::json::object> parse_json_object_body(const Request& request) {
  auto parsed = parse_json_body(request);
  if (!parsed) return tl::unexpected(parsed.error());
  if (!parsed->is_object())
    return fail(ErrorCode::kInvalidArgument, "The body must be a JSON object", "body");
  return std::move(parsed->as_object());
}

std::string string_member(const boost::json::object& object, std::string_view key) {
  const auto* v = object.if_contains(key);
  return v && v->is_string() ? std::string(v->as_string()) : std::string();
}

Response json_response(const boost::json::value& body, int status) {
  Response r;
  r.status = status;
  r.body = boost::json::serialize(body);
  return r;
}

Response error_response(const Error& error, const Request& request, boost::json::object extensions) {
  if (!error.internal.empty()) {
    spdlog::error("request {} {} {}: {}", request.request_id, request.method, request.printable_path(),
                  error.internal);
  }
  return problem_response(error, request.path, std::move(extensions));
}

Result<std::optional<std::chrono::year_month_day>> day_param(const Request& request, std::string_view name) {
  const auto v = request.query_param(name);
  if (!v) return std::nullopt;
  auto day = calendar::parse_iso_date(*v, name);
  if (!day) return tl::unexpected(day.error());
  return *day;
}

Result<bool> flag_param(const Request& request, std::string_view name) {
  const auto v = request.query_param(name);
  if (!v) return false;
  if (*v == "true") return true;
  if (*v == "false") return false;
  return fail(ErrorCode::kInvalidArgument, std::string(name) + " must be true or false", std::string(name));
}

}  // namespace sen::http
