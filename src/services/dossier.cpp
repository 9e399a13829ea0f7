#include "services/dossier.hpp"

#include <fmt/format.h>

#include <map>
#include <memory>

namespace sen::services {
namespace {

using storage::Row;
using storage::Value;

constexpr std::string_view kDossierColumns =
    "code, procedure_code, procedure_version, channel, applicant_id, applicant_name, contact_email, "
    "place_code, agency_code, status, step, step_role, form, fee_vnd, created_at, submitted_at, received_at, "
    "due_at, step_started_at, step_due_at, paused_at, finished_at, timeliness, version, time_limit_unit, "
    "time_limit_value, "
    "time_limit_cutoff_hour";

std::optional<std::string> opt(const Row& r, std::size_t i) {
  if (r.is_null(i)) return std::nullopt;
  return r.text(i);
}

Value val(const std::optional<std::string>& s) { return s ? Value(*s) : Value(nullptr); }

Dossier to_dossier(const Row& r) {
  Dossier d;
  d.code = r.text(0);
  d.procedure_code = r.text(1);
  d.procedure_version = r.integer(2);
  d.channel = r.text(3);
  d.applicant_id = r.text(4);
  d.applicant_name = r.text(5);
  d.contact_email = r.text(6);
  d.place_code = r.text(7);
  d.agency_code = r.text(8);
  d.status = r.text(9);
  d.step = r.text(10);
  d.step_role = r.text(11);
  d.form = r.text(12);
  d.fee_vnd = r.integer(13);
  d.created_at = r.text(14);
  d.submitted_at = opt(r, 15);
  d.received_at = opt(r, 16);
  d.due_at = opt(r, 17);
  d.step_started_at = opt(r, 18);
  d.step_due_at = opt(r, 19);
  d.paused_at = opt(r, 20);
  d.finished_at = opt(r, 21);
  d.timeliness = opt(r, 22);
  d.version = r.integer(23);
  if (!r.is_null(24)) {
    d.time_limit = TimeLimit{r.text(24), static_cast<int>(r.integer(25)), static_cast<int>(r.integer(26))};
  }
  return d;
}

std::vector<Value> dossier_values(const Dossier& d) {
  return {d.code,
          d.procedure_code,
          std::int64_t{d.procedure_version},
          d.channel,
          d.applicant_id,
          d.applicant_name,
          d.contact_email,
          d.place_code,
          d.agency_code,
          d.status,
          d.step,
          d.step_role,
          d.form,
          std::int64_t{d.fee_vnd},
          d.created_at,
          val(d.submitted_at),
          val(d.received_at),
          val(d.due_at),
          val(d.step_started_at),
          val(d.step_due_at),
          val(d.paused_at),
          val(d.finished_at),
          val(d.timeliness),
          std::int64_t{d.version},
          d.time_limit ? Value(d.time_limit->unit) : Value(nullptr),
          d.time_limit ? Value(std::int64_t{d.time_limit->value}) : Value(nullptr),
          d.time_limit ? Value(std::int64_t{d.time_limit->cutoff_hour}) : Value(nullptr)};
}

ResultRow to_result(const Row& r) {
  return ResultRow{r.text(0), r.text(1), r.text(2), r.text(3), r.text(4),
                   r.text(5), r.text(6), r.text(7), opt(r, 8), opt(r, 9)};
}

constexpr std::string_view kResultColumns =
    "id, dossier_code, title, storage_name, sha256, agency_code, credential_id, issued_at, revoked_at, "
    "revoked_reason";

}  // namespace

Result<Dossier> load_dossier(storage::Connection& conn, const std::string& code) {
  auto rows = conn.execute(fmt::format("SELECT {} FROM dossiers WHERE code = $1", kDossierColumns), {code});
  if (!rows) return tl::unexpected(rows.error());
  if (rows->rows.empty()) return fail(ErrorCode::kNotFound, "No such dossier", "code");
  return to_dossier(rows->rows.front());
}

Status insert_dossier(storage::Connection& conn, const Dossier& d) {
  auto r = conn.execute_deferred(
      fmt::format("INSERT INTO dossiers ({}) VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, "
                  "$11, $12, $13, $14, $15, $16, $17, $18, $19, $20, $21, $22, $23, $24, $25, $26, $27)",
                  kDossierColumns),
      dossier_values(d));
  if (!r) return tl::unexpected(r.error());
  return {};
}

Status update_dossier(storage::Connection& conn, const Dossier& d) {
  auto r = conn.execute(
      "UPDATE dossiers SET channel = $4, contact_email = $7, place_code = $8, agency_code = $9, status = "
      "$10, "
      "step = $11, step_role = $12, form = $13, fee_vnd = $14, submitted_at = $16, received_at = $17, "
      "due_at = $18, step_started_at = $19, step_due_at = $20, paused_at = $21, finished_at = $22, "
      "timeliness = $23, version = $24, time_limit_unit = $25, time_limit_value = $26, "
      "time_limit_cutoff_hour = $27 "
      "WHERE code = $1 AND procedure_code = $2 AND procedure_version = $3 AND applicant_id = $5 AND "
      "applicant_name = $6 AND created_at = $15 AND version = $24 - 1",
      dossier_values(d));
  if (!r) return tl::unexpected(r.error());
  if (r->affected_rows != 1) {
    return fail(ErrorCode::kConflict, "The dossier was changed by someone else meanwhile; reload it",
                "version");
  }
  return {};
}

Result<std::vector<DocumentRow>> load_documents(storage::Connection& conn, const std::string& code) {
  auto rows = conn.execute(
      "SELECT component_id, storage_name, content_type, size_bytes, sha256, source, reused_from, added_at "
      "FROM dossier_documents WHERE dossier_code = $1 ORDER BY component_id",
      {code});
  if (!rows) return tl::unexpected(rows.error());
  std::vector<DocumentRow> out;
  for (const auto& r : rows->rows) {
    out.push_back(
        {r.text(0), r.text(1), r.text(2), r.integer(3), r.text(4), r.text(5), opt(r, 6), r.text(7)});
  }
  return out;
}

Status upsert_document(storage::Connection& conn, const std::string& code, const DocumentRow& doc) {
  if (auto del = conn.execute("DELETE FROM dossier_documents WHERE dossier_code = $1 AND component_id = $2",
                              {code, doc.component_id});
      !del) {
    return tl::unexpected(del.error());
  }
  auto r = conn.execute(
      "INSERT INTO dossier_documents (dossier_code, component_id, storage_name, content_type, size_bytes, "
      "sha256, source, reused_from, added_at) VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9)",
      {code, doc.component_id, doc.storage_name, doc.content_type, doc.size, doc.sha256, doc.source,
       val(doc.reused_from), doc.added_at});
  if (!r) return tl::unexpected(r.error());
  return {};
}

Result<std::vector<EventRow>> load_events(storage::Connection& conn, const std::string& code) {
  auto rows = conn.execute(
      "SELECT at, actor_id, actor_name, actor_role, agency_code, action, from_status, to_status, step, "
      "step_started_at, step_due_at, timeliness, comment FROM dossier_events WHERE dossier_code = $1 ORDER "
      "BY id",
      {code});
  if (!rows) return tl::unexpected(rows.error());
  std::vector<EventRow> out;
  for (const auto& r : rows->rows) {
    out.push_back({r.text(0), opt(r, 1), r.text(2), r.text(3), r.text(4), r.text(5), r.text(6), r.text(7),
                   r.text(8), opt(r, 9), opt(r, 10), opt(r, 11), r.text(12)});
  }
  return out;
}

Status insert_event(storage::Connection& conn, const std::string& code, const EventRow& e) {
  auto r = conn.execute_deferred(
      "INSERT INTO dossier_events (dossier_code, at, actor_id, actor_name, actor_role, agency_code, action, "
      "from_status, to_status, step, step_started_at, step_due_at, timeliness, comment) "
      "VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14)",
      {code, e.at, val(e.actor_id), e.actor_name, e.actor_role, e.agency_code, e.action, e.from_status,
       e.to_status, e.step, val(e.step_started_at), val(e.step_due_at), val(e.timeliness), e.comment});
  if (!r) return tl::unexpected(r.error());
  return {};
}

Result<std::optional<ResultRow>> load_result(storage::Connection& conn, const std::string& code) {
  auto rows =
      conn.execute(fmt::format("SELECT {} FROM results WHERE dossier_code = $1", kResultColumns), {code});
  if (!rows) return tl::unexpected(rows.error());
  if (rows->rows.empty()) return std::optional<ResultRow>();
  return to_result(rows->rows.front());
}

Result<std::optional<ResultRow>> find_result_by_sha256(storage::Connection& conn, const std::string& sha256) {
  auto rows = conn.execute(fmt::format("SELECT {} FROM results WHERE sha256 = $1", kResultColumns), {sha256});
  if (!rows) return tl::unexpected(rows.error());
  if (rows->rows.empty()) return std::optional<ResultRow>();
  return to_result(rows->rows.front());
}

Status insert_result(storage::Connection& conn, const ResultRow& r) {
  auto ins = conn.execute(
      "INSERT INTO results (id, dossier_code, title, storage_name, sha256, agency_code, credential_id, "
      "issued_at) VALUES ($1, $2, $3, $4, $5, $6, $7, $8)",
      {r.id, r.dossier_code, r.title, r.storage_name, r.sha256, r.agency_code, r.credential_id, r.issued_at});
  if (!ins) return tl::unexpected(ins.error());
  return {};
}

Result<std::optional<PaymentRow>> load_payment(storage::Connection& conn, const std::string& code) {
  auto rows = conn.execute(
      "SELECT reference, dossier_code, amount_vnd, status, transaction_id, created_at, paid_at FROM payments "
      "WHERE dossier_code = $1",
      {code});
  if (!rows) return tl::unexpected(rows.error());
  if (rows->rows.empty()) return std::optional<PaymentRow>();
  const auto& r = rows->rows.front();
  return PaymentRow{r.text(0), r.text(1), r.integer(2), r.text(3), opt(r, 4), r.text(5), opt(r, 6)};
}

namespace {
// Numbers this transaction already took, per agency and day. The first one locks the row; the next
// ones are counted here, and the row gets the last of them just before the commit.
using TakenNumbers = std::map<std::pair<std::string, std::string>, std::int64_t>;
constexpr char kTakenNumbersKey = 0;
constexpr char kWriteTakenKey = 0;

Status write_taken_numbers(storage::Connection& conn) {
  auto taken = std::static_pointer_cast<const TakenNumbers>(conn.transaction_value(&kTakenNumbersKey));
  if (!taken) return {};
  for (const auto& [key, last] : *taken) {
    auto updated = conn.execute_deferred(
        "UPDATE dossier_sequences SET last = $3 WHERE agency_code = $1 AND day = $2 AND last < $3",
        {key.first, key.second, last});
    if (!updated) return updated;
  }
  return {};
}
}  // namespace

Result<std::string> next_dossier_code(storage::Connection& conn, const std::string& agency,
                                      const std::string& day) {
  const auto key = std::make_pair(agency, day);
  auto taken = std::static_pointer_cast<const TakenNumbers>(conn.transaction_value(&kTakenNumbersKey));
  std::optional<std::int64_t> previous;
  if (taken) {
    if (auto it = taken->find(key); it != taken->end()) previous = it->second;
  }
  std::int64_t number = 0;
  if (previous) {
    number = *previous + 1;
  } else {
    auto rows = conn.execute(
        "INSERT INTO dossier_sequences (agency_code, day, last) VALUES ($1, $2, 1) "
        "ON CONFLICT (agency_code, day) DO UPDATE SET last = dossier_sequences.last + 1 RETURNING last",
        {agency, day});
    if (!rows) return tl::unexpected(rows.error());
    if (rows->rows.empty()) return fail_internal("dossier sequence returned no row");
    number = rows->rows.front().integer(0);
  }
  if (conn.in_write_transaction()) {
    // A new map rather than a changed one, so a savepoint's snapshot of the old one stays valid.
    auto next = taken ? std::make_shared<TakenNumbers>(*taken) : std::make_shared<TakenNumbers>();
    (*next)[key] = number;
    conn.set_transaction_value(&kTakenNumbersKey, std::move(next));
    if (auto s = conn.before_commit(&kWriteTakenKey, write_taken_numbers); !s)
      return tl::unexpected(s.error());
  }
  return fmt::format("{}-{}-{:04}", agency, day, number);
}

}  // namespace sen::services
