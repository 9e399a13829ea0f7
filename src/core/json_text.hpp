#pragma once

#include <boost/json/value.hpp>
#include <filesystem>
#include <string>
#include <string_view>
#include <vector>

#include "core/status.hpp"

namespace sen {

// For error messages about data files and JSON input.
// A data value quoted and cut to 40 bytes on a UTF-8 character boundary ("..." when cut).
std::string shown(std::string_view s);
// A measure for JSON output: a whole number as an integer (12, not 1.2E1), others rounded to 4 decimals.
boost::json::value json_number(double v);
// "a string", "a number", "an object", ... for "must be X, not Y" messages.
std::string json_type_name(const boost::json::value& v);

// The *.json files of a data directory (a pack's calendar years, procedures), sorted so that a broken
// directory always reports the same first error. kNotFound naming `what` when there are none.
Result<std::vector<std::filesystem::path>> json_files_in(const std::filesystem::path& dir,
                                                         std::string_view what);

}  // namespace sen
