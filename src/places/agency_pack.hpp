#pragma once

#include <filesystem>
#include <string_view>
#include <vector>

#include "core/status.hpp"
#include "places/place.hpp"

namespace sen::places {

// Parses the pack's agencies file (packs/vn/agencies/agencies.json): `generated` makes one agency of a
// kind for every place of the listed levels, its code and name from templates with {code} and {name}
// (the place's); `listed` names agencies one by one, with contact details where known. A listed agency
// with a generated code replaces it (same kind and place: it adds details). Unknown keys, unknown
// places, bad codes and duplicates are kInvalidArgument naming `origin` and the JSON path.
Result<std::vector<Agency>> parse_agencies(std::string_view json_text, std::string_view origin,
                                           const std::vector<Place>& places);
Result<std::vector<Agency>> load_agencies(const std::filesystem::path& pack_dir,
                                          const std::vector<Place>& places);

}  // namespace sen::places
