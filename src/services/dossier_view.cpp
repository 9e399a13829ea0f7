// Reading dossiers: the full view, lists and queues, public tracking, results and notifications.
#include <fmt/format.h>

#include <boost/json.hpp>

#include "identity/roles.hpp"
#include "services/dossier_service.hpp"
#include "services/procedure_pack.hpp"

namespace sen::services {
namespace {

namespace json = boost::json;

json::value opt_json(const std::optional<std::string>& s) {
  if (!s) return nullptr;
  return json::value(*s);
}

json::object step_json(const Procedure& p, const Dossier& d) {
  const Step* s = p.step(d.step);
  if (s == nullptr) return {};
  return json::object{
      {"id", s->id}, {"name", s->name}, {"role", s->role}, {"due_at", opt_json(d.step_due_at)}};
}

}  // namespace

Result<DossierService::Related> DossierService::load_related(storage::Connection& conn, const Dossier& d) {
  Related r;
  auto docs = load_documents(conn, d.code);
  if (!docs) return tl::unexpected(docs.error());
  r.documents = std::move(*docs);
  auto events = load_events(conn, d.code);
  if (!events) return tl::unexpected(events.error());
  r.events = std::move(*events);
  auto result = load_result(conn, d.code);
  if (!result) return tl::unexpected(result.error());
  r.result = std::move(*result);
  auto payment = load_payment(conn, d.code);
  if (!payment) return tl::unexpected(payment.error());
  r.payment = std::move(*payment);
  auto rating = conn.execute("SELECT score, comment FROM ratings WHERE dossier_code = $1", {d.code});
  if (!rating) return tl::unexpected(rating.error());
  if (!rating->rows.empty()) r.rating = {rating->rows.front().integer(0), rating->rows.front().text(1)};
  auto place = place_name(conn, d.place_code);
  if (!place) return tl::unexpected(place.error());
  r.place_name = std::move(*place);
  auto agency = agency_name(conn, d.agency_code);
  if (!agency) return tl::unexpected(agency.error());
  r.agency_name = std::move(*agency);
  return r;
}

boost::json::object DossierService::render_view(const Loaded& l, const Related& related) const {
  const Dossier& d = l.dossier;
  const Procedure& p = *l.procedure;
  const std::string now_text = now();
  const bool official = !l.is_applicant;
  boost::system::error_code ec;
  json::value form = json::parse(d.form, ec);
  if (ec) form = json::object();

  json::array documents;
  for (const auto& doc : related.documents) {
    const Component* c = p.component(doc.component_id);
    documents.push_back(json::object{{"component", doc.component_id},
                                     {"name", c ? c->name : doc.component_id},
                                     {"content_type", doc.content_type},
                                     {"size", doc.size},
                                     {"sha256", doc.sha256},
                                     {"source", doc.source},
                                     {"reused_from", opt_json(doc.reused_from)},
                                     {"added_at", doc.added_at}});
  }
  json::array event_list;
  for (const auto& e : related.events) {
    const Step* s = p.step(e.step);
    json::object item{{"at", e.at},
                      {"action", name(e.action)},
                      {"to_status", name(e.to_status)},
                      {"step", s ? s->name : e.step},
                      {"comment", e.comment}};
    if (official) {
      item["actor"] = e.actor_name;
      item["role"] = name(e.actor_role);
      item["agency"] = e.agency_code;
      item["from_status"] = name(e.from_status);
      item["step_started_at"] = opt_json(e.step_started_at);
      item["step_due_at"] = opt_json(e.step_due_at);
      item["timeliness"] = opt_json(e.timeliness);
    }
    event_list.push_back(std::move(item));
  }
  json::value result_json = nullptr;
  if (const auto& result = related.result) {
    result_json = json::object{{"title", result->title},
                               {"issued_at", result->issued_at},
                               {"sha256", result->sha256},
                               {"revoked", result->revoked_at.has_value()}};
  }
  json::value payment_json = nullptr;
  if (const auto& payment = related.payment) {
    auto qr = payment_payload(*payment);
    payment_json = json::object{{"reference", payment->reference},
                                {"amount_vnd", payment->amount_vnd},
                                {"status", payment->status},
                                {"qr_payload", qr ? json::value(*qr) : json::value(nullptr)},
                                {"paid_at", opt_json(payment->paid_at)}};
  }
  json::value rating_json = nullptr;
  if (related.rating) {
    rating_json = json::object{{"score", related.rating->first}, {"comment", related.rating->second}};
  }
  json::array actions;
  for (auto& a : allowed_actions(p, workflow_state(d), l.roles)) actions.push_back(json::value(a));
  return json::object{
      {"code", d.code},
      {"procedure", json::object{{"code", p.code}, {"name", p.name}}},
      {"channel", d.channel},
      {"place", json::object{{"code", d.place_code}, {"name", related.place_name}}},
      {"agency", json::object{{"code", d.agency_code}, {"name", related.agency_name}}},
      {"applicant", json::object{{"name", d.applicant_name}}},
      {"contact_email", d.contact_email},
      {"status", name(d.status)},
      {"status_code", national_code(d.status)},
      {"step", d.step_role.empty() ? json::value(nullptr) : json::value(step_json(p, d))},
      {"form", std::move(form)},
      {"documents", std::move(documents)},
      {"fee_vnd", d.fee_vnd},
      {"time_limit", d.time_limit ? json::value(time_limit_to_json(*d.time_limit)) : json::value(nullptr)},
      {"payment", std::move(payment_json)},
      {"created_at", d.created_at},
      {"submitted_at", opt_json(d.submitted_at)},
      {"received_at", opt_json(d.received_at)},
      {"due_at", opt_json(d.due_at)},
      {"finished_at", opt_json(d.finished_at)},
      {"overdue", is_overdue(d, now_text)},
      {"paused", d.paused_at.has_value()},
      {"timeliness", opt_json(d.timeliness)},
      {"allowed_actions", std::move(actions)},
      {"events", std::move(event_list)},
      {"result", std::move(result_json)},
      {"rating", std::move(rating_json)},
      {"version", d.version}};
}

Result<boost::json::object> DossierService::get(const identity::Principal& who, const std::string& code) {
  return view_after(who, code);
}

Result<boost::json::object> DossierService::status_view(const identity::Principal& who, const Dossier& d,
                                                        const Procedure& p) const {
  if (!may_read(who, d)) return fail(ErrorCode::kNotFound, "No such dossier", "code");
  return json::object{{"code", d.code},
                      {"status", name(d.status)},
                      {"status_code", national_code(d.status)},
                      {"step", d.step_role.empty() ? json::value(nullptr) : json::value(step_json(p, d))},
                      {"due_at", opt_json(d.due_at)},
                      {"overdue", is_overdue(d, now())},
                      {"timeliness", opt_json(d.timeliness)},
                      {"version", d.version}};
}

std::optional<Result<boost::json::object>> DossierService::status_from_memory(const identity::Principal& who,
                                                                              const std::string& code) {
  auto cached = statuses_.get(code);
  if (!cached) return std::nullopt;
  auto procedure = d_.catalog.get_cached((*cached)->procedure_code);
  if (!procedure) return std::nullopt;
  return status_view(who, **cached, *procedure);
}

Result<boost::json::object> DossierService::status_of(const identity::Principal& who,
                                                      const std::string& code) {
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
  if (answer) remember(d);
  return answer;
}

Result<boost::json::object> DossierService::my_results(const identity::Principal& who) {
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

Result<boost::json::object> DossierService::track(const std::string& code, const std::string& id_number) {
  const Error no_match{ErrorCode::kNotFound, "No dossier matches this code and identity number", "code", {}};
  if (code.empty() || id_number.empty()) {
    return fail(ErrorCode::kInvalidArgument, "Give the dossier code and the applicant's identity number",
                code.empty() ? "code" : "id_number");
  }
  auto conn = d_.db.acquire();
  if (!conn) return tl::unexpected(conn.error());
  auto rows = (*conn)->execute(
      "SELECT a.id_number, a.enterprise_code FROM dossiers d JOIN accounts a ON a.id = d.applicant_id "
      "WHERE d.code = $1 AND d.status <> 'draft'",
      {code});
  if (!rows) return tl::unexpected(rows.error());
  if (rows->rows.empty()) return tl::unexpected(no_match);
  const auto& r = rows->rows.front();
  const bool matches = (!r.is_null(0) && r.text(0) == id_number) || (!r.is_null(1) && r.text(1) == id_number);
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
  auto agency = agency_name(**conn, d->agency_code);
  if (!agency) return tl::unexpected(agency.error());
  return json::object{{"code", d->code},
                      {"procedure", json::object{{"code", (*p)->code}, {"name", (*p)->name}}},
                      {"agency", std::move(*agency)},
                      {"status", name(d->status)},
                      {"status_code", national_code(d->status)},
                      {"submitted_at", opt_json(d->submitted_at)},
                      {"received_at", opt_json(d->received_at)},
                      {"due_at", opt_json(d->due_at)},
                      {"overdue", is_overdue(*d, now())},
                      {"timeliness", opt_json(d->timeliness)},
                      {"events", std::move(event_list)}};
}

Result<boost::json::object> DossierService::notifications(const identity::Principal& who) {
  auto conn = d_.db.acquire();
  if (!conn) return tl::unexpected(conn.error());
  auto rows = (*conn)->execute(
      "SELECT id, dossier_code, status, message, created_at, read_at FROM notifications WHERE account_id = "
      "$1 "
      "ORDER BY id DESC LIMIT 50",
      {who.account_id});
  if (!rows) return tl::unexpected(rows.error());
  auto unread = (*conn)->execute(
      "SELECT count(*) FROM notifications WHERE account_id = $1 AND read_at IS NULL", {who.account_id});
  if (!unread) return tl::unexpected(unread.error());
  json::array items;
  for (const auto& r : rows->rows) {
    items.push_back(json::object{{"id", r.integer(0)},
                                 {"dossier", r.text(1)},
                                 {"status", r.text(2)},
                                 {"message", r.text(3)},
                                 {"created_at", r.text(4)},
                                 {"read", !r.is_null(5)}});
  }
  return json::object{{"items", std::move(items)}, {"unread", unread->rows.front().integer(0)}};
}

Status DossierService::mark_notification_read(const identity::Principal& who, std::int64_t id) {
  return d_.db.write_transaction([&](storage::Connection& conn) -> Status {
    // Reading it again keeps the first time; someone else's notification is as missing as none.
    auto r = conn.execute(
        "UPDATE notifications SET read_at = COALESCE(read_at, $3) WHERE id = $1 AND account_id = $2",
        {id, who.account_id, now()});
    if (!r) return tl::unexpected(r.error());
    if (r->affected_rows == 0) return fail(ErrorCode::kNotFound, "No such notification", "id");
    return {};
  });
}

}  // namespace sen::services
