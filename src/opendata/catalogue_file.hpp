#pragma once

#include <filesystem>
#include <functional>
#include <string>
#include <vector>

#include "analytics/metadata.hpp"
#include "opendata/dataset.hpp"

namespace sen::opendata {

struct Theme {
  std::string id;
  Text title;
};

struct Licence {
  std::string id;  // as CKAN names it (license_id): CC-BY-4.0
  std::string title;
  std::string url;
};

// The pack's open-data settings (packs/vn/opendata/catalogue.json): the catalogue's own title, its
// themes and licences, and the data brain indicators published as live datasets.
struct PackCatalogue {
  Text title, description;
  std::vector<Theme> themes;
  std::vector<Licence> licences;
  std::vector<Dataset> live;

  const Theme* theme(std::string_view id) const;
  const Licence* licence(std::string_view id) const;
};

// Strict: unknown members, unknown themes, licences or indicators, unpublished indicators and
// publishers `is_agency` does not know are refused, naming the file and the member.
Result<PackCatalogue> read_pack_catalogue(std::string_view json_text, std::string_view origin,
                                          const analytics::Metadata& meta,
                                          const std::function<bool(const std::string&)>& is_agency);
Result<PackCatalogue> load_pack_catalogue(const std::filesystem::path& file, const analytics::Metadata& meta,
                                          const std::function<bool(const std::string&)>& is_agency);

}  // namespace sen::opendata
