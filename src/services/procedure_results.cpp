#include "services/procedure_results.hpp"

namespace sen::services {
namespace {

constexpr std::string_view kSelect =
    "SELECT code, applicant_id, applicant_name, form, COALESCE(finished_at, ''), place_code, agency_code "
    "FROM dossiers WHERE procedure_code = $1 AND status IN ('result_ready', 'returned')";

IssuedDossier from_row(const storage::Row& row) {
  return {row.text(0), row.text(1), row.text(2), row.text(3), row.text(4), row.text(5), row.text(6)};
}

}  // namespace

Result<std::vector<IssuedDossier>> issued_dossiers(storage::Connection& conn,
                                                   const std::string& procedure_code) {
  auto r = conn.execute(std::string(kSelect) + " ORDER BY code", {procedure_code});
  if (!r) return tl::unexpected(r.error());
  std::vector<IssuedDossier> out;
  for (const auto& row : r->rows) out.push_back(from_row(row));
  return out;
}

Result<std::optional<IssuedDossier>> issued_dossier(storage::Connection& conn,
                                                    const std::string& procedure_code,
                                                    const std::string& code) {
  auto r = conn.execute(std::string(kSelect) + " AND code = $2", {procedure_code, code});
  if (!r) return tl::unexpected(r.error());
  if (r->rows.empty()) return std::optional<IssuedDossier>();
  return std::optional<IssuedDossier>(from_row(r->rows.front()));
}

}  // namespace sen::services
