#pragma once

#include <boost/json/object.hpp>
#include <memory>
#include <optional>
#include <shared_mutex>
#include <string>
#include <unordered_map>
#include <variant>

#include "audit/audit_log.hpp"
#include "calendar/working_calendar.hpp"
#include "core/clock.hpp"
#include "core/config.hpp"
#include "core/language.hpp"
#include "core/status.hpp"
#include "core/ttl_cache.hpp"
#include "documents/pdf_document.hpp"
#include "identity/account_service.hpp"
#include "identity/authorization.hpp"
#include "identity/identity_vault.hpp"
#include "identity/principal.hpp"
#include "pki/credential_store.hpp"
#include "places/place_repository.hpp"
#include "services/dossier.hpp"
#include "services/dossier_list.hpp"
#include "services/file_store.hpp"
#include "services/papers.hpp"
#include "services/procedure_catalog.hpp"
#include "services/procedure_rules.hpp"
#include "services/submission_check.hpp"
#include "services/workflow.hpp"
#include "storage/database.hpp"
#include "tables/table.hpp"

namespace sen::services {

struct DraftInput {
  std::string procedure, place, channel = "online", contact_email;
  boost::json::value form;
  bool submit = false;  // create and submit at once (procedures whose documents are all optional)
};

// A dossier registered at the one-stop counter for a citizen who came in person or sent it by post.
struct CounterInput {
  DraftInput draft;             // channel: direct or postal
  std::string id_number, name;  // the applicant's
};

struct ActionInput {
  std::string action, comment, target_agency;
};

// A payment the gateway reports as made, read from its signed callback by the HTTP layer.
struct PaymentConfirmation {
  std::string reference, transaction_id;
  std::int64_t amount_vnd = 0;
  std::optional<std::chrono::system_clock::time_point> paid_at;  // the gateway's time; none: when it arrives
};

// A file for the client: a stored one by location (the HTTP layer streams it from disk, so memory does
// not grow with its size or the reader's slowness); a paper generated on request as its bytes.
struct Download {
  std::variant<std::string, FileLocation> content;
  std::string content_type;
  std::string file_name;
};

struct Verification {
  boost::json::object body;
};

struct ServicesDeps {
  storage::Database& db;
  ProcedureCatalog& catalog;
  places::PlaceRepository& places;
  const calendar::WorkingCalendar& calendar;
  const identity::Authorizer& authorizer;
  const Clock& clock;
  FileStore& files;
  pki::CredentialStore& credentials;
  const identity::IdentityNumberVault& ids;
  const documents::PdfRenderer& renderer;
  const ServicesConfig& config;
  const SubmissionChecks* submission_checks = nullptr;  // none: no procedure has one
};

// What every dossier operation shares: loading a dossier the caller may read, authorization through
// the Authorizer, the caches of statuses and names, rendering the full view, and recording a change
// (its event, the applicant's notification and the audit record, in the change's transaction). The
// operations themselves live in the parts that DossierService holds (drafts, workflow, reads,
// payments, results); this class is theirs alone, not the HTTP layer's.
class DossierCore {
 public:
  explicit DossierCore(ServicesDeps deps)
      : d_(deps),
        lists_(deps.db, deps.catalog, deps.authorizer, deps.clock),
        statuses_(static_cast<std::size_t>(deps.config.status_cache_entries),
                  std::chrono::milliseconds(deps.config.status_cache_ms)),
        places_(static_cast<std::size_t>(deps.config.status_cache_entries),
                std::chrono::milliseconds(deps.config.status_cache_ms)),
        agencies_(static_cast<std::size_t>(deps.config.status_cache_entries),
                  std::chrono::milliseconds(deps.config.status_cache_ms)) {}

  // What a dossier's full view shows besides its row.
  struct Related {
    std::vector<DocumentRow> documents;
    std::vector<EventRow> events;
    std::optional<ResultRow> result;
    std::optional<PaymentRow> payment;
    std::optional<std::pair<std::int64_t, std::string>> rating;  // score, comment
    std::string place_name, agency_name;
  };
  struct Loaded {
    Dossier dossier;
    std::shared_ptr<const Procedure> procedure;
    bool is_applicant = false;
    // The roles the caller may act in on this dossier: the applicant's, and the officer roles their
    // grants give them at its agency. The lifecycle table decides which of them may do what now.
    std::vector<ActorRole> roles;
  };
  // Loads a dossier the caller may read (kNotFound otherwise, so its existence is not revealed).
  Result<Loaded> load_readable(storage::Connection& conn, const identity::Principal& who,
                               const std::string& code);
  bool may_read(const identity::Principal& who, const Dossier& d) const;
  // A receiving officer of the dossier's agency works on a dossier brought in person or by post for its
  // applicant: they fill it in, attach its scanned papers and submit it.
  bool at_counter_for(const identity::Principal& who, const Dossier& d) const;
  // The applicant as the form's rules and submission checks read them: `who` when it is theirs,
  // otherwise their account (a counter officer acting for them).
  Result<identity::Principal> applicant_of(storage::Connection& conn, const identity::Principal& who,
                                           const Dossier& d);
  Result<places::Place> place_of(const std::string& code);
  // The agency of `kind` at `place_code`, kept as long as statuses.
  Result<places::Agency> agency_at(const std::string& kind, const std::string& place_code);
  // The province of a place ("" for the nation), read through the caller's connection when not cached.
  Result<std::string> province_of(storage::Connection& conn, const std::string& place_code);
  // Row writes that also refresh the status cache once the transaction commits.
  Status save_new(storage::Connection& conn, Dossier& d);
  Status save(storage::Connection& conn, Dossier& d);
  void remember(const Dossier& d);
  Result<Loaded> load_own_editable(storage::Connection& conn, const identity::Principal& who,
                                   const std::string& code);
  Result<Related> load_related(storage::Connection& conn, const Dossier& d);
  // The full view; a stored form that is not JSON is an internal error, never shown as empty.
  Result<boost::json::object> render_view(const Loaded& l, const Related& related) const;
  Loaded loaded(const identity::Principal& who, Dossier d, std::shared_ptr<const Procedure> p) const;
  Result<boost::json::object> view_after(const identity::Principal& who, const std::string& code);
  Result<std::string> payment_payload(const PaymentRow& payment) const;
  Result<std::string> render_paper(const documents::DocumentSpec& spec) const;
  // A name that cannot be read is an error, never the code in its place.
  Result<std::string> place_name(storage::Connection& conn, const std::string& code);
  Result<std::string> agency_name(storage::Connection& conn, const std::string& code);
  Result<std::string> cached_name(storage::Connection& conn, std::string_view table, const std::string& code);
  // What a receipt or a result names besides the dossier: its agency and place.
  Result<PaperContext> paper_context(storage::Connection& conn, const Loaded& l);
  // Someone other than the applicant read the dossier (`what`: view, or document with its component):
  // an audit record ("dossier.read") the citizen is shown (DossierReaders). Written before the answer
  // goes out, so no reading goes unrecorded.
  Status record_read(const identity::Principal& who, const Dossier& d, std::string_view what,
                     const std::string& component, const identity::Origin& origin);
  // Appends the event, notifies the applicant when the status changed, and writes the audit record.
  Result<void> record_change(storage::Connection& conn, const Dossier& after, const EventRow& event,
                             const identity::Origin& origin, const std::string& procedure_name,
                             bool created = false);

  std::string now() const { return format_rfc3339(d_.clock.now()); }

  ServicesDeps d_;
  DossierLists lists_;
  // Without the form and the applicant's personal details: a status view needs neither.
  TtlCache<std::shared_ptr<const Dossier>> statuses_;

 private:
  TtlCache<places::Place> places_;     // where dossiers are submitted, kept as long as statuses
  TtlCache<places::Agency> agencies_;  // by "<kind>@<place>"
  std::shared_mutex names_mutex_;
  std::unordered_map<std::string, std::string> names_;  // place and agency names: fixed once created
};

// Small pieces of the views: a nullable text, and a step with its due time.
boost::json::value opt_json(const std::optional<std::string>& s);
boost::json::object step_json(const Procedure& p, const Dossier& d);

}  // namespace sen::services
