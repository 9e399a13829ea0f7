// Reading dossiers: the full view, the polled status, public tracking, results and notifications.
#include "services/dossier_reads.hpp"

#include <fmt/format.h>

#include <algorithm>
#include <boost/json.hpp>
#include <cctype>
#include <charconv>
#include <limits>

#include "identity/roles.hpp"
#include "services/notifier.hpp"
#include "services/procedure_pack.hpp"

namespace sen::services {
namespace {

namespace json = boost::json;

}  // namespace

Result<boost::json::object> DossierReads::get(const identity::Principal& who, const std::string& code,
                                              const identity::Origin& origin) {
  DossierCore::Loaded l;
  DossierCore::Related related;
  {
    auto conn = d_.db.acquire();
    if (!conn) return tl::unexpected(conn.error());
    auto loaded = core_.load_readable(**conn, who, code);
    if (!loaded) return tl::unexpected(loaded.error());
    l = std::move(*loaded);
    auto r = core_.load_related(**conn, l.dossier);
    if (!r) return tl::unexpected(r.error());
    related = std::move(*r);
  }
  auto view = core_.render_view(l, related);
  if (!view) return view;
  if (auto s = core_.record_read(who, l.dossier, "view", "", origin); !s) return tl::unexpected(s.error());
  return view;
}

Result<boost::json::object> DossierReads::status_of(const identity::Principal& who, const std::string& code) {
  if (auto answer = status_from_memory(who, code)) return std::move(*answer);
  Dossier d;
  {
    auto conn = d_.db.acquire();
    if (!conn) return tl::unexpected(conn.error());
    auto loaded = load_dossier(**conn, code);
    if (!loaded) return tl::unexpected(loaded.error());
    d = std::move(*loaded);
  }
  auto procedure = d_.catalog.get(d.procedure_code);
  if (!procedure) return tl::unexpected(procedure.error());
  auto answer = status_view(who, d, **procedure);
  if (answer) core_.remember(d);
  return answer;
}

std::optional<Result<boost::json::object>> DossierReads::status_from_memory(const identity::Principal& who,
                                                                            const std::string& code) {
  auto cached = core_.statuses_.get(code);
  if (!cached) return std::nullopt;
  auto procedure = d_.catalog.get_cached((*cached)->procedure_code);
  if (!procedure) return std::nullopt;
  return status_view(who, **cached, *procedure);
}

Result<boost::json::object> DossierReads::status_view(const identity::Principal& who, const Dossier& d,
                                                      const Procedure& p) const {
  if (!core_.may_read(who, d)) return fail(ErrorCode::kNotFound, "No such dossier", "code");
  return json::object{{"code", d.code},
                      {"status", name(d.status)},
                      {"status_code", national_code(d.status)},
                      {"step", d.step_role.empty() ? json::value(nullptr) : json::value(step_json(p, d))},
                      {"due_at", opt_json(d.due_at)},
                      {"overdue", is_overdue(d, core_.now())},
                      {"timeliness", opt_json(d.timeliness)},
                      {"version", d.version}};
}

Result<boost::json::object> DossierReads::my_results(const identity::Principal& who) {
  auto conn = d_.db.acquire();
  if (!conn) return tl::unexpected(conn.error());
  auto rows = (*conn)->execute(
      "SELECT r.dossier_code, d.procedure_code, pr.name, r.title, r.issued_at FROM results r "
      "JOIN dossiers d ON d.code = r.dossier_code JOIN procedures pr ON pr.code = d.procedure_code "
      "WHERE d.applicant_id = $1 AND r.revoked_at IS NULL ORDER BY r.issued_at DESC LIMIT 200",
      {who.account_id});
  if (!rows) return tl::unexpected(rows.error());
  json::array items;
  for (const auto& r : rows->rows) {
    items.push_back(json::object{{"dossier", r.text(0)},
                                 {"procedure", json::object{{"code", r.text(1)}, {"name", r.text(2)}}},
                                 {"title", r.text(3)},
                                 {"issued_at", r.text(4)}});
  }
  return json::object{{"items", std::move(items)}};
}

Result<std::vector<std::string>> DossierReads::codes_of_applicant(const identity::Principal& who) const {
  auto conn = d_.db.acquire();
  if (!conn) return tl::unexpected(conn.error());
  auto rows = (*conn)->execute("SELECT code FROM dossiers WHERE applicant_id = $1 ORDER BY created_at, code",
                               {who.account_id});
  if (!rows) return tl::unexpected(rows.error());
  std::vector<std::string> codes;
  for (const auto& r : rows->rows) codes.push_back(r.text(0));
  return codes;
}

Result<boost::json::object> DossierReads::track(const std::string& typed_code, const std::string& id_number) {
  // Codes are upper-case ASCII (agency code, day, number); people type them in any case.
  std::string code = typed_code;
  std::transform(code.begin(), code.end(), code.begin(),
                 [](unsigned char ch) { return static_cast<char>(std::toupper(ch)); });
  const Error no_match{ErrorCode::kNotFound, "No dossier matches this code and identity number", "code", {}};
  if (code.empty() || id_number.empty()) {
    return fail(ErrorCode::kInvalidArgument, "Give the dossier code and the applicant's identity number",
                code.empty() ? "code" : "id_number");
  }
  auto conn = d_.db.acquire();
  if (!conn) return tl::unexpected(conn.error());
  auto rows = (*conn)->execute(
      "SELECT a.id_number_hash, a.enterprise_code FROM dossiers d JOIN accounts a ON a.id = d.applicant_id "
      "WHERE d.code = $1 AND d.status <> 'draft'",
      {code});
  if (!rows) return tl::unexpected(rows.error());
  if (rows->rows.empty()) return tl::unexpected(no_match);
  const auto& r = rows->rows.front();
  const bool matches = (!r.is_null(0) && r.text(0) == d_.ids.lookup_key(id_number)) ||
                       (!r.is_null(1) && r.text(1) == id_number);
  if (!matches) return tl::unexpected(no_match);
  auto d = load_dossier(**conn, code);
  if (!d) return tl::unexpected(d.error());
  auto p = d_.catalog.get(d->procedure_code);
  if (!p) return tl::unexpected(p.error());
  auto events = load_events(**conn, code);
  if (!events) return tl::unexpected(events.error());
  json::array event_list;
  for (const auto& e : *events) {
    const Step* s = (*p)->step(e.step);
    event_list.push_back(json::object{{"at", e.at},
                                      {"action", name(e.action)},
                                      {"to_status", name(e.to_status)},
                                      {"step", s ? s->name : e.step}});
  }
  auto agency = core_.agency_name(**conn, d->agency_code);
  if (!agency) return tl::unexpected(agency.error());
  return json::object{{"code", d->code},
                      {"procedure", json::object{{"code", (*p)->code}, {"name", (*p)->name}}},
                      {"agency", std::move(*agency)},
                      {"status", name(d->status)},
                      {"status_code", national_code(d->status)},
                      {"submitted_at", opt_json(d->submitted_at)},
                      {"received_at", opt_json(d->received_at)},
                      {"due_at", opt_json(d->due_at)},
                      {"overdue", is_overdue(*d, core_.now())},
                      {"timeliness", opt_json(d->timeliness)},
                      {"events", std::move(event_list)}};
}

Result<DossierReads::Notifications> DossierReads::notifications(const identity::Principal& who, Language lang,
                                                                const storage::PageRequest& page) {
  std::int64_t before = std::numeric_limits<std::int64_t>::max();
  if (!page.after.empty()) {
    auto [ptr, ec] = std::from_chars(page.after.data(), page.after.data() + page.after.size(), before);
    if (ec != std::errc() || ptr != page.after.data() + page.after.size())
      return fail(ErrorCode::kInvalidArgument, "cursor is not one this list gave", "cursor");
  }
  auto conn = d_.db.acquire();
  if (!conn) return tl::unexpected(conn.error());
  auto rows = (*conn)->execute(
      "SELECT id, dossier_code, status, message, created_at, read_at, kind, procedure_name, note, due_at "
      "FROM notifications WHERE account_id = $1 AND id < $2 ORDER BY id DESC LIMIT $3",
      {who.account_id, before, std::int64_t{page.limit} + 1});
  if (!rows) return tl::unexpected(rows.error());
  auto unread = (*conn)->execute(
      "SELECT count(*) FROM notifications WHERE account_id = $1 AND read_at IS NULL", {who.account_id});
  if (!unread) return tl::unexpected(unread.error());
  Notifications out;
  out.unread = unread->rows.front().integer(0);
  for (const auto& r : rows->rows) {
    if (static_cast<int>(out.items.size()) == page.limit) {
      out.next_after = std::to_string(out.items.back().as_object().at("id").as_int64());
      break;
    }
    auto status = parse_status(r.text(2));
    if (!status) return fail_internal("stored notification status is unknown: " + r.text(2));
    std::string message = r.text(3);  // rows from before notifications were kept as facts
    if (!r.is_null(6)) {
      auto kind = parse_notification_kind(r.text(6));
      if (!kind) return fail_internal("stored notification kind is unknown: " + r.text(6));
      NotificationFacts facts{*kind, r.text(1), r.text(7), *status, r.text(8), std::nullopt};
      if (!r.is_null(9)) {
        auto due = parse_rfc3339(r.text(9));
        if (!due) return fail_internal("stored notification due time is not a time: " + r.text(9));
        facts.due = *due;
      }
      message = notification_text(facts, lang);
    }
    out.items.push_back(json::object{{"id", r.integer(0)},
                                     {"dossier", r.text(1)},
                                     {"status", r.text(2)},
                                     {"message", std::move(message)},
                                     {"created_at", r.text(4)},
                                     {"read", !r.is_null(5)}});
  }
  return out;
}

Status DossierReads::mark_notification_read(const identity::Principal& who, std::int64_t id) {
  return d_.db.write_transaction([&](storage::Connection& conn) -> Status {
    // Reading it again keeps the first time; someone else's notification is as missing as none.
    auto r = conn.execute(
        "UPDATE notifications SET read_at = COALESCE(read_at, $3) WHERE id = $1 AND account_id = $2",
        {id, who.account_id, core_.now()});
    if (!r) return tl::unexpected(r.error());
    if (r->affected_rows == 0) return fail(ErrorCode::kNotFound, "No such notification", "id");
    return {};
  });
}

}  // namespace sen::services
