#pragma once

#include <boost/json/object.hpp>
#include <chrono>
#include <map>
#include <optional>
#include <string>
#include <vector>

#include "core/clock.hpp"
#include "core/status.hpp"
#include "identity/authorization.hpp"
#include "identity/principal.hpp"
#include "services/dossier.hpp"
#include "services/procedure_catalog.hpp"
#include "storage/database.hpp"

namespace sen::services {

// What an official or applicant asks of a dossier list. Values are already parsed; the service
// checks those that need the domain (a known status, a known procedure).
struct DossierListFilter {
  bool all = false;  // officials: every dossier they may read, not only those waiting for them
  std::optional<DossierStatus> status;
  std::string procedure;
  bool overdue = false;    // the processing clock runs and the due time has passed
  bool due_today = false;  // the processing clock runs and the dossier is due today (Vietnam time)
  std::optional<std::chrono::year_month_day> submitted_from, submitted_to;  // inclusive days
  std::string text;                                                         // code or applicant name
  int limit = 50;
  std::optional<ListKey> after;  // from a previous page's cursor
};

// A cursor is a list key; one that does not decode is kInvalidArgument naming `cursor`.
std::string encode_list_key(const ListKey& key);
Result<ListKey> decode_list_key(std::string_view text);

// One dossier as lists show it.
struct ListedDossier {
  std::string code, procedure_code, procedure_name, applicant_name;
  DossierStatus status = DossierStatus::kDraft;
  std::string step_id;
  const Step* step = nullptr;  // null when the procedure no longer has the step
  std::optional<std::string> due_at, step_due_at, timeliness, submitted_at, received_at;
  std::string created_at;
  bool overdue = false;
};

// A page of a list: its dossiers, counts per status before filters, the total when it is known without
// counting (only a status filter), and the cursor of the next page.
struct DossierPage {
  std::vector<ListedDossier> items;
  std::map<std::string, std::int64_t> counts;
  std::optional<std::int64_t> total;
  std::optional<ListKey> next;
};

// Dossier lists: an applicant's own, an official's queue and everything an official may read. Each
// scope the Authorizer gives is read status by status with keyset paging on an index in the list order
// (scope, status, then the order), and the ranges are merged, so any page costs the same however large
// the table, with or without a status filter. Counts per status come from
// dossier_counts, so no request counts rows.
class DossierLists {
 public:
  DossierLists(storage::Database& db, const ProcedureCatalog& catalog, const identity::Authorizer& authorizer,
               const Clock& clock)
      : db_(db), catalog_(catalog), authorizer_(authorizer), clock_(clock) {}

  // `counted` false leaves `counts` and `total` empty: a caller walking every page (an export) needs them
  // from none.
  Result<DossierPage> page(const identity::Principal& who, const DossierListFilter& filter,
                           bool counted = true) const;
  // The page as the API gives it: {"items", "counts", "total" (null when unknown), "next"}.
  Result<boost::json::object> list(const identity::Principal& who, const DossierListFilter& filter) const;

 private:
  // Scopes left once those another scope covers are dropped.
  std::vector<identity::DossierScope> distinct_scopes(std::vector<identity::DossierScope> scopes) const;
  bool disjoint(const identity::DossierScope& a, const identity::DossierScope& b) const;
  Result<std::map<std::string, std::int64_t>> counts(storage::Connection& conn,
                                                     const std::vector<identity::DossierScope>& scopes) const;

  storage::Database& db_;
  const ProcedureCatalog& catalog_;
  const identity::Authorizer& authorizer_;
  const Clock& clock_;
};

}  // namespace sen::services
