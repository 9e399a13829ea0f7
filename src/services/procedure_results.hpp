#pragma once

#include <string>
#include <vector>

#include "storage/database.hpp"

namespace sen::services {

// A dossier of one procedure whose result was issued (ready or handed over) and not revoked: what a
// register built on a procedure reads (approved digital solutions, granted support).
struct IssuedDossier {
  std::string code, applicant_id, applicant_name, form, finished_at, place_code, agency_code;
};

Result<std::vector<IssuedDossier>> issued_dossiers(storage::Connection& conn,
                                                   const std::string& procedure_code);
// One dossier of the procedure whose result was issued, or nullopt.
Result<std::optional<IssuedDossier>> issued_dossier(storage::Connection& conn,
                                                    const std::string& procedure_code,
                                                    const std::string& code);

}  // namespace sen::services
