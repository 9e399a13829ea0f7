#include "core/json_schema.hpp"

#include <algorithm>
#include <array>
#include <boost/json/serialize.hpp>
#include <charconv>
#include <chrono>
#include <cmath>
#include <cstdint>
#include <exception>
#include <optional>
#include <regex>
#include <string>

#include "core/text_fold.hpp"
#include "core/text_input.hpp"

namespace sen {
namespace {

namespace json = boost::json;

constexpr std::string_view kDraft202012 = "https://json-schema.org/draft/2020-12/schema";
constexpr std::array<std::string_view, 7> kTypes = {"string", "integer", "number", "boolean",
                                                    "object", "array",   "null"};
constexpr std::array<std::string_view, 3> kFormats = {"date", "email", "vn-id-number"};

bool contains(const auto& list, std::string_view item) {
  return std::find(list.begin(), list.end(), item) != list.end();
}

tl::unexpected<Error> invalid(const std::string& field, std::string_view what) {
  return fail(ErrorCode::kInvalidArgument, field + " " + std::string(what), field);
}

// ---- numbers ---------------------------------------------------------------------------------

bool is_number(const json::value& v) { return v.is_int64() || v.is_uint64() || v.is_double(); }

bool is_integral(const json::value& v) {
  if (v.is_int64() || v.is_uint64()) return true;
  return v.is_double() && std::isfinite(v.get_double()) && std::trunc(v.get_double()) == v.get_double();
}

// long double holds every int64 and uint64 exactly (x86-64 extended, aarch64 quad), so mixed
// integer/double comparisons do not round.
long double as_long_double(const json::value& v) {
  if (v.is_int64()) return static_cast<long double>(v.get_int64());
  if (v.is_uint64()) return static_cast<long double>(v.get_uint64());
  return static_cast<long double>(v.get_double());
}

int compare_numbers(const json::value& a, const json::value& b) {
  const long double x = as_long_double(a);
  const long double y = as_long_double(b);
  return x < y ? -1 : (x > y ? 1 : 0);
}

// A non-negative integer limit (minLength, maxItems, ...). Doubles count when they are whole and
// exactly representable.
std::optional<std::uint64_t> count_limit(const json::value& v) {
  if (v.is_uint64()) return v.get_uint64();
  if (v.is_int64() && v.get_int64() >= 0) return static_cast<std::uint64_t>(v.get_int64());
  if (v.is_double() && is_integral(v) && v.get_double() >= 0 && v.get_double() <= 9007199254740992.0) {
    return static_cast<std::uint64_t>(v.get_double());
  }
  return std::nullopt;
}

// ---- values in messages and comparisons ------------------------------------------------------

// How a schema value reads in a message: strings without quotes, numbers without exponents where
// possible ("10", not "1E1").
std::string display(const json::value& v) {
  if (v.is_string()) return std::string(v.get_string());
  if (v.is_int64()) return std::to_string(v.get_int64());
  if (v.is_uint64()) return std::to_string(v.get_uint64());
  if (v.is_double()) {
    std::array<char, 32> buf{};
    const auto [end, ec] = std::to_chars(buf.data(), buf.data() + buf.size(), v.get_double());
    if (ec == std::errc()) return std::string(buf.data(), end);
  }
  return json::serialize(v);
}

// JSON Schema equality: numbers by value (1 == 1.0), objects regardless of member order. Values
// nested deeper than a schema may be are never equal, which bounds the recursion.
bool json_equal(const json::value& a, const json::value& b, int depth = 0) {
  if (depth > kMaxSchemaDepth) return false;
  if (is_number(a) && is_number(b)) return compare_numbers(a, b) == 0;
  if (a.kind() != b.kind()) return false;
  if (const json::array* x = a.if_array()) {
    const json::array& y = b.get_array();
    if (x->size() != y.size()) return false;
    for (std::size_t i = 0; i < x->size(); ++i) {
      if (!json_equal((*x)[i], y[i], depth + 1)) return false;
    }
    return true;
  }
  if (const json::object* x = a.if_object()) {
    const json::object& y = b.get_object();
    if (x->size() != y.size()) return false;
    for (const auto& [key, value] : *x) {
      const json::value* other = y.if_contains(key);
      if (!other || !json_equal(value, *other, depth + 1)) return false;
    }
    return true;
  }
  return a == b;
}

// ---- formats ---------------------------------------------------------------------------------

bool is_digit(char c) { return c >= '0' && c <= '9'; }
bool is_alnum(char c) { return is_digit(c) || (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z'); }

bool is_date(std::string_view s) {
  if (s.size() != 10 || s[4] != '-' || s[7] != '-') return false;
  for (const std::size_t i : {0, 1, 2, 3, 5, 6, 8, 9}) {
    if (!is_digit(s[i])) return false;
  }
  const auto number = [&](std::size_t pos, std::size_t len) {
    int n = 0;
    for (std::size_t i = pos; i < pos + len; ++i) n = n * 10 + (s[i] - '0');
    return n;
  };
  const std::chrono::year_month_day date{std::chrono::year(number(0, 4)),
                                         std::chrono::month(static_cast<unsigned>(number(5, 2))),
                                         std::chrono::day(static_cast<unsigned>(number(8, 2)))};
  return date.ok();
}

// A practical address check (what mail systems deliver to), not RFC 5322's full grammar: ASCII
// dot-atom local part, a domain of at least two LDH labels. Quoted local parts and address
// literals are refused.
bool is_email(std::string_view s) {
  if (s.size() > 254) return false;
  const std::size_t at = s.find('@');
  if (at == std::string_view::npos) return false;
  const std::string_view local = s.substr(0, at);
  const std::string_view domain = s.substr(at + 1);
  if (local.empty() || local.size() > 64 || local.front() == '.' || local.back() == '.' ||
      local.find("..") != std::string_view::npos) {
    return false;
  }
  constexpr std::string_view kAtext = "!#$%&'*+-/=?^_`{|}~.";
  for (const char c : local) {
    if (!is_alnum(c) && kAtext.find(c) == std::string_view::npos) return false;
  }
  int labels = 0;
  std::size_t start = 0;
  while (true) {
    const std::size_t dot = domain.find('.', start);
    const std::string_view label = domain.substr(start, dot == std::string_view::npos ? dot : dot - start);
    if (label.empty() || label.size() > 63 || label.front() == '-' || label.back() == '-') return false;
    for (const char c : label) {
      if (!is_alnum(c) && c != '-') return false;
    }
    ++labels;
    if (dot == std::string_view::npos) break;
    start = dot + 1;
  }
  return labels >= 2;
}

// Căn cước (citizen identity card) numbers: exactly 12 digits.
bool is_vn_id_number(std::string_view s) {
  return s.size() == 12 && std::all_of(s.begin(), s.end(), is_digit);
}

bool matches_format(std::string_view format, std::string_view s) {
  if (format == "date") return is_date(s);
  if (format == "email") return is_email(s);
  return is_vn_id_number(s);
}

std::string_view format_requirement(std::string_view format) {
  if (format == "date") return "must be a date in the form YYYY-MM-DD";
  if (format == "email") return "must be an email address";
  return "must be a 12-digit citizen identification number";
}

std::optional<std::regex> compile_pattern(std::string_view pattern) {
  try {
    return std::regex(pattern.begin(), pattern.end(), std::regex::ECMAScript);
  } catch (const std::exception&) {
    return std::nullopt;
  }
}

// ---- checking the schema ---------------------------------------------------------------------

Status check_schema(const json::value& schema, const std::string& path, int depth) {
  if (depth > kMaxSchemaDepth) {
    return invalid(path, "is nested deeper than " + std::to_string(kMaxSchemaDepth) + " levels");
  }
  const json::object* object = schema.if_object();
  if (!object) return invalid(path, "must be an object");

  for (const auto& [key_string, value] : *object) {
    const std::string_view key = key_string;
    const std::string here = path + "." + std::string(key);
    if (key.starts_with("x-") || key == "default" || key == "examples") continue;
    if (key == "title" || key == "description" || key == "$comment") {
      if (!value.is_string()) return invalid(here, "must be a string");
    } else if (key == "$schema") {
      if (!value.is_string() || value.get_string() != kDraft202012) {
        return invalid(here, "must be \"" + std::string(kDraft202012) + "\"");
      }
    } else if (key == "type") {
      if (value.is_string()) {
        if (!contains(kTypes, value.get_string())) return invalid(here, "names an unsupported type");
      } else if (const json::array* types = value.if_array(); types && !types->empty()) {
        for (std::size_t i = 0; i < types->size(); ++i) {
          const json::value& t = (*types)[i];
          if (!t.is_string() || !contains(kTypes, t.get_string())) {
            return invalid(here, "names an unsupported type");
          }
          if (std::find(types->begin(), types->begin() + static_cast<std::ptrdiff_t>(i), t) !=
              types->begin() + static_cast<std::ptrdiff_t>(i)) {
            return invalid(here, "lists a type twice");
          }
        }
      } else {
        return invalid(here, "must be a type name or a non-empty array of type names");
      }
    } else if (key == "properties") {
      const json::object* properties = value.if_object();
      if (!properties) return invalid(here, "must be an object");
      for (const auto& [name, subschema] : *properties) {
        if (auto ok = check_schema(subschema, here + "." + std::string(name), depth + 1); !ok) return ok;
      }
    } else if (key == "items") {
      if (auto ok = check_schema(value, here, depth + 1); !ok) return ok;
    } else if (key == "required") {
      const json::array* names = value.if_array();
      if (!names || !std::all_of(names->begin(), names->end(), [](const auto& n) { return n.is_string(); })) {
        return invalid(here, "must be an array of property names");
      }
    } else if (key == "additionalProperties") {
      if (!value.is_bool()) return invalid(here, "must be true or false");
    } else if (key == "enum") {
      if (!value.is_array() || value.get_array().empty()) return invalid(here, "must be a non-empty array");
    } else if (key == "const") {
      // Any value.
    } else if (key == "minLength" || key == "maxLength" || key == "minItems" || key == "maxItems") {
      if (!count_limit(value)) return invalid(here, "must be a non-negative integer");
    } else if (key == "minimum" || key == "maximum" || key == "exclusiveMinimum" ||
               key == "exclusiveMaximum") {
      if (!is_number(value)) return invalid(here, "must be a number");
    } else if (key == "pattern") {
      if (!value.is_string()) return invalid(here, "must be a string");
      if (!compile_pattern(value.get_string())) return invalid(here, "is not a valid regular expression");
    } else if (key == "format") {
      if (!value.is_string() || !contains(kFormats, value.get_string())) {
        return invalid(here, "must be one of: date, email, vn-id-number");
      }
    } else {
      return invalid(here, "is not a supported keyword");
    }
  }
  return {};
}

// ---- validating an instance ------------------------------------------------------------------

bool has_type(const json::value& v, std::string_view type) {
  if (type == "string") return v.is_string();
  if (type == "integer") return is_integral(v);
  if (type == "number") return is_number(v);
  if (type == "boolean") return v.is_bool();
  if (type == "object") return v.is_object();
  if (type == "array") return v.is_array();
  return v.is_null();
}

std::string_view type_noun(std::string_view type) {
  if (type == "string") return "text";
  if (type == "integer") return "a whole number";
  if (type == "number") return "a number";
  if (type == "boolean") return "true or false";
  if (type == "object") return "an object";
  if (type == "array") return "a list";
  return "null";
}

std::string plural(std::uint64_t n, std::string_view noun) {
  return std::to_string(n) + " " + std::string(noun) + (n == 1 ? "" : "s");
}

Status check_type(const json::value& type, const json::value& v, const std::string& field) {
  if (type.is_string()) {
    if (has_type(v, type.get_string())) return {};
    return invalid(field, "must be " + std::string(type_noun(type.get_string())));
  }
  std::string expected;
  for (const json::value& t : type.get_array()) {
    if (has_type(v, t.get_string())) return {};
    if (!expected.empty()) expected += " or ";
    expected += type_noun(t.get_string());
  }
  return invalid(field, "must be " + expected);
}

Status check_string(const json::object& schema, std::string_view s, const std::string& field) {
  // Text that cannot be printed on a result or receipt is refused here, so an accepted form can
  // always be carried to its result; tab and newline only in text areas ("x-widget": "textarea").
  const json::value* widget = schema.if_contains("x-widget");
  const bool multiline = widget != nullptr && widget->is_string() && widget->get_string() == "textarea";
  if (auto clean = clean_text(s, field, multiline); !clean) {
    return tl::unexpected(clean.error());
  }
  const std::size_t length = utf8_length(s);
  if (const json::value* min = schema.if_contains("minLength")) {
    const std::uint64_t limit = *count_limit(*min);
    if (length < limit) {
      return invalid(field,
                     limit == 1 ? "must not be empty" : "must be at least " + plural(limit, "character"));
    }
  }
  if (const json::value* max = schema.if_contains("maxLength")) {
    const std::uint64_t limit = *count_limit(*max);
    if (length > limit) return invalid(field, "must be at most " + plural(limit, "character"));
  }
  if (const json::value* format = schema.if_contains("format")) {
    if (!matches_format(format->get_string(), s))
      return invalid(field, format_requirement(format->get_string()));
  }
  if (const json::value* pattern = schema.if_contains("pattern")) {
    if (s.size() > kMaxPatternInputBytes) return invalid(field, "is too long");
    const std::optional<std::regex> re = compile_pattern(pattern->get_string());
    bool found = false;
    try {
      found = re && std::regex_search(s.begin(), s.end(), *re);
    } catch (const std::exception&) {
      found = false;  // the matcher gave up (complexity): treat as not matching
    }
    if (!found) return invalid(field, "is not in the expected format");
  }
  return {};
}

Status check_number(const json::object& schema, const json::value& n, const std::string& field) {
  if (const json::value* min = schema.if_contains("minimum"); min && compare_numbers(n, *min) < 0) {
    return invalid(field, "must be at least " + display(*min));
  }
  if (const json::value* min = schema.if_contains("exclusiveMinimum"); min && compare_numbers(n, *min) <= 0) {
    return invalid(field, "must be greater than " + display(*min));
  }
  if (const json::value* max = schema.if_contains("maximum"); max && compare_numbers(n, *max) > 0) {
    return invalid(field, "must be at most " + display(*max));
  }
  if (const json::value* max = schema.if_contains("exclusiveMaximum"); max && compare_numbers(n, *max) >= 0) {
    return invalid(field, "must be less than " + display(*max));
  }
  return {};
}

Status validate(const json::value& schema_value, const json::value& v, const std::string& field);

Status check_object(const json::object& schema, const json::object& obj, const std::string& field) {
  const json::value* properties_value = schema.if_contains("properties");
  const json::object* properties = properties_value ? &properties_value->get_object() : nullptr;
  const json::value* required_value = schema.if_contains("required");
  const json::array* required = required_value ? &required_value->get_array() : nullptr;
  const auto is_required = [&](std::string_view name) {
    return required && std::any_of(required->begin(), required->end(),
                                   [&](const json::value& r) { return r.get_string() == name; });
  };

  if (properties) {
    for (const auto& [name, subschema] : *properties) {
      const std::string child = field + "." + std::string(name);
      if (const json::value* member = obj.if_contains(name)) {
        if (auto ok = validate(subschema, *member, child); !ok) return ok;
      } else if (is_required(name)) {
        return invalid(child, "is required");
      }
    }
  }
  if (required) {
    for (const json::value& r : *required) {
      const std::string_view name = r.get_string();
      if (!obj.contains(name) && !(properties && properties->contains(name))) {
        return invalid(field + "." + std::string(name), "is required");
      }
    }
  }
  if (const json::value* additional = schema.if_contains("additionalProperties");
      additional && !additional->get_bool()) {
    for (const auto& [name, member] : obj) {
      if (!properties || !properties->contains(name)) {
        return invalid(field + "." + std::string(name), "is not allowed");
      }
    }
  }
  return {};
}

Status check_array(const json::object& schema, const json::array& array, const std::string& field) {
  if (const json::value* min = schema.if_contains("minItems")) {
    const std::uint64_t limit = *count_limit(*min);
    if (array.size() < limit) return invalid(field, "must have at least " + plural(limit, "item"));
  }
  if (const json::value* max = schema.if_contains("maxItems")) {
    const std::uint64_t limit = *count_limit(*max);
    if (array.size() > limit) return invalid(field, "must have at most " + plural(limit, "item"));
  }
  if (const json::value* items = schema.if_contains("items")) {
    for (std::size_t i = 0; i < array.size(); ++i) {
      if (auto ok = validate(*items, array[i], field + "[" + std::to_string(i) + "]"); !ok) return ok;
    }
  }
  return {};
}

// `schema_value` has passed check_schema, so keyword values have their checked shapes and the
// recursion is bounded by the schema's depth.
Status validate(const json::value& schema_value, const json::value& v, const std::string& field) {
  const json::object& schema = schema_value.get_object();
  if (const json::value* type = schema.if_contains("type")) {
    if (auto ok = check_type(*type, v, field); !ok) return ok;
  }
  if (const json::value* expected = schema.if_contains("const"); expected && !json_equal(v, *expected)) {
    return invalid(field, "must be " + display(*expected));
  }
  if (const json::value* allowed = schema.if_contains("enum")) {
    const json::array& values = allowed->get_array();
    if (std::none_of(values.begin(), values.end(), [&](const json::value& a) { return json_equal(v, a); })) {
      std::string list;
      for (const json::value& a : values) list += (list.empty() ? "" : ", ") + display(a);
      return invalid(field, "must be one of: " + list);
    }
  }
  if (v.is_string()) return check_string(schema, v.get_string(), field);
  if (is_number(v)) return check_number(schema, v, field);
  if (v.is_object()) return check_object(schema, v.get_object(), field);
  if (v.is_array()) return check_array(schema, v.get_array(), field);
  return {};
}

}  // namespace

Status check_json_schema(const boost::json::value& schema, std::string_view field_prefix) {
  return check_schema(schema, std::string(field_prefix), 0);
}

Status validate_json_schema(const boost::json::value& schema, const boost::json::value& instance,
                            std::string_view field_prefix) {
  if (auto ok = check_json_schema(schema); !ok) {
    return fail_internal("form schema outside the supported subset: " + ok.error().message);
  }
  return validate(schema, instance, std::string(field_prefix));
}

}  // namespace sen
