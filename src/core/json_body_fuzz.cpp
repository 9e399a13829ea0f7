// A JSON request body as handlers take it in: parsed with the server's depth limit (written back,
// it reads as the same value), every string cleaned (valid UTF-8, no controls, NFC), then checked
// as a form schema (procedure files carry them) and validated against a form schema like the
// procedures' own.
#include <boost/json.hpp>
#include <cstdint>
#include <cstdlib>
#include <string_view>

#include "core/json_parse.hpp"
#include "core/json_schema.hpp"
#include "core/text_input.hpp"

namespace {

const boost::json::value& form_schema() {
  static const boost::json::value schema = boost::json::parse(R"({
    "type": "object",
    "required": ["child_full_name", "birth_date", "mother"],
    "additionalProperties": false,
    "properties": {
      "child_full_name": {"type": "string", "minLength": 1, "maxLength": 100},
      "birth_date": {"type": "string", "format": "date"},
      "sex": {"type": "string", "enum": ["male", "female"]},
      "weight_grams": {"type": "integer", "minimum": 300, "maximum": 8000},
      "mother": {"type": "object", "required": ["full_name", "id_number"], "properties": {
        "full_name": {"type": "string"},
        "id_number": {"type": "string", "format": "vn-id-number"},
        "email": {"type": "string", "format": "email"}}},
      "siblings": {"type": "array", "maxItems": 10, "items": {"type": "string"}}
    }})");
  return schema;
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  const std::string_view text(reinterpret_cast<const char*>(data), size);
  boost::json::parse_options options;
  options.max_depth = 32;
  boost::system::error_code ec;
  boost::json::value value = sen::parse_json(text, ec, options);
  if (ec) return 0;
  if (sen::parse_json(boost::json::serialize(value), options) != value) std::abort();
  if (!sen::clean_json_strings(value)) return 0;
  // Cleaning is idempotent: a cleaned body cleans to itself.
  boost::json::value again = value;
  if (!sen::clean_json_strings(again) || again != value) std::abort();
  (void)sen::check_json_schema(value);
  (void)sen::validate_json_schema(form_schema(), value, "form");
  return 0;
}
