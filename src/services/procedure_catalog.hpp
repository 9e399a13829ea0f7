#pragma once

#include <chrono>
#include <map>
#include <memory>
#include <shared_mutex>
#include <string>
#include <vector>

#include "core/clock.hpp"
#include "core/status.hpp"
#include "places/place_repository.hpp"
#include "services/procedure.hpp"
#include "storage/database.hpp"
#include "storage/keyset_page.hpp"

namespace sen::services {

struct ProcedureFilter {
  std::string query;   // ranked, forgiving (services/procedure_search.hpp); empty: every procedure by code
  std::string level;   // commune | province | ministry; empty: any
  std::string sector;  // exact sector name; empty: any
  std::vector<std::string> levels_at_place;  // from `place=`: the levels that can be submitted there
};

struct SectorCount {
  std::string name;
  std::int64_t count = 0;
};

// The catalogue of administrative procedures. Definitions are stored whole (JSON) and kept parsed in
// memory: they change rarely (a pack load or an administrator's edit) and every dossier action reads one.
class ProcedureCatalog {
 public:
  ProcedureCatalog(storage::Database& db, const Clock& clock) : db_(db), clock_(clock) {}

  // Inserts new procedures and replaces stored ones whose pack version is newer; administrators' edits
  // (a higher stored version) are kept. Returns how many rows changed.
  Result<int> load_pack(const std::vector<Procedure>& procedures);
  Result<std::shared_ptr<const Procedure>> get(const std::string& code) const;
  // Memory only (network threads): null when the procedure is not loaded yet.
  std::shared_ptr<const Procedure> get_cached(const std::string& code) const;
  // Parses every stored procedure into the cache at start, so request paths that already hold a
  // connection never need a second one for a definition.
  Status warm() const;
  Result<places::Page<std::shared_ptr<const Procedure>>> search(const ProcedureFilter& filter,
                                                                const storage::PageRequest& page) const;
  Result<std::vector<SectorCount>> sectors() const;
  // Today in Vietnam (UTC+7) by the catalogue's clock: the day whose rules the catalogue shows.
  std::chrono::year_month_day today() const;
  // An administrator's edit: the definition is validated by the caller; the version goes up by one.
  Result<std::shared_ptr<const Procedure>> replace(Procedure procedure, const std::string& actor_id,
                                                   const std::string& actor_ip);

 private:
  Result<places::Page<std::shared_ptr<const Procedure>>> ranked_search(
      const ProcedureFilter& filter, const storage::PageRequest& page) const;
  Result<std::shared_ptr<const Procedure>> cached(const std::string& code, const std::string& definition,
                                                  int version) const;

  storage::Database& db_;
  const Clock& clock_;
  mutable std::shared_mutex mutex_;
  mutable std::map<std::string, std::shared_ptr<const Procedure>> cache_;
};

}  // namespace sen::services
