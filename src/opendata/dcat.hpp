#pragma once

#include <boost/json.hpp>
#include <string>

#include "opendata/catalogue.hpp"
#include "opendata/catalogue_file.hpp"

namespace sen::opendata {

// DCAT-AP 3 metadata as JSON-LD: the whole catalogue (dcat:Catalog with its datasets) and one
// dataset with its distributions (CSV, JSON, XLSX of the latest release), for harvesters that read
// DCAT rather than CKAN's API.
struct DcatSite {
  const Catalogue& catalogue;
  const PackCatalogue& pack;
  std::function<std::string(const std::string&)> agency_name;
  std::string base_url;
  std::int64_t threshold;  // stated in dct:provenance
};

boost::json::object dcat_catalogue(const DcatSite& site);
boost::json::object dcat_dataset(const DcatSite& site, const Dataset& d);

}  // namespace sen::opendata
