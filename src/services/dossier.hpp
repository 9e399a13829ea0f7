#pragma once

#include <cstdint>
#include <map>
#include <optional>
#include <span>
#include <string>
#include <vector>

#include "core/status.hpp"
#include "services/lifecycle.hpp"
#include "services/workflow.hpp"
#include "storage/database.hpp"

namespace sen::services {

// What a dossier's counts per list and status depend on (see dossier_counts), as last stored.
struct CountedAs {
  DossierStatus status;
  std::string step_role, agency_code;
};

// One row of `dossiers`. Times are RFC 3339 strings in Vietnam's offset, so they sort as text.
struct Dossier {
  std::string code, procedure_code;
  std::int64_t procedure_version = 1;
  std::string channel, applicant_id, applicant_name, contact_email, place_code, agency_code;
  std::string province_code;  // the place's province ("" for the nation): province lists
  DossierStatus status = DossierStatus::kDraft;
  std::string step, step_role, form;
  std::int64_t fee_vnd = 0;
  std::string created_at;
  std::optional<std::string> submitted_at, received_at, due_at, step_started_at, step_due_at, paused_at,
      finished_at, timeliness;
  std::int64_t version = 1;
  std::optional<TimeLimit> time_limit;  // in force when submitted; set on submission
  std::optional<CountedAs> stored;      // as last written or read; the next write moves the counts from it
};

// Where a list stands in the order every dossier list shares, most urgent first: the officials'
// turn before the applicant's and closed dossiers, drafts last; then the step's or dossier's due
// time (or when it was submitted or created); then the code.
struct ListKey {
  std::int64_t rank = 0;
  std::string urgency_at, code;
  auto operator<=>(const ListKey&) const = default;
};
ListKey list_key(const Dossier& d);

// The processing clock runs and the due time has passed (`now` in RFC 3339, Vietnam's offset).
bool is_overdue(const Dossier& d, const std::string& now);

struct DocumentRow {
  std::string component_id, storage_name, content_type;
  std::int64_t size = 0;
  std::string sha256, source;
  std::optional<std::string> reused_from;
  std::string added_at;
};

// One change of a dossier's state: a row of `dossier_events`, the interface other modules read
// ("events after id N", docs/dossier-events.md). What the change was about is copied in, so a reader
// needs no other table.
struct EventRow {
  std::int64_t id = 0;  // assigned when written; increases with every event
  std::string dossier_code, procedure_code, place_code, agency_code, channel;
  std::string at;
  std::optional<std::string> actor_id;
  std::string actor_name;
  ActorRole actor_role = ActorRole::kApplicant;
  DossierAction action = DossierAction::kSubmit;
  DossierStatus from_status = DossierStatus::kDraft, to_status = DossierStatus::kDraft;
  std::string step;
  std::optional<std::string> step_started_at, step_due_at;
  std::optional<std::string>
      timeliness;                       // early | on_time | late: a step's, or the dossier's when it finishes
  std::optional<std::int64_t> fee_vnd;  // submit and payment: the fee due or paid
  std::optional<bool> paid_online;      // payment confirmed through the gateway
  std::optional<bool> result_digitised;  // a result issued as a signed electronic document
  std::optional<std::int64_t> rating;    // the applicant's rating, 1 to 5
  std::string comment;
};

struct ResultRow {
  std::string id, dossier_code, title, storage_name, sha256, agency_code, credential_id, issued_at;
  std::optional<std::string> revoked_at, revoked_reason;
};

struct PaymentRow {
  std::string reference, dossier_code;
  std::int64_t amount_vnd = 0;
  std::string status;
  std::optional<std::string> transaction_id;
  std::string created_at;
  std::optional<std::string> paid_at;
};

// Where the dossier stands, as the lifecycle table's guards read it.
WorkflowState workflow_state(const Dossier& d);

// The event for a change from `before` to `after` (procedure, place, agency, channel, step, statuses
// filled in); the caller adds the actor and what applies (timeliness, fee, rating...).
EventRow new_event(const Dossier& after, const Dossier& before, DossierAction action, ActorRole role,
                   std::string at);

// A stored time that must be there and parse: kInternal naming it otherwise, never "now" in its place.
Result<std::chrono::system_clock::time_point> stored_time(const std::optional<std::string>& text,
                                                          std::string_view column);

// kNotFound (field "code") when there is no such dossier.
Result<Dossier> load_dossier(storage::Connection& conn, const std::string& code);
// Both keep dossier_counts in step (written once per transaction, just before it commits).
Status insert_dossier(storage::Connection& conn, Dossier& d);
// Writes every mutable column if the stored version is still `d.version - 1`; kConflict otherwise, so
// of two concurrent actions on one dossier only the first succeeds.
Status update_dossier(storage::Connection& conn, Dossier& d);
// Bulk loading (the demo's history, records brought from other systems): the dossier's row alone, its
// counts gathered by count_dossier and added once with add_dossier_counts, in the same transaction or
// a later one.
using DossierCounts = std::map<std::pair<std::string, DossierStatus>, std::int64_t>;
// Rows alone, through the storage layer's bulk path (Connection::copy_rows).
Status copy_dossiers(storage::Connection& conn, std::span<const Dossier> dossiers);
Status copy_events(storage::Connection& conn, std::span<const EventRow> events);
void count_dossier(const Dossier& d, DossierCounts& counts);
Status add_dossier_counts(storage::Connection& conn, const DossierCounts& counts);

// The stored files dossiers' rows refer to: their papers and signed results.
Result<std::vector<std::string>> dossier_file_names(storage::Connection& conn);

Result<std::vector<DocumentRow>> load_documents(storage::Connection& conn, const std::string& code);
Status upsert_document(storage::Connection& conn, const std::string& code, const DocumentRow& doc);
Result<std::vector<EventRow>> load_events(storage::Connection& conn, const std::string& code);
Status insert_event(storage::Connection& conn, const EventRow& e);
// Events after `after_id` in id order, at most `limit`: the feed other modules read.
Result<std::vector<EventRow>> events_after(storage::Connection& conn, std::int64_t after_id, int limit);
// The same feed narrowed for readers that count (the data brain reads tens of millions at start):
// only events whose action is in `actions`, and of each only id, procedure, place, channel, action,
// timeliness, fee, payment, digitisation and rating; `at` holds the month alone ("2026-03").
Result<std::vector<EventRow>> event_figures_after(storage::Connection& conn, std::int64_t after_id, int limit,
                                                  std::span<const DossierAction> actions);
Result<std::optional<ResultRow>> load_result(storage::Connection& conn, const std::string& code);
Result<std::optional<ResultRow>> find_result_by_sha256(storage::Connection& conn, const std::string& sha256);
Status insert_result(storage::Connection& conn, const ResultRow& r);
Result<std::optional<PaymentRow>> load_payment(storage::Connection& conn, const std::string& code);

// The next code for a dossier of `agency` received on `day` (YYMMDD): "<agency>-<YYMMDD>-<NNNN>".
Result<std::string> next_dossier_code(storage::Connection& conn, const std::string& agency,
                                      const std::string& day);

}  // namespace sen::services
