#pragma once

#include <algorithm>
#include <boost/json.hpp>
#include <cstdint>
#include <initializer_list>
#include <optional>
#include <span>
#include <string>
#include <string_view>
#include <vector>

#include "core/json_text.hpp"
#include "core/status.hpp"

namespace sen {

// Strict reading of JSON data files (pack calendars, procedures): every problem names the file and the
// field, and unknown fields are errors.
using JsonNames = std::span<const std::string_view>;

inline std::string names_list(JsonNames names) {
  std::string out;
  for (auto n : names) {
    if (!out.empty()) out += ", ";
    out += n;
  }
  return out;
}

inline bool names_contain(JsonNames names, std::string_view s) {
  return std::find(names.begin(), names.end(), s) != names.end();
}

// Reports problems as "<origin>: <path>: <problem>" with Error::field = path.
class JsonReader {
 public:
  explicit JsonReader(std::string_view origin) : origin_(origin) {}

  tl::unexpected<Error> error(const std::string& path, const std::string& problem) const {
    std::string message(origin_);
    message += ": ";
    if (!path.empty()) {
      message += path;
      message += ": ";
    }
    message += problem;
    return fail(ErrorCode::kInvalidArgument, std::move(message), path);
  }

  static std::string join(const std::string& path, std::string_view key) {
    if (path.empty()) return std::string(key);
    return path + "." + std::string(key);
  }

  static std::string index(const std::string& path, std::size_t i) {
    return path + "[" + std::to_string(i) + "]";
  }

  Result<const boost::json::object*> object(const boost::json::value& v, const std::string& path) const {
    if (!v.is_object()) return error(path, "must be an object, not " + json_type_name(v));
    return &v.as_object();
  }

  Status only_keys(const boost::json::object& o, const std::string& path,
                   std::initializer_list<std::string_view> allowed_keys) const {
    const JsonNames allowed(allowed_keys.begin(), allowed_keys.size());
    for (const auto& kv : o) {
      const std::string_view key(kv.key().data(), kv.key().size());
      if (!names_contain(allowed, key))
        return error(join(path, key), "unknown field (allowed: " + names_list(allowed) + ")");
    }
    return {};
  }

  // Required strings must be present and non-empty; optional ones default to "".
  Result<std::string> string(const boost::json::object& o, const std::string& path, std::string_view key,
                             bool required) const {
    const boost::json::value* v = o.if_contains(key);
    if (v == nullptr) {
      if (required) return error(join(path, key), "missing required string");
      return std::string();
    }
    return string_value(*v, join(path, key), required);
  }

  Result<std::string> string_value(const boost::json::value& v, const std::string& path,
                                   bool non_empty) const {
    if (!v.is_string()) return error(path, "must be a string, not " + json_type_name(v));
    std::string s(v.as_string().data(), v.as_string().size());
    if (non_empty && s.empty()) return error(path, "must not be empty");
    return s;
  }

  Result<std::string> one_of(const boost::json::object& o, const std::string& path, std::string_view key,
                             JsonNames allowed) const {
    auto s = string(o, path, key, true);
    if (!s) return s;
    if (!names_contain(allowed, *s)) return error(join(path, key), "must be one of " + names_list(allowed));
    return s;
  }

  // nullptr when an optional array is absent.
  Result<const boost::json::array*> array(const boost::json::object& o, const std::string& path,
                                          std::string_view key, bool required) const {
    const boost::json::value* v = o.if_contains(key);
    if (v == nullptr) {
      if (required) return error(join(path, key), "missing required array");
      return nullptr;
    }
    if (!v->is_array()) return error(join(path, key), "must be an array, not " + json_type_name(*v));
    return &v->as_array();
  }

  // Non-empty strings, each at most once; an absent optional list is `fallback`.
  Result<std::vector<std::string>> strings(const boost::json::object& o, const std::string& path,
                                           std::string_view key, bool required,
                                           std::vector<std::string> fallback = {}) const {
    auto arr = array(o, path, key, required);
    if (!arr) return tl::unexpected(arr.error());
    if (*arr == nullptr) return fallback;
    std::vector<std::string> out;
    const std::string list_path = join(path, key);
    for (std::size_t i = 0; i < (*arr)->size(); ++i) {
      auto s = string_value((**arr)[i], index(list_path, i), true);
      if (!s) return tl::unexpected(s.error());
      const auto earlier = std::find(out.begin(), out.end(), *s);
      if (earlier != out.end()) {
        const auto first = static_cast<std::size_t>(earlier - out.begin());
        return error(index(list_path, i),
                     "duplicate " + shown(*s) + " (also " + index(list_path, first) + ")");
      }
      out.push_back(std::move(*s));
    }
    if (required && out.empty()) return error(list_path, "must not be empty");
    return out;
  }

  Result<std::int64_t> integer(const boost::json::object& o, const std::string& path, std::string_view key,
                               std::int64_t min, std::int64_t max,
                               const std::int64_t* fallback = nullptr) const {
    const boost::json::value* v = o.if_contains(key);
    const std::string p = join(path, key);
    if (v == nullptr) {
      if (fallback != nullptr) return *fallback;
      return error(p, "missing required integer");
    }
    const std::string range = "outside " + std::to_string(min) + "-" + std::to_string(max);
    // Only values beyond int64 are parsed as uint64, and every bound here is below that.
    if (v->is_uint64()) return error(p, std::to_string(v->as_uint64()) + " is " + range);
    if (v->is_double()) return error(p, "must be a whole number");
    if (!v->is_int64()) return error(p, "must be an integer, not " + json_type_name(*v));
    const std::int64_t n = v->as_int64();
    if (n < min || n > max) return error(p, std::to_string(n) + " is " + range);
    return n;
  }

  Result<bool> boolean(const boost::json::object& o, const std::string& path, std::string_view key,
                       bool fallback) const {
    const boost::json::value* v = o.if_contains(key);
    if (v == nullptr) return fallback;
    if (!v->is_bool()) return error(join(path, key), "must be true or false, not " + json_type_name(*v));
    return v->as_bool();
  }

 private:
  std::string_view origin_;
};

// A member naming one of `all` (each value's text is `name(value)`, found by argument-dependent
// lookup in the enum's namespace); `fallback` when the member is absent and one is given.
template <class E, std::size_t N>
Result<E> enum_member(const JsonReader& r, const boost::json::object& o, const std::string& path,
                      std::string_view key, const E (&all)[N], std::optional<E> fallback = std::nullopt) {
  if (fallback && o.if_contains(key) == nullptr) return *fallback;
  std::vector<std::string_view> names;
  for (E e : all) names.push_back(name(e));
  auto s = r.one_of(o, path, key, JsonNames(names.data(), names.size()));
  if (!s) return tl::unexpected(s.error());
  for (E e : all)
    if (name(e) == *s) return e;
  return r.error(JsonReader::join(path, key), "unknown value");
}

}  // namespace sen
