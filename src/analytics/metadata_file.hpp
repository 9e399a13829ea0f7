#pragma once

#include <filesystem>
#include <string_view>

#include "analytics/metadata.hpp"
#include "core/json_reader.hpp"

namespace sen::analytics {

// Reads indicators.json strictly: unknown fields, duplicate ids, expressions naming unknown elements or
// breakdowns they lack, targets and rules naming unknown indicators or places are refused, naming the
// file and the field. `tree` checks the places of targets.
Result<Metadata> read_metadata(std::string_view json_text, std::string_view origin, const PlaceTree& tree);
// A text in both languages, {"vi": "...", "en": "..."}, both required.
Result<Text> read_text(const JsonReader& r, const boost::json::object& o, const std::string& path,
                       std::string_view key);

Result<Metadata> load_metadata(const std::filesystem::path& file, const PlaceTree& tree);

}  // namespace sen::analytics
