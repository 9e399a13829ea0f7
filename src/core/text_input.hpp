#pragma once

#include <boost/json/value.hpp>
#include <string>
#include <string_view>
#include <vector>

#include "core/status.hpp"

namespace sen {

// Text people send, made safe to store, print and sign: valid UTF-8 with no NUL or other control
// character (tab and newline only when `multiline`), no bidirectional override or isolate (they can
// make a name read differently from what it is), normalised to NFC so that one name has one spelling.
// kInvalidArgument names `field`.
Result<std::string> clean_text(std::string_view text, std::string_view field, bool multiline);

// clean_text's checks without normalising: for text only looked at, such as a request's path.
Status check_text(std::string_view text, std::string_view field, bool multiline);

// Every string (and member name) of a JSON request body through clean_text, multi-line allowed:
// fields that must be one line say so where they are validated. `path` names the body ("body"); a
// member is named by its dotted path without the prefix ("form.child_full_name").
Status clean_json_strings(boost::json::value& value, const std::string& path = "");

// `text` without the spaces, tabs and line breaks around it.
std::string trim_whitespace(std::string_view text);

// The entries of a comma-separated list ("a, b"), each without the spaces and tabs around it. An
// empty text has none; an empty entry ("a,,b", "a,") is kept, for the caller to refuse.
std::vector<std::string_view> split_list(std::string_view text);

// Capitals as Vietnamese writes them ("Giấy khai sinh" -> "GIẤY KHAI SINH"), for document titles.
std::string upper_case(std::string_view text);

// True when `text` holds a tab or a line break: for single-line fields after clean_text.
bool has_line_break(std::string_view text);

}  // namespace sen
