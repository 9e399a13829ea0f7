#pragma once

#include <boost/json/object.hpp>
#include <filesystem>
#include <string_view>
#include <vector>

#include "assessment/framework.hpp"
#include "core/status.hpp"

namespace sen::assessment {

// Frameworks as files (packs/vn/frameworks/README.md): read strictly, every problem naming the file
// and the field, and checked as a whole (weights and points that do not add up, unknown nodes in a
// view, gate or recommendation, bands that overlap or leave gaps).
Result<Framework> parse_framework(std::string_view text, std::string_view origin);

// The framework in the file format; parse_framework reads it back unchanged.
boost::json::object framework_to_json(const Framework& f);

// Every `*.json` of a directory, named `<code>@<version>.json`; other files are ignored.
Result<std::vector<Framework>> load_framework_directory(const std::filesystem::path& dir);

}  // namespace sen::assessment
