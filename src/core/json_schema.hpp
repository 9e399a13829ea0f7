#pragma once

#include <boost/json/value.hpp>
#include <cstddef>
#include <string_view>

#include "core/status.hpp"

namespace sen {

// Procedures describe their application forms with JSON Schema. Only a documented subset of draft
// 2020-12 is supported, so that every schema an agency writes is enforced exactly as it reads:
//
//   type         "string" | "integer" | "number" | "boolean" | "object" | "array" | "null", or an
//                array of these ("integer" also accepts numbers such as 2.0)
//   properties, required, additionalProperties (true or false only)
//   enum, const  (numbers compare by value: 1 equals 1.0)
//   minLength, maxLength   counted in Unicode code points
//   pattern      ECMAScript (std::regex), searched, so it is anchored only if it says ^...$; it sees
//                UTF-8 bytes, so "." and character classes match single bytes, not letters such
//                as "ệ". Strings longer than kMaxPatternInputBytes are rejected rather than matched
//                (std::regex recurses per character).
//   format       "date" (a real YYYY-MM-DD date), "email", "vn-id-number" (12 digits)
//   minimum, maximum, exclusiveMinimum, exclusiveMaximum (numbers)
//   items (one schema for every element), minItems, maxItems
//   $schema      only "https://json-schema.org/draft/2020-12/schema"
//   title, description, $comment, default, examples, and any "x-..." key: ignored (UI hints)
//
// Any other keyword makes the schema invalid, as does nesting deeper than kMaxSchemaDepth.
// Keywords apply only to instances of their type (minLength ignores numbers), as in JSON Schema.

inline constexpr int kMaxSchemaDepth = 32;
inline constexpr std::size_t kMaxPatternInputBytes = 1000;

// Whether `schema` is within the supported subset. The error (kInvalidArgument) names the offending
// place as a path below `field_prefix`, e.g. "schema.properties.mother.properties.id_number.pattern".
Status check_json_schema(const boost::json::value& schema, std::string_view field_prefix = "schema");

// Validates an applicant's form. Returns the first error as kInvalidArgument with a plain-English
// message that starts with the field ("form.child_full_name is required", "form.children[2].name
// must be at most 100 characters") and the field itself in Error::field. The order is stable: the
// schema's properties in schema order (a missing required property where it is listed), then
// required names that have no schema, then fields the schema does not allow. A schema outside the
// subset is the server's fault: kInternal.
Status validate_json_schema(const boost::json::value& schema, const boost::json::value& instance,
                            std::string_view field_prefix = "form");

}  // namespace sen
