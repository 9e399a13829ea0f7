#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "core/status.hpp"
#include "services/procedure.hpp"
#include "storage/database.hpp"

namespace sen::services {

// One row of `dossiers`. Times are RFC 3339 strings in Vietnam's offset, so they sort as text.
struct Dossier {
  std::string code, procedure_code;
  std::int64_t procedure_version = 1;
  std::string channel, applicant_id, applicant_name, contact_email, place_code, agency_code;
  std::string status, step, step_role, form;
  std::int64_t fee_vnd = 0;
  std::string created_at;
  std::optional<std::string> submitted_at, received_at, due_at, step_started_at, step_due_at, paused_at,
      finished_at, timeliness;
  std::int64_t version = 1;
  std::optional<TimeLimit> time_limit;  // in force when submitted; set on submission
};

struct DocumentRow {
  std::string component_id, storage_name, content_type;
  std::int64_t size = 0;
  std::string sha256, source;
  std::optional<std::string> reused_from;
  std::string added_at;
};

struct EventRow {
  std::string at;
  std::optional<std::string> actor_id;
  std::string actor_name, actor_role, agency_code, action, from_status, to_status, step;
  std::optional<std::string> step_started_at, step_due_at, timeliness;
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

// kNotFound (field "code") when there is no such dossier.
Result<Dossier> load_dossier(storage::Connection& conn, const std::string& code);
Status insert_dossier(storage::Connection& conn, const Dossier& d);
// Writes every mutable column if the stored version is still `d.version - 1`; kConflict otherwise, so
// of two concurrent actions on one dossier only the first succeeds.
Status update_dossier(storage::Connection& conn, const Dossier& d);

Result<std::vector<DocumentRow>> load_documents(storage::Connection& conn, const std::string& code);
Status upsert_document(storage::Connection& conn, const std::string& code, const DocumentRow& doc);
Result<std::vector<EventRow>> load_events(storage::Connection& conn, const std::string& code);
Status insert_event(storage::Connection& conn, const std::string& code, const EventRow& e);
Result<std::optional<ResultRow>> load_result(storage::Connection& conn, const std::string& code);
Result<std::optional<ResultRow>> find_result_by_sha256(storage::Connection& conn, const std::string& sha256);
Status insert_result(storage::Connection& conn, const ResultRow& r);
Result<std::optional<PaymentRow>> load_payment(storage::Connection& conn, const std::string& code);

// The next code for a dossier of `agency` received on `day` (YYMMDD): "<agency>-<YYMMDD>-<NNNN>".
Result<std::string> next_dossier_code(storage::Connection& conn, const std::string& agency,
                                      const std::string& day);

}  // namespace sen::services
