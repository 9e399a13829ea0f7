#pragma once

#include <boost/json.hpp>
#include <functional>
#include <map>
#include <memory>
#include <mutex>
#include <string>
#include <string_view>

#include "opendata/catalogue.hpp"
#include "opendata/catalogue_file.hpp"

namespace sen::opendata {

struct CkanSite;

// What package_search needs of each dataset, kept until the dataset's metadata or its latest release
// changes: its words folded for search, its folded title, and its package dict serialized.
class PackageCache {
 public:
  struct Entry {
    std::string version;  // the metadata's time and the latest release's number
    std::string text, title, package;
  };
  std::shared_ptr<const Entry> get(const CkanSite& site, const Dataset& d);

 private:
  std::mutex mutex_;
  std::map<std::string, std::shared_ptr<const Entry>, std::less<>> entries_;
};

// What the CKAN-compatible action API reads: the catalogue, the pack's themes and licences, the
// names of publishing agencies, and where downloads are served.
struct CkanSite {
  const Catalogue& catalogue;
  const PackCatalogue& pack;
  std::function<std::string(const std::string&)> agency_name;
  std::string base_url;  // services.public_url, without a trailing slash
  std::string version;
  int search_rows_max = 1000;
  int datastore_rows_max = 32000;
  PackageCache& packages;
};

// One action's answer with CKAN's envelope: {"help", "success", "result"} or {"help", "success":
// false, "error": {"__type", "message" | field: [messages]}}, and the HTTP status CKAN gives it.
struct CkanAnswer {
  int status = 200;
  std::string body;  // JSON
};

// The read actions CKAN's clients and harvesters use (package_list, package_search, package_show,
// organization_list, organization_show, group_list, tag_list, resource_show, datastore_search,
// status_show), one function each, as CKAN keeps them. `params` are the query parameters of a GET
// (text, JSON where CKAN takes JSON) or the members of a POST body; a parameter an action does not
// take is a validation error naming it, never ignored.
CkanAnswer ckan_action(const CkanSite& site, std::string_view action, const boost::json::object& params);

// The resources of a dataset's latest release, as CKAN lists them: `<name>-csv` (the DataStore
// table), `<name>-json`, `<name>-xlsx`.
std::string resource_id(std::string_view dataset, std::string_view format);

}  // namespace sen::opendata
