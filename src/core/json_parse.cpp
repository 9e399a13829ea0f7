#include "core/json_parse.hpp"

#include <boost/json/basic_parser_impl.hpp>
#include <boost/json/error.hpp>
#include <boost/json/value_stack.hpp>
#include <boost/system/system_error.hpp>
#include <charconv>
#include <cmath>
#include <string>

namespace sen {
namespace {

namespace json = boost::json;
using json::error_code;

// Boost.JSON's own value-building handler, except that a double is read again from its text with
// std::from_chars, which rounds correctly.
class ExactNumberHandler {
 public:
  static constexpr std::size_t max_object_size = json::object::max_size();
  static constexpr std::size_t max_array_size = json::array::max_size();
  static constexpr std::size_t max_key_size = json::string::max_size();
  static constexpr std::size_t max_string_size = json::string::max_size();

  json::value_stack stack;

  bool on_document_begin(error_code&) { return true; }
  bool on_document_end(error_code&) { return true; }
  bool on_object_begin(error_code&) { return true; }
  bool on_object_end(std::size_t n, error_code&) {
    stack.push_object(n);
    return true;
  }
  bool on_array_begin(error_code&) { return true; }
  bool on_array_end(std::size_t n, error_code&) {
    stack.push_array(n);
    return true;
  }
  bool on_key_part(json::string_view s, std::size_t, error_code&) {
    stack.push_chars(s);
    return true;
  }
  bool on_key(json::string_view s, std::size_t, error_code&) {
    stack.push_key(s);
    return true;
  }
  bool on_string_part(json::string_view s, std::size_t, error_code&) {
    stack.push_chars(s);
    return true;
  }
  bool on_string(json::string_view s, std::size_t, error_code&) {
    stack.push_string(s);
    return true;
  }
  bool on_number_part(json::string_view s, error_code&) {
    number_.append(s.data(), s.size());
    return true;
  }
  bool on_int64(std::int64_t i, json::string_view, error_code&) {
    number_.clear();
    stack.push_int64(i);
    return true;
  }
  bool on_uint64(std::uint64_t u, json::string_view, error_code&) {
    number_.clear();
    stack.push_uint64(u);
    return true;
  }
  bool on_double(double rough, json::string_view s, error_code& ec) {
    number_.append(s.data(), s.size());
    double exact = 0;
    const char* end = number_.data() + number_.size();
    const auto [stop, problem] = std::from_chars(number_.data(), end, exact);
    number_.clear();
    // from_chars says "out of range" both for 1e400 and for 1e-400; the second is zero to a double,
    // as to every JSON reader. Boost's rough reading tells the two apart.
    const bool underflow = problem == std::errc::result_out_of_range && std::fabs(rough) < 1;
    if (underflow) exact = std::copysign(0.0, rough);
    if ((problem != std::errc() && !underflow) || stop != end || !std::isfinite(exact)) {
      ec = json::error::exponent_overflow;
      return false;
    }
    stack.push_double(exact);
    return true;
  }
  bool on_bool(bool b, error_code&) {
    stack.push_bool(b);
    return true;
  }
  bool on_null(error_code&) {
    stack.push_null();
    return true;
  }
  bool on_comment_part(json::string_view, error_code&) { return true; }
  bool on_comment(json::string_view, error_code&) { return true; }

 private:
  std::string number_;  // the parts of a number split across writes
};

}  // namespace

json::value parse_json(std::string_view text, boost::system::error_code& ec,
                       const json::parse_options& options) {
  json::basic_parser<ExactNumberHandler> parser(options);
  parser.handler().stack.reset();
  const std::size_t used = parser.write_some(false, text.data(), text.size(), ec);
  if (ec) return nullptr;
  if (used < text.size()) {
    ec = json::error::extra_data;
    return nullptr;
  }
  return parser.handler().stack.release();
}

json::value parse_json(std::string_view text, const json::parse_options& options) {
  boost::system::error_code ec;
  json::value value = parse_json(text, ec, options);
  if (ec) throw boost::system::system_error(ec);
  return value;
}

}  // namespace sen
