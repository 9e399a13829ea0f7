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
#include "identity/principal.hpp"
#include "pki/credential_store.hpp"
#include "places/place_repository.hpp"
#include "services/dossier.hpp"
#include "services/dossier_list.hpp"
#include "services/file_store.hpp"
#include "services/papers.hpp"
#include "services/procedure_catalog.hpp"
#include "services/procedure_rules.hpp"
#include "services/workflow.hpp"
#include "storage/database.hpp"
#include "tables/table.hpp"

namespace sen::services {

struct DraftInput {
  std::string procedure, place, channel = "online", contact_email;
  boost::json::value form;
  bool submit = false;  // create and submit at once (procedures whose documents are all optional)
};

struct ActionInput {
  std::string action, comment, target_agency;
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
  const documents::PdfRenderer& renderer;
  const ServicesConfig& config;
};

// Dossiers from draft to result: the applicant's side (drafts, documents, submission, supplements,
// withdrawal, rating, tracking) and the agencies' side (queue, workflow actions, signed results).
// Every change is one transaction with its control-sheet event, its audit record and the applicant's
// notification. Views are JSON objects in the shape of docs/public-services-api.md.
class DossierService {
 public:
  explicit DossierService(ServicesDeps deps)
      : d_(deps),
        lists_(deps.db, deps.catalog, deps.authorizer, deps.clock),
        statuses_(static_cast<std::size_t>(deps.config.status_cache_entries),
                  std::chrono::milliseconds(deps.config.status_cache_ms)),
        places_(static_cast<std::size_t>(deps.config.status_cache_entries),
                std::chrono::milliseconds(deps.config.status_cache_ms)),
        agencies_(static_cast<std::size_t>(deps.config.status_cache_entries),
                  std::chrono::milliseconds(deps.config.status_cache_ms)) {}

  Result<boost::json::object> create_draft(const identity::Principal& who, const DraftInput& in,
                                           const identity::Origin& origin);
  Result<boost::json::object> update_form(const identity::Principal& who, const std::string& code,
                                          const boost::json::value& form, const std::string* contact_email,
                                          const identity::Origin& origin);
  Result<boost::json::object> put_document(const identity::Principal& who, const std::string& code,
                                           const std::string& component, std::string_view bytes,
                                           const identity::Origin& origin);
  Result<boost::json::object> reuse_document(const identity::Principal& who, const std::string& code,
                                             const std::string& component, const std::string& result_dossier,
                                             const identity::Origin& origin);
  Status delete_document(const identity::Principal& who, const std::string& code,
                         const std::string& component, const identity::Origin& origin);
  Result<Download> read_document(const identity::Principal& who, const std::string& code,
                                 const std::string& component);
  Result<boost::json::object> submit(const identity::Principal& who, const std::string& code,
                                     const identity::Origin& origin);
  Result<boost::json::object> act(const identity::Principal& who, const std::string& code,
                                  const ActionInput& in, const identity::Origin& origin);
  Result<boost::json::object> get(const identity::Principal& who, const std::string& code);
  // Just the status and deadline, for clients that poll: one read, or none while the dossier is in
  // memory (it is kept there services.status_cache_ms after it was last read or written here).
  Result<boost::json::object> status_of(const identity::Principal& who, const std::string& code);
  // Memory only (network threads): nullopt when status_of would need the database.
  std::optional<Result<boost::json::object>> status_from_memory(const identity::Principal& who,
                                                                const std::string& code);
  Result<boost::json::object> list(const identity::Principal& who, const DossierListFilter& filter) const {
    return lists_.list(who, filter);
  }
  Result<boost::json::object> rate(const identity::Principal& who, const std::string& code, int score,
                                   const std::string& comment, const identity::Origin& origin);
  Result<boost::json::object> my_results(const identity::Principal& who);
  Result<Download> receipt(const identity::Principal& who, const std::string& code);
  Result<Download> result(const identity::Principal& who, const std::string& code);
  // The approving leader withdraws an issued result (e.g. issued in error); verification then says so.
  Result<boost::json::object> revoke_result(const identity::Principal& who, const std::string& code,
                                            const std::string& reason, const identity::Origin& origin);

  // Public: the dossier's status for whoever knows its code and the applicant's identity number.
  Result<boost::json::object> track(const std::string& code, const std::string& id_number);
  // Public: who issued this PDF, when, for which dossier, and whether it was altered or revoked.
  Result<boost::json::object> verify(std::string_view pdf);

  // Payments: the QR image, the gateway's signed callback, and the e-receipt.
  Result<std::string> payment_qr_svg(const identity::Principal& who, const std::string& code);
  Result<boost::json::object> payment_callback(std::string_view body, std::string_view timestamp,
                                               std::string_view signature);
  Result<Download> payment_receipt(const identity::Principal& who, const std::string& code);

  // Exports (dossier_exports.cpp): a list with its filters, every page to its end, and a dossier's
  // process-control sheet (officials only), as tables to write as CSV or XLSX. A list longer than
  // `max_rows` is kPayloadTooLarge: narrow the filters.
  Result<tables::Table> list_table(const identity::Principal& who, DossierListFilter filter, Language lang,
                                   std::size_t max_rows) const;
  Result<tables::Table> control_sheet_table(const identity::Principal& who, const std::string& code,
                                            Language lang);

  Result<boost::json::object> notifications(const identity::Principal& who);
  Status mark_notification_read(const identity::Principal& who, std::int64_t id);

 private:
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
  Result<places::Place> place_of(const std::string& code);
  // The agency of `kind` at `place_code`, kept as long as statuses.
  Result<places::Agency> agency_at(const std::string& kind, const std::string& place_code);
  // The province of a place ("" for the nation), read through the caller's connection when not cached.
  Result<std::string> province_of(storage::Connection& conn, const std::string& place_code);
  Result<boost::json::object> status_view(const identity::Principal& who, const Dossier& d,
                                          const Procedure& p) const;
  // Row writes that also refresh the status cache once the transaction commits.
  Status save_new(storage::Connection& conn, Dossier& d);
  Status save(storage::Connection& conn, Dossier& d);
  void remember(const Dossier& d);
  Result<Loaded> load_own_editable(storage::Connection& conn, const identity::Principal& who,
                                   const std::string& code);
  Result<Related> load_related(storage::Connection& conn, const Dossier& d);
  boost::json::object render_view(const Loaded& l, const Related& related) const;
  Loaded loaded(const identity::Principal& who, Dossier d, std::shared_ptr<const Procedure> p) const;
  Result<boost::json::object> view_after(const identity::Principal& who, const std::string& code);
  Result<ResultRow> issue_result(const Loaded& l, const identity::Principal& leader,
                                 const std::string& issued_at);
  // With `created`, `d` is new and not stored yet (created and submitted in one step), and the rows
  // written besides the dossier's are added to it.
  Status submit_draft(storage::Connection& conn, Dossier& d, const Procedure& p,
                      const identity::Principal& who, const identity::Origin& origin,
                      Related* created = nullptr);
  Result<std::string> payment_payload(const PaymentRow& payment) const;
  Result<std::string> render_paper(const documents::DocumentSpec& spec) const;
  // A name that cannot be read is an error, never the code in its place.
  Result<std::string> place_name(storage::Connection& conn, const std::string& code);
  Result<std::string> agency_name(storage::Connection& conn, const std::string& code);
  Result<std::string> cached_name(storage::Connection& conn, std::string_view table, const std::string& code);
  // What a receipt or a result names besides the dossier: its agency and place.
  Result<PaperContext> paper_context(storage::Connection& conn, const Loaded& l);
  // Appends the event, notifies the applicant when the status changed, and writes the audit record.
  Result<void> record_change(storage::Connection& conn, const Dossier& after, const EventRow& event,
                             const identity::Origin& origin, const std::string& procedure_name,
                             bool created = false);

  std::string now() const { return format_rfc3339(d_.clock.now()); }

  ServicesDeps d_;
  DossierLists lists_;
  // Without the form and the applicant's personal details: status_view needs neither.
  TtlCache<std::shared_ptr<const Dossier>> statuses_;
  TtlCache<places::Place> places_;     // where dossiers are submitted, kept as long as statuses
  TtlCache<places::Agency> agencies_;  // by "<kind>@<place>"
  std::shared_mutex names_mutex_;
  std::unordered_map<std::string, std::string> names_;  // place and agency names: fixed once created
};

}  // namespace sen::services
