// What every dossier operation shares: loading and authorization, names and caches, the full view,
// and recording a change with its event, notification and audit record.
#include "services/dossier_core.hpp"

#include <fmt/format.h>

#include <boost/json.hpp>

#include "audit/audit_log.hpp"
#include "core/content_sniff.hpp"
#include "core/json_parse.hpp"
#include "core/json_schema.hpp"
#include "core/text_fold.hpp"
#include "documents/vietqr.hpp"
#include "identity/roles.hpp"
#include "services/deadline.hpp"
#include "services/dossier_transition.hpp"
#include "services/notifier.hpp"
#include "services/papers.hpp"
#include "services/procedure_pack.hpp"

namespace sen::services {
namespace {

namespace json = boost::json;
using identity::Action;

Error not_found_dossier() { return Error{ErrorCode::kNotFound, "No such dossier", "code", {}}; }

}  // namespace

boost::json::value opt_json(const std::optional<std::string>& s) {
  if (!s) return nullptr;
  return json::value(*s);
}

json::object step_json(const Procedure& p, const Dossier& d) {
  const Step* s = p.step(d.step);
  if (s == nullptr) return {};
  return json::object{
      {"id", s->id}, {"name", s->name}, {"role", s->role}, {"due_at", opt_json(d.step_due_at)}};
}

Result<places::Agency> DossierCore::agency_at(const std::string& kind, const std::string& place_code) {
  const std::string key = kind + "@" + place_code;
  if (auto hit = agencies_.get(key)) return *hit;
  auto agency = d_.places.find_agency(kind, place_code);
  if (agency) agencies_.put(key, *agency);
  return agency;
}

Result<std::string> DossierCore::agency_name(storage::Connection& conn, const std::string& code) {
  return cached_name(conn, "agencies", code);
}

Result<std::string> DossierCore::cached_name(storage::Connection& conn, std::string_view table,
                                             const std::string& code) {
  const std::string key = std::string(table) + ":" + code;
  {
    std::shared_lock lock(names_mutex_);
    if (auto it = names_.find(key); it != names_.end()) return it->second;
  }
  // Uses the caller's connection: taking a second one from the pool while holding one can starve it.
  auto rows = conn.execute(table == "places" ? "SELECT name FROM places WHERE code = $1"
                                             : "SELECT name FROM agencies WHERE code = $1",
                           {code});
  if (!rows) return tl::unexpected(rows.error());
  if (rows->rows.empty()) return fail_internal(fmt::format("no {} row for {}", table, code));
  std::unique_lock lock(names_mutex_);
  return names_.emplace(key, rows->rows.front().text(0)).first->second;
}

Result<DossierCore::Loaded> DossierCore::load_own_editable(storage::Connection& conn,
                                                           const identity::Principal& who,
                                                           const std::string& code) {
  auto l = load_readable(conn, who, code);
  if (!l) return l;
  if (!l->is_applicant && !at_counter_for(who, l->dossier))
    return fail(ErrorCode::kForbidden, "Only the applicant may change this dossier", "code");
  if (l->dossier.status != DossierStatus::kDraft && l->dossier.status != DossierStatus::kAwaitingSupplement) {
    return fail(ErrorCode::kConflict,
                fmt::format("The dossier can no longer be changed: it is {}", name(l->dossier.status)),
                "status");
  }
  return l;
}

Result<DossierCore::Loaded> DossierCore::load_readable(storage::Connection& conn,
                                                       const identity::Principal& who,
                                                       const std::string& code) {
  auto dossier = load_dossier(conn, code);
  if (!dossier) return tl::unexpected(dossier.error());
  if (!may_read(who, *dossier)) return tl::unexpected(not_found_dossier());
  auto procedure = d_.catalog.get(dossier->procedure_code);
  if (!procedure) return tl::unexpected(procedure.error());
  return loaded(who, std::move(*dossier), *procedure);
}

DossierCore::Loaded DossierCore::loaded(const identity::Principal& who, Dossier d,
                                        std::shared_ptr<const Procedure> p) const {
  Loaded l;
  l.dossier = std::move(d);
  l.procedure = std::move(p);
  l.is_applicant = l.dossier.applicant_id == who.account_id;
  if (l.is_applicant) l.roles.push_back(ActorRole::kApplicant);
  for (auto role :
       {ActorRole::kReceivingOfficer, ActorRole::kProcessingOfficer, ActorRole::kApprovingLeader}) {
    const identity::Target acting{l.dossier.place_code, l.dossier.agency_code, "", std::string(name(role))};
    if (d_.authorizer.authorize(who, Action::kProcessDossier, acting)) l.roles.push_back(role);
  }
  return l;
}

bool DossierCore::may_read(const identity::Principal& who, const Dossier& d) const {
  // A draft is the applicant's alone, as in every list (rank 2 is outside officials' scopes).
  if (d.applicant_id == who.account_id) return true;
  if (d.status == DossierStatus::kDraft) return at_counter_for(who, d);
  return d_.authorizer
      .authorize(who, Action::kReadDossier, identity::Target{d.place_code, d.agency_code, d.applicant_id})
      .has_value();
}

bool DossierCore::at_counter_for(const identity::Principal& who, const Dossier& d) const {
  return d.channel != "online" &&
         d_.authorizer
             .authorize(who, Action::kRegisterAtCounter, identity::Target{d.place_code, d.agency_code})
             .has_value();
}

Result<identity::Principal> DossierCore::applicant_of(storage::Connection& conn,
                                                      const identity::Principal& who, const Dossier& d) {
  if (d.applicant_id == who.account_id) return who;
  auto rows = conn.execute(
      "SELECT kind, username, display_name, id_number_sealed FROM accounts WHERE id = $1", {d.applicant_id});
  if (!rows) return tl::unexpected(rows.error());
  if (rows->rows.empty()) return fail_internal("no account for the applicant of " + d.code);
  const auto& r = rows->rows.front();
  identity::Principal applicant;
  applicant.account_id = d.applicant_id;
  applicant.kind = r.text(0);
  applicant.username = r.text(1);
  applicant.display_name = r.text(2);
  if (!r.is_null(3)) {
    auto number = d_.ids.unseal(r.text(3));
    if (!number) return tl::unexpected(number.error());
    applicant.id_number = std::move(*number);
  }
  return applicant;
}

Result<PaperContext> DossierCore::paper_context(storage::Connection& conn, const Loaded& l) {
  auto agency = agency_name(conn, l.dossier.agency_code);
  if (!agency) return tl::unexpected(agency.error());
  auto place = place_name(conn, l.dossier.place_code);
  if (!place) return tl::unexpected(place.error());
  return PaperContext{l.dossier, *l.procedure, std::move(*agency), std::move(*place), d_.config.public_url};
}

Result<std::string> DossierCore::place_name(storage::Connection& conn, const std::string& code) {
  return cached_name(conn, "places", code);
}

Result<places::Place> DossierCore::place_of(const std::string& code) {
  if (auto hit = places_.get(code)) return *hit;
  auto place = d_.places.get(code);
  if (place) places_.put(code, *place);
  return place;
}

Result<std::string> DossierCore::province_of(storage::Connection& conn, const std::string& place_code) {
  if (auto hit = places_.get(place_code)) return places::province_of(*hit);
  auto rows = conn.execute("SELECT level, parent_code FROM places WHERE code = $1", {place_code});
  if (!rows) return tl::unexpected(rows.error());
  if (rows->rows.empty()) return fail_internal("dossier place " + place_code + " is not a place");
  const auto& row = rows->rows.front();
  places::Place p;
  p.code = place_code;
  p.level = row.text(0);
  if (!row.is_null(1)) p.parent_code = row.text(1);
  return places::province_of(p);
}

Result<void> DossierCore::record_change(storage::Connection& conn, const Dossier& after,
                                        const EventRow& event, const identity::Origin& origin,
                                        const std::string& procedure_name, bool created) {
  if (auto e = insert_event(conn, event); !e) return e;
  if (event.from_status != after.status) {
    if (auto n = notify_applicant(conn, after, procedure_name, NotificationKind::kStatusChange, event.comment,
                                  d_.config.public_url, d_.clock);
        !n) {
      return n;
    }
  }
  json::object summary{{"from", name(event.from_status)},
                       {"to", name(after.status)},
                       {"step", after.step},
                       {"agency", after.agency_code}};
  if (event.rating) summary["rating"] = *event.rating;
  // Created and submitted in one step: one change, one record, which says so.
  if (created) {
    summary["created"] = true;
    summary["procedure"] = after.procedure_code;
  }
  auto a = audit::append(conn,
                         {origin.actor_id, origin.ip, fmt::format("dossier.{}", name(event.action)),
                          "dossier", after.code, after.place_code, json::serialize(summary)},
                         d_.clock);
  if (!a) return tl::unexpected(a.error());
  return {};
}

void DossierCore::remember(const Dossier& d) {
  auto slim = std::make_shared<Dossier>(d);
  slim->form.clear();
  slim->applicant_name.clear();
  slim->contact_email.clear();
  const std::int64_t version = d.version;
  statuses_.put(d.code, std::move(slim), [version](const std::shared_ptr<const Dossier>& cached) {
    return cached->version > version;
  });
}

Result<std::string> DossierCore::render_paper(const documents::DocumentSpec& spec) const {
  return d_.renderer.render(spec);
}

Status DossierCore::save(storage::Connection& conn, Dossier& d) {
  if (auto s = update_dossier(conn, d); !s) return s;
  conn.after_commit([this, d] { remember(d); });
  return {};
}

Status DossierCore::save_new(storage::Connection& conn, Dossier& d) {
  if (auto s = insert_dossier(conn, d); !s) return s;
  conn.after_commit([this, d] { remember(d); });
  return {};
}

Status DossierCore::record_read(const identity::Principal& who, const Dossier& d, std::string_view what,
                                const std::string& component, const identity::Origin& origin) {
  if (d.applicant_id == who.account_id) return {};
  json::object summary{{"what", what}};
  if (!component.empty()) summary["component"] = component;
  return d_.db.write_transaction([&](storage::Connection& conn) -> Status {
    return audit::append(conn,
                         {origin.actor_id, origin.ip, "dossier.read", "dossier", d.code, d.place_code,
                          json::serialize(summary)},
                         d_.clock);
  });
}

Result<boost::json::object> DossierCore::view_after(const identity::Principal& who, const std::string& code) {
  auto conn = d_.db.acquire();
  if (!conn) return tl::unexpected(conn.error());
  auto l = load_readable(**conn, who, code);
  if (!l) return tl::unexpected(l.error());
  auto related = load_related(**conn, l->dossier);
  if (!related) return tl::unexpected(related.error());
  return render_view(*l, *related);
}

Result<DossierCore::Related> DossierCore::load_related(storage::Connection& conn, const Dossier& d) {
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

Result<boost::json::object> DossierCore::render_view(const Loaded& l, const Related& related) const {
  const Dossier& d = l.dossier;
  const Procedure& p = *l.procedure;
  const std::string now_text = now();
  const bool official = !l.is_applicant;
  boost::system::error_code ec;
  json::value form = parse_json(d.form, ec);
  if (ec) return fail_internal("dossier " + d.code + " has a stored form that is not JSON");

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
  json::object action_terms;
  for (auto& a : allowed_action_terms(p, workflow_state(d), l.roles)) {
    actions.push_back(json::value(a.action));
    action_terms[a.action] = json::object{{"needs_reason", a.needs_reason},
                                          {"needs_target_agency", a.needs_target_agency},
                                          {"ends_without_result", a.ends_without_result},
                                          {"issues_result", a.issues_result},
                                          {"comment_max_chars", d_.config.comment_max_chars}};
  }
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
      {"action_terms", std::move(action_terms)},
      {"events", std::move(event_list)},
      {"result", std::move(result_json)},
      {"rating", std::move(rating_json)},
      {"version", d.version}};
}

Result<std::string> DossierCore::payment_payload(const PaymentRow& payment) const {
  return documents::vietqr_payload({d_.config.payment_bank_bin, d_.config.payment_account, payment.amount_vnd,
                                    payment.reference, d_.config.payment_account_name, ""});
}

}  // namespace sen::services
