#pragma once

#include <boost/json/object.hpp>
#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "core/language.hpp"
#include "services/dossier_core.hpp"
#include "tables/table.hpp"

namespace sen::services {

// One time an official opened a citizen's dossier or one of its papers (the audit log's
// "dossier.read"), as the citizen is shown it.
struct DossierRead {
  std::int64_t seq = 0;
  std::string at, dossier_code, what, component, official_name, agency_name;
  std::string component_name;  // the paper as its procedure names it
};
// As the API and the data download show it: {at, dossier, what, document?: {component, name},
// official: {name, agency}}.
boost::json::object to_json(const DossierRead& r);

// Who read a citizen's dossiers: every opening by someone else, newest first, from the audit log, the
// way Estonia's data tracker shows citizens each access to their data (Law on Personal Data
// Protection 2025: the data subject's right to know how their data is processed).
class DossierReaders {
 public:
  explicit DossierReaders(DossierCore& core) : d_(core.d_) {}

  struct Page {
    std::vector<DossierRead> items;
    std::int64_t total = 0;
    std::optional<std::string> next;  // the cursor of the next page
  };
  // `cursor`: a previous page's `next` (kInvalidArgument naming `cursor` when it is not one);
  // `total` is counted only when `count_total` (a caller walking every page need not).
  Result<Page> of_applicant(const identity::Principal& who, const std::string& cursor, int limit,
                            bool count_total = true) const;
  // All of them, for export (kPayloadTooLarge beyond `max_rows`).
  Result<tables::Table> table(const identity::Principal& who, Language lang, std::size_t max_rows) const;

 private:
  DossierRead to_read(const storage::Row& r) const;

  const ServicesDeps& d_;
};

}  // namespace sen::services
