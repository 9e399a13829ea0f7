#pragma once

#include <filesystem>
#include <string_view>
#include <vector>

#include "core/status.hpp"
#include "places/place.hpp"

namespace sen::places {

// Parses the pack's admin-units table (code,name,level,type,parent_code,parent_name; level 1 =
// province, 2 = commune) into places, the nation first, then provinces, then communes, so parents
// always precede children. Errors name the line and column.
Result<std::vector<Place>> parse_admin_units_csv(std::string_view csv);
Result<std::vector<Place>> load_admin_units(const std::filesystem::path& pack_dir);

}  // namespace sen::places
