#include "services/dossier.hpp"

#include <fmt/format.h>

#include <array>
#include <map>
#include <memory>
#include <utility>

#include "core/clock.hpp"
#include "core/text_fold.hpp"
#include "services/workflow.hpp"

namespace sen::services {
namespace {

using storage::Row;
using storage::Value;

constexpr std::string_view kDossierColumns =
    "code, procedure_code, procedure_version, channel, applicant_id, applicant_name, contact_email, "
    "place_code, agency_code, status, step, step_role, form, fee_vnd, created_at, submitted_at, received_at, "
    "due_at, step_started_at, step_due_at, paused_at, finished_at, timeliness, version, province_code, "
    "time_limit_unit, time_limit_value, time_limit_cutoff_hour";

std::optional<std::string> opt(const Row& r, std::size_t i) {
  if (r.is_null(i)) return std::nullopt;
  return r.text(i);
}

Value val(const std::optional<std::string>& s) { return s ? Value(*s) : Value(nullptr); }

Result<Dossier> to_dossier(const Row& r) {
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
  const auto status = parse_status(r.text(9));
  if (!status) return fail_internal("dossier " + r.text(0) + " has an unknown status " + r.text(9));
  d.status = *status;
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
  d.province_code = r.text(24);
  if (!r.is_null(25)) {
    d.time_limit = TimeLimit{r.text(25), static_cast<int>(r.integer(26)), static_cast<int>(r.integer(27))};
  }
  d.stored = CountedAs{d.status, d.step_role, d.agency_code};
  return d;
}

void fill_dossier_row(const Dossier& d, std::vector<Value>& row) {
  const ListKey key = list_key(d);
  storage::assign_row(row, d.code, d.procedure_code, std::int64_t{d.procedure_version}, d.channel,
                      d.applicant_id, d.applicant_name, d.contact_email, d.place_code, d.agency_code,
                      std::string(name(d.status)), d.step, d.step_role, d.form, std::int64_t{d.fee_vnd},
                      d.created_at, val(d.submitted_at), val(d.received_at), val(d.due_at),
                      val(d.step_started_at), val(d.step_due_at), val(d.paused_at), val(d.finished_at),
                      val(d.timeliness), std::int64_t{d.version}, d.province_code,
                      d.time_limit ? Value(d.time_limit->unit) : Value(nullptr),
                      d.time_limit ? Value(std::int64_t{d.time_limit->value}) : Value(nullptr),
                      d.time_limit ? Value(std::int64_t{d.time_limit->cutoff_hour}) : Value(nullptr),
                      key.rank, key.urgency_at, fold_for_search(d.code + " " + d.applicant_name));
}

std::vector<Value> dossier_values(const Dossier& d) {
  std::vector<Value> row;
  fill_dossier_row(d, row);
  return row;
}

ResultRow to_result(const Row& r) {
  return ResultRow{r.text(0), r.text(1), r.text(2), r.text(3), r.text(4),
                   r.text(5), r.text(6), r.text(7), opt(r, 8), opt(r, 9)};
}

constexpr std::string_view kResultColumns =
    "id, dossier_code, title, storage_name, sha256, agency_code, credential_id, issued_at, revoked_at, "
    "revoked_reason";

// Count deltas of this transaction per (scope, status), written once just before it commits, so a
// batch of many changes costs one statement per counter it touches.
using CountDeltas = DossierCounts;
constexpr char kCountDeltasKey = 0;
constexpr char kWriteCountsKey = 0;

std::vector<std::string> count_scopes(const Dossier& d, const CountedAs& c) {
  std::vector<std::string> out{"applicant:" + d.applicant_id};
  if (c.status == DossierStatus::kDraft) return out;  // a draft is the applicant's alone
  out.push_back("nation");
  out.push_back("agency:" + c.agency_code);
  out.push_back("place:" + d.place_code);
  if (!d.province_code.empty()) out.push_back("province:" + d.province_code);
  if (!c.step_role.empty()) out.push_back("queue:" + c.agency_code + ":" + c.step_role);
  return out;
}

Status write_counts(storage::Connection& conn) {
  auto deltas = std::static_pointer_cast<const CountDeltas>(conn.transaction_value(&kCountDeltasKey));
  if (!deltas) return {};
  return add_dossier_counts(conn, *deltas);
}

Status count_change(storage::Connection& conn, Dossier& d) {
  CountedAs now{d.status, d.step_role, d.agency_code};
  if (d.stored && d.stored->status == now.status && d.stored->step_role == now.step_role &&
      d.stored->agency_code == now.agency_code) {
    return {};
  }
  const std::optional<CountedAs> before_change = std::exchange(d.stored, now);
  auto before = std::static_pointer_cast<const CountDeltas>(conn.transaction_value(&kCountDeltasKey));
  // A new map rather than a changed one, so a savepoint's snapshot of the old one stays valid.
  auto next = before ? std::make_shared<CountDeltas>(*before) : std::make_shared<CountDeltas>();
  if (before_change) {
    for (auto& scope : count_scopes(d, *before_change))
      (*next)[{std::move(scope), before_change->status}] -= 1;
  }
  for (auto& scope : count_scopes(d, now)) (*next)[{std::move(scope), now.status}] += 1;
  if (!conn.in_write_transaction()) {
    conn.set_transaction_value(&kCountDeltasKey, next);
    return write_counts(conn);
  }
  conn.set_transaction_value(&kCountDeltasKey, std::move(next));
  return conn.before_commit(&kWriteCountsKey, write_counts);
}

}  // namespace

ListKey list_key(const Dossier& d) {
  const std::int64_t rank = d.status == DossierStatus::kDraft ? 2 : d.step_role.empty() ? 1 : 0;
  return ListKey{rank, d.step_due_at.value_or(d.due_at.value_or(d.submitted_at.value_or(d.created_at))),
                 d.code};
}

bool is_overdue(const Dossier& d, const std::string& now) {
  return clock_running(d.status) && d.due_at && now > *d.due_at;
}

WorkflowState workflow_state(const Dossier& d) {
  return WorkflowState{d.status, d.step, d.received_at.has_value(), d.fee_vnd > 0, d.channel != "online"};
}

EventRow new_event(const Dossier& after, const Dossier& before, DossierAction action, ActorRole role,
                   std::string at) {
  EventRow e;
  e.dossier_code = after.code;
  e.procedure_code = after.procedure_code;
  e.place_code = before.place_code;
  e.agency_code = before.agency_code;
  e.channel = after.channel;
  e.at = std::move(at);
  e.actor_role = role;
  e.action = action;
  e.from_status = before.status;
  e.to_status = after.status;
  e.step = before.step;
  e.step_started_at = before.step_started_at;
  e.step_due_at = before.step_due_at;
  return e;
}

Result<std::chrono::system_clock::time_point> stored_time(const std::optional<std::string>& text,
                                                          std::string_view column) {
  if (!text) return fail_internal(fmt::format("dossier {} is missing", column));
  auto t = parse_rfc3339(*text);
  if (!t) return fail_internal(fmt::format("dossier {} '{}' is not a time", column, *text));
  return *t;
}

Result<Dossier> load_dossier(storage::Connection& conn, const std::string& code) {
  auto rows = conn.execute(fmt::format("SELECT {} FROM dossiers WHERE code = $1", kDossierColumns), {code});
  if (!rows) return tl::unexpected(rows.error());
  if (rows->rows.empty()) return fail(ErrorCode::kNotFound, "No such dossier", "code");
  return to_dossier(rows->rows.front());
}

namespace {

// The columns a dossier's row is written with: those read back, then the list keys.
const std::vector<std::string_view>& dossier_row_columns() {
  static const std::vector<std::string_view> columns = [] {
    std::vector<std::string_view> out;
    for (std::string_view rest = kDossierColumns; !rest.empty();) {
      const auto comma = rest.find(", ");
      out.push_back(rest.substr(0, comma));
      rest = comma == std::string_view::npos ? std::string_view() : rest.substr(comma + 2);
    }
    for (std::string_view extra : {"queue_rank", "urgency_at", "search_text"}) out.push_back(extra);
    return out;
  }();
  return columns;
}

Status insert_dossier_row(storage::Connection& conn, const Dossier& d) {
  static const std::string sql = storage::insert_sql("dossiers", dossier_row_columns());
  const std::vector<Value> row = dossier_values(d);
  return conn.execute_deferred(sql, row);
}

}  // namespace

Status copy_dossiers(storage::Connection& conn, std::span<const Dossier> dossiers) {
  return conn.copy_rows("dossiers", dossier_row_columns(), dossiers.size(),
                        [&](std::size_t i, std::vector<Value>& row) { fill_dossier_row(dossiers[i], row); });
}

Status insert_dossier(storage::Connection& conn, Dossier& d) {
  if (auto r = insert_dossier_row(conn, d); !r) return r;
  return count_change(conn, d);
}

void count_dossier(const Dossier& d, DossierCounts& counts) {
  for (auto& scope : count_scopes(d, CountedAs{d.status, d.step_role, d.agency_code}))
    counts[{std::move(scope), d.status}] += 1;
}

Status add_dossier_counts(storage::Connection& conn, const DossierCounts& counts) {
  for (const auto& [key, n] : counts) {
    if (n == 0) continue;
    auto s = conn.execute_deferred(
        "INSERT INTO dossier_counts (scope, status, n) VALUES ($1, $2, $3) "
        "ON CONFLICT (scope, status) DO UPDATE SET n = dossier_counts.n + excluded.n",
        {key.first, std::string(name(key.second)), n});
    if (!s) return s;
  }
  return {};
}

Status update_dossier(storage::Connection& conn, Dossier& d) {
  auto r = conn.execute(
      "UPDATE dossiers SET channel = $4, contact_email = $7, place_code = $8, agency_code = $9, status = "
      "$10, "
      "step = $11, step_role = $12, form = $13, fee_vnd = $14, submitted_at = $16, received_at = $17, "
      "due_at = $18, step_started_at = $19, step_due_at = $20, paused_at = $21, finished_at = $22, "
      "timeliness = $23, version = $24, province_code = $25, time_limit_unit = $26, time_limit_value = $27, "
      "time_limit_cutoff_hour = $28, queue_rank = $29, urgency_at = $30, search_text = $31 "
      "WHERE code = $1 AND procedure_code = $2 AND procedure_version = $3 AND applicant_id = $5 AND "
      "applicant_name = $6 AND created_at = $15 AND version = $24 - 1",
      dossier_values(d));
  if (!r) return tl::unexpected(r.error());
  if (r->affected_rows != 1) {
    return fail(ErrorCode::kConflict, "The dossier was changed by someone else meanwhile; reload it",
                "version");
  }
  return count_change(conn, d);
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

namespace {

constexpr std::string_view kEventColumns =
    "id, dossier_code, procedure_code, place_code, agency_code, channel, at, actor_id, actor_name, "
    "actor_role, "
    "action, from_status, to_status, step, step_started_at, step_due_at, timeliness, fee_vnd, paid_online, "
    "result_digitised, rating, comment";

std::optional<std::int64_t> opt_int(const Row& r, std::size_t i) {
  if (r.is_null(i)) return std::nullopt;
  return r.integer(i);
}

Value val(const std::optional<std::int64_t>& v) { return v ? Value(*v) : Value(nullptr); }
Value val(const std::optional<bool>& v) { return v ? Value(std::int64_t{*v ? 1 : 0}) : Value(nullptr); }

Result<std::vector<EventRow>> to_events(const storage::QueryResult& rows) {
  std::vector<EventRow> out;
  for (const auto& r : rows.rows) {
    EventRow e;
    e.id = r.integer(0);
    e.dossier_code = r.text(1);
    e.procedure_code = r.text(2);
    e.place_code = r.text(3);
    e.agency_code = r.text(4);
    e.channel = r.text(5);
    e.at = r.text(6);
    e.actor_id = opt(r, 7);
    e.actor_name = r.text(8);
    const auto role = parse_role(r.text(9));
    const auto action = parse_action(r.text(10));
    const auto from = parse_status(r.text(11));
    const auto to = parse_status(r.text(12));
    if (!role || !action || !from || !to) {
      return fail_internal(fmt::format("dossier event {} holds an unknown role, action or status", e.id));
    }
    e.actor_role = *role;
    e.action = *action;
    e.from_status = *from;
    e.to_status = *to;
    e.step = r.text(13);
    e.step_started_at = opt(r, 14);
    e.step_due_at = opt(r, 15);
    e.timeliness = opt(r, 16);
    e.fee_vnd = opt_int(r, 17);
    if (auto paid = opt_int(r, 18)) e.paid_online = *paid != 0;
    if (auto digitised = opt_int(r, 19)) e.result_digitised = *digitised != 0;
    e.rating = opt_int(r, 20);
    e.comment = r.text(21);
    out.push_back(std::move(e));
  }
  return out;
}

}  // namespace

Result<std::vector<EventRow>> load_events(storage::Connection& conn, const std::string& code) {
  auto rows = conn.execute(
      fmt::format("SELECT {} FROM dossier_events WHERE dossier_code = $1 ORDER BY id", kEventColumns),
      {code});
  if (!rows) return tl::unexpected(rows.error());
  return to_events(*rows);
}

Result<std::vector<EventRow>> events_after(storage::Connection& conn, std::int64_t after_id, int limit) {
  auto rows = conn.execute(
      fmt::format("SELECT {} FROM dossier_events WHERE id > $1 ORDER BY id LIMIT $2", kEventColumns),
      {after_id, std::int64_t{limit}});
  if (!rows) return tl::unexpected(rows.error());
  return to_events(*rows);
}

Result<std::vector<EventRow>> event_figures_after(storage::Connection& conn, std::int64_t after_id, int limit,
                                                  std::span<const DossierAction> actions) {
  std::string sql =
      "SELECT id, procedure_code, place_code, channel, substr(at, 1, 7), action, timeliness, fee_vnd, "
      "paid_online, result_digitised, rating FROM dossier_events WHERE id > $1 AND action IN (";
  std::vector<Value> params{after_id, std::int64_t{limit}};
  for (const auto action : actions) {
    params.emplace_back(std::string(name(action)));
    sql += fmt::format("{}${}", params.size() == 3 ? "" : ", ", params.size());
  }
  sql += ") ORDER BY id LIMIT $2";
  auto rows = conn.execute(sql, params);
  if (!rows) return tl::unexpected(rows.error());
  std::vector<EventRow> out;
  out.reserve(rows->rows.size());
  for (auto& r : rows->rows) {
    EventRow e;
    e.id = r.integer(0);
    e.procedure_code = std::move(std::get<std::string>(r.values[1]));
    e.place_code = std::move(std::get<std::string>(r.values[2]));
    e.channel = std::move(std::get<std::string>(r.values[3]));
    e.at = std::move(std::get<std::string>(r.values[4]));
    const auto action = parse_action(r.text(5));
    if (!action) return fail_internal(fmt::format("dossier event {} holds an unknown action", e.id));
    e.action = *action;
    e.timeliness = opt(r, 6);
    e.fee_vnd = opt_int(r, 7);
    if (auto paid = opt_int(r, 8)) e.paid_online = *paid != 0;
    if (auto digitised = opt_int(r, 9)) e.result_digitised = *digitised != 0;
    e.rating = opt_int(r, 10);
    out.push_back(std::move(e));
  }
  return out;
}

namespace {

constexpr std::array<std::string_view, 21> kEventRowColumns = {
    "dossier_code", "procedure_code", "place_code",  "agency_code",      "channel",
    "at",           "actor_id",       "actor_name",  "actor_role",       "action",
    "from_status",  "to_status",      "step",        "step_started_at",  "step_due_at",
    "timeliness",   "fee_vnd",        "paid_online", "result_digitised", "rating",
    "comment"};

void fill_event_row(const EventRow& e, std::vector<Value>& row) {
  storage::assign_row(row, e.dossier_code, e.procedure_code, e.place_code, e.agency_code, e.channel, e.at,
                      val(e.actor_id), e.actor_name, std::string(name(e.actor_role)),
                      std::string(name(e.action)), std::string(name(e.from_status)),
                      std::string(name(e.to_status)), e.step, val(e.step_started_at), val(e.step_due_at),
                      val(e.timeliness), val(e.fee_vnd), val(e.paid_online), val(e.result_digitised),
                      val(e.rating), e.comment);
}

}  // namespace

Status insert_event(storage::Connection& conn, const EventRow& e) {
  static const std::string sql = storage::insert_sql("dossier_events", kEventRowColumns);
  std::vector<Value> row;
  fill_event_row(e, row);
  return conn.execute_deferred(sql, row);
}

Status copy_events(storage::Connection& conn, std::span<const EventRow> events) {
  return conn.copy_rows("dossier_events", kEventRowColumns, events.size(),
                        [&](std::size_t i, std::vector<Value>& row) { fill_event_row(events[i], row); });
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

Result<std::vector<std::string>> dossier_file_names(storage::Connection& conn) {
  auto rows =
      conn.execute("SELECT storage_name FROM dossier_documents UNION SELECT storage_name FROM results", {});
  if (!rows) return tl::unexpected(rows.error());
  std::vector<std::string> names;
  for (const auto& r : rows->rows) names.push_back(r.text(0));
  return names;
}

}  // namespace sen::services
