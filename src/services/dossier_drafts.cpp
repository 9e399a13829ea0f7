// The applicant's side before processing: drafts, their form and documents, and submission.
#include "services/dossier_drafts.hpp"

#include <fmt/format.h>

#include <boost/json.hpp>

#include "audit/audit_log.hpp"
#include "core/content_sniff.hpp"
#include "core/json_parse.hpp"
#include "core/json_schema.hpp"
#include "core/text_fold.hpp"
#include "identity/held_account.hpp"
#include "identity/identity_number.hpp"
#include "identity/roles.hpp"
#include "services/deadline.hpp"
#include "services/dossier_transition.hpp"
#include "services/notifier.hpp"
#include "services/papers.hpp"

namespace sen::services {
namespace {

namespace json = boost::json;
using identity::Action;

// Every field given must be valid and the procedure's rules across fields hold; a draft may still be
// incomplete, a submission (`complete`) must not.
Status check_form(const Procedure& p, const json::value& form, bool complete,
                  std::chrono::year_month_day today, const identity::Principal& applicant,
                  std::size_t max_bytes) {
  if (!form.is_object()) return fail(ErrorCode::kInvalidArgument, "form must be an object", "form");
  if (json::serialize(form).size() > max_bytes) {
    return fail(ErrorCode::kInvalidArgument, "form is too large", "form");
  }
  // A draft is checked without the top-level "required" list, on a copy; a submission uses the
  // procedure's schema itself (copying its long option lists cost a tenth of a submission's time).
  const json::value* schema = &p.form_schema;
  json::value draft_schema;
  if (!complete && p.form_schema.is_object()) {
    draft_schema = p.form_schema;
    draft_schema.as_object().erase("required");
    schema = &draft_schema;
  }
  if (auto s = validate_json_schema(*schema, form, "form"); !s) return s;
  return check_form_rules(p.form_rules, form.get_object(), today, applicant.id_number);
}

Status check_contact_email(const std::string& email) {
  if (email.empty()) return {};
  const auto at = email.find('@');
  if (email.size() > 254 || at == std::string::npos || at == 0 || at + 1 >= email.size() ||
      email.find_first_of(" \t\r\n<>,;\"") != std::string::npos) {
    return fail(ErrorCode::kInvalidArgument, "contact_email is not an e-mail address", "contact_email");
  }
  return {};
}

// The terms of `channel` in force at `at` in `province`; a fee the pack does not know stops the dossier.
Result<ChannelTerms> terms_at(const Procedure& p, const std::string& channel, TimePoint at,
                              const std::string& province) {
  const Channel* c = p.channel(channel);
  if (c == nullptr) {
    return fail(ErrorCode::kInvalidArgument, "This procedure cannot be submitted through this channel",
                "channel");
  }
  ChannelTerms terms = terms_in_force(*c, local_date(at), province);
  if (!terms.fee_vnd) {
    return fail(ErrorCode::kInvalidArgument,
                fmt::format("The fee of procedure {} is set by the province and not known for province '{}'",
                            p.code, province),
                "place");
  }
  return terms;
}

std::string local_day_code(TimePoint t) {
  const auto d = local_date(t);
  return fmt::format("{:02}{:02}{:02}", int(d.year()) % 100, unsigned(d.month()), unsigned(d.day()));
}

}  // namespace

Result<boost::json::object> DossierDrafts::create_draft(const identity::Principal& who, const DraftInput& in,
                                                        const identity::Origin& origin) {
  if (who.kind != "citizen" && who.kind != "business") {
    return fail(ErrorCode::kForbidden, "Only citizens and businesses submit dossiers");
  }
  if (in.channel != "online") {
    return fail(ErrorCode::kInvalidArgument,
                "Dossiers brought in person or by post are registered by the one-stop counter", "channel");
  }
  return create(who, who, in, origin);
}

Result<boost::json::object> DossierDrafts::create_at_counter(const identity::Principal& officer,
                                                             const CounterInput& in,
                                                             const identity::Origin& origin) {
  if (in.draft.channel != "direct" && in.draft.channel != "postal") {
    return fail(ErrorCode::kInvalidArgument, "channel must be direct (in person) or postal", "channel");
  }
  if (auto s = identity::validate_id_number(in.id_number, "applicant.id_number"); !s)
    return tl::unexpected(s.error());
  if (auto s = identity::check_display_name(in.name); !s) {
    Error e = s.error();
    // The account's rule, named as this request names the field.
    if (const auto at = e.message.find("display_name"); at != std::string::npos)
      e.message.replace(at, std::string_view("display_name").size(), "applicant.name");
    e.field = "applicant.name";
    return tl::unexpected(e);
  }
  // As the form's rules see the applicant; the account is found or held inside the transaction.
  identity::Principal applicant;
  applicant.kind = "citizen";
  applicant.id_number = in.id_number;
  applicant.display_name = in.name;
  return create(applicant, officer, in.draft, origin, &in);
}

Result<boost::json::object> DossierDrafts::create(const identity::Principal& applicant,
                                                  const identity::Principal& who, const DraftInput& in,
                                                  const identity::Origin& origin,
                                                  const CounterInput* counter) {
  auto procedure = d_.catalog.get(in.procedure);
  if (!procedure) return fail(ErrorCode::kInvalidArgument, "No procedure with this code", "procedure");
  const Procedure& p = **procedure;
  const std::string applicant_type = applicant.kind == "citizen" ? "citizen" : "business";
  if (std::find(p.applicant_types.begin(), p.applicant_types.end(), applicant_type) ==
      p.applicant_types.end()) {
    return fail(ErrorCode::kInvalidArgument, "This procedure is not for " + applicant_type + " applicants",
                "procedure");
  }
  auto place = core_.place_of(in.place);
  if (!place) return fail(ErrorCode::kInvalidArgument, "No place with this code", "place");
  const std::string wanted_level = p.level == "ministry" ? "nation" : p.level;
  if (place->level != wanted_level) {
    return fail(ErrorCode::kInvalidArgument,
                "This procedure is handled at " + p.level + " level; choose a " + wanted_level, "place");
  }
  const std::string province = places::province_of(*place);
  const std::string& kind = agency_kind_for(p, province);
  auto agency = core_.agency_at(kind, place->code);
  if (!agency) {
    Error e = agency.error();
    e.code = ErrorCode::kInvalidArgument;
    e.message = fmt::format("No single agency of kind '{}' at place '{}' to handle procedure {}: {}", kind,
                            place->code, p.code, e.message);
    return tl::unexpected(e);
  }
  if (counter != nullptr) {
    const identity::Target handling{place->code, agency->code};
    if (auto s = d_.authorizer.authorize(who, Action::kRegisterAtCounter, handling); !s)
      return tl::unexpected(s.error());
  }
  auto terms = terms_at(p, in.channel, d_.clock.now(), province);
  if (!terms) return tl::unexpected(terms.error());
  if (auto s = check_contact_email(in.contact_email); !s) return tl::unexpected(s.error());
  const json::value form = in.form.is_null() ? json::value(json::object()) : in.form;
  // Submitting at once checks the form whole here; a draft only what it holds so far.
  if (auto s =
          check_form(p, form, in.submit, local_date(d_.clock.now()), applicant, d_.config.form_max_bytes);
      !s) {
    return tl::unexpected(s.error());
  }

  // The answer is made from what was written: a new dossier needs no reading back.
  Dossier written;
  DossierCore::Related related;
  auto code = d_.db.write_transaction([&](storage::Connection& conn) -> Result<std::string> {
    related = DossierCore::Related{};
    const auto now_tp = d_.clock.now();
    auto code = next_dossier_code(conn, agency->code, local_day_code(now_tp));
    if (!code) return code;
    Dossier d;
    d.code = *code;
    d.procedure_code = p.code;
    d.procedure_version = p.version;
    d.channel = in.channel;
    d.applicant_id = applicant.account_id;
    d.applicant_name = applicant.display_name;
    identity::Principal held = applicant;
    if (counter != nullptr) {
      auto found =
          identity::counter_applicant(conn, d_.clock, d_.ids, counter->id_number, counter->name, origin);
      if (!found) return tl::unexpected(found.error());
      held.account_id = d.applicant_id = found->account_id;
      held.display_name = d.applicant_name = found->display_name;
    }
    d.contact_email = in.contact_email;
    d.place_code = place->code;
    d.province_code = place->level == "commune"    ? place->parent_code.value_or("")
                      : place->level == "province" ? place->code
                                                   : "";
    d.agency_code = agency->code;
    d.status = DossierStatus::kDraft;
    d.step = p.steps.front().id;
    d.form = json::serialize(form);
    d.fee_vnd = *terms->fee_vnd;
    d.time_limit = terms->time_limit;
    d.created_at = format_rfc3339(now_tp);
    // A form-only procedure can be created and submitted in one durable step; the row is written once,
    // already submitted.
    auto place_text = core_.place_name(conn, d.place_code);
    if (!place_text) return tl::unexpected(place_text.error());
    related.place_name = std::move(*place_text);
    auto agency_text = core_.agency_name(conn, d.agency_code);
    if (!agency_text) return tl::unexpected(agency_text.error());
    related.agency_name = std::move(*agency_text);
    if (in.submit) {
      if (auto s = submit_draft(conn, d, p, held, who, origin, &related); !s)
        return tl::unexpected(s.error());
    } else {
      if (auto s = core_.save_new(conn, d); !s) return tl::unexpected(s.error());
      const json::object summary{{"procedure", p.code}, {"place", d.place_code}, {"channel", d.channel}};
      auto a = audit::append(conn,
                             {origin.actor_id, origin.ip, "dossier.create", "dossier", d.code, d.place_code,
                              json::serialize(summary)},
                             d_.clock);
      if (!a) return tl::unexpected(a.error());
    }
    written = d;
    return d.code;
  });
  if (!code) return tl::unexpected(code.error());
  return core_.render_view(core_.loaded(who, std::move(written), *procedure), related);
}

Status DossierDrafts::delete_document(const identity::Principal& who, const std::string& code,
                                      const std::string& component, const identity::Origin& origin) {
  std::optional<std::string> removed;
  auto done = d_.db.write_transaction([&](storage::Connection& conn) -> Status {
    auto l = core_.load_own_editable(conn, who, code);
    if (!l) return tl::unexpected(l.error());
    auto docs = load_documents(conn, code);
    if (!docs) return tl::unexpected(docs.error());
    auto it =
        std::find_if(docs->begin(), docs->end(), [&](const auto& d) { return d.component_id == component; });
    if (it == docs->end()) return fail(ErrorCode::kNotFound, "No such document in this dossier", "component");
    if (it->source == "upload") removed = it->storage_name;
    auto del = conn.execute("DELETE FROM dossier_documents WHERE dossier_code = $1 AND component_id = $2",
                            {code, component});
    if (!del) return tl::unexpected(del.error());
    Dossier d = l->dossier;
    ++d.version;
    if (auto s = core_.save(conn, d); !s) return s;
    const json::object summary{{"component", component}};
    auto a = audit::append(conn,
                           {origin.actor_id, origin.ip, "dossier.document.delete", "dossier", code,
                            d.place_code, json::serialize(summary)},
                           d_.clock);
    if (!a) return tl::unexpected(a.error());
    return {};
  });
  if (done && removed) d_.files.remove(*removed);
  return done;
}

Result<boost::json::object> DossierDrafts::put_document(const identity::Principal& who,
                                                        const std::string& code, const std::string& component,
                                                        std::string_view bytes,
                                                        const identity::Origin& origin) {
  {
    auto conn = d_.db.acquire();
    if (!conn) return tl::unexpected(conn.error());
    auto l = core_.load_own_editable(**conn, who, code);
    if (!l) return tl::unexpected(l.error());
    const Component* c = l->procedure->component(component);
    if (c == nullptr) return fail(ErrorCode::kNotFound, "This procedure has no such document", "component");
    if (bytes.empty()) return fail(ErrorCode::kInvalidArgument, "The file is empty", "body");
    if (bytes.size() > d_.config.upload_limit_bytes) {
      return fail(ErrorCode::kPayloadTooLarge,
                  fmt::format("The file is larger than {} bytes", d_.config.upload_limit_bytes), "body");
    }
    const std::string_view type = sniff_content_type(bytes);
    const auto& accepted = c->accepted_types;
    if (type.empty() || std::find(accepted.begin(), accepted.end(), type) == accepted.end()) {
      return fail(ErrorCode::kUnsupportedMediaType,
                  "The file's content is not an accepted type (PDF, JPEG or PNG)", "body");
    }
  }
  auto stored = d_.files.put(bytes, "documents");
  if (!stored) return tl::unexpected(stored.error());
  const std::string type(sniff_content_type(bytes));
  std::optional<std::string> replaced;
  auto done = d_.db.write_transaction([&](storage::Connection& conn) -> Status {
    auto l = core_.load_own_editable(conn, who, code);
    if (!l) return tl::unexpected(l.error());
    auto docs = load_documents(conn, code);
    if (!docs) return tl::unexpected(docs.error());
    bool replacing = false;
    for (const auto& doc : *docs) {
      if (doc.component_id != component) continue;
      replacing = true;
      if (doc.source == "upload") replaced = doc.storage_name;
    }
    if (!replacing && static_cast<int>(docs->size()) >= d_.config.max_documents_per_dossier) {
      return fail(ErrorCode::kConflict, "The dossier already holds the most documents allowed", "component");
    }
    const DocumentRow row{component,      stored->name, type,         static_cast<std::int64_t>(stored->size),
                          stored->sha256, "upload",     std::nullopt, core_.now()};
    if (auto s = upsert_document(conn, code, row); !s) return s;
    Dossier d = l->dossier;
    ++d.version;
    if (auto s = core_.save(conn, d); !s) return s;
    const json::object summary{{"component", component}, {"sha256", stored->sha256}, {"size", stored->size}};
    auto a = audit::append(conn,
                           {origin.actor_id, origin.ip, "dossier.document.put", "dossier", code, d.place_code,
                            json::serialize(summary)},
                           d_.clock);
    if (!a) return tl::unexpected(a.error());
    return {};
  });
  if (!done) {
    d_.files.remove(stored->name);
    return tl::unexpected(done.error());
  }
  if (replaced) d_.files.remove(*replaced);
  return json::object{{"component", component},
                      {"content_type", type},
                      {"size", stored->size},
                      {"sha256", stored->sha256},
                      {"source", "upload"}};
}

Result<Download> DossierDrafts::read_document(const identity::Principal& who, const std::string& code,
                                              const std::string& component, const identity::Origin& origin) {
  auto conn = d_.db.acquire();
  if (!conn) return tl::unexpected(conn.error());
  auto l = core_.load_readable(**conn, who, code);
  if (!l) return tl::unexpected(l.error());
  auto docs = load_documents(**conn, code);
  if (!docs) return tl::unexpected(docs.error());
  for (const auto& doc : *docs) {
    if (doc.component_id != component) continue;
    auto stored = d_.files.locate(doc.storage_name);
    if (!stored) return tl::unexpected(stored.error());
    if (auto s = core_.record_read(who, l->dossier, "document", component, origin); !s)
      return tl::unexpected(s.error());
    const std::string ext = doc.content_type == "application/pdf" ? "pdf"
                            : doc.content_type == "image/png"     ? "png"
                                                                  : "jpg";
    return Download{std::move(*stored), doc.content_type, fmt::format("{}-{}.{}", code, component, ext)};
  }
  return fail(ErrorCode::kNotFound, "No such document in this dossier", "component");
}

Result<boost::json::object> DossierDrafts::reuse_document(const identity::Principal& who,
                                                          const std::string& code,
                                                          const std::string& component,
                                                          const std::string& result_dossier,
                                                          const identity::Origin& origin) {
  std::optional<DocumentRow> row;
  auto done = d_.db.write_transaction([&](storage::Connection& conn) -> Status {
    auto l = core_.load_own_editable(conn, who, code);
    if (!l) return tl::unexpected(l.error());
    const Component* c = l->procedure->component(component);
    if (c == nullptr) return fail(ErrorCode::kNotFound, "This procedure has no such document", "component");
    auto source = load_dossier(conn, result_dossier);
    if (!source || source->applicant_id != who.account_id) {
      return fail(ErrorCode::kInvalidArgument, "No result of yours with this dossier code", "result");
    }
    if (std::find(c->reusable_from.begin(), c->reusable_from.end(), source->procedure_code) ==
        c->reusable_from.end()) {
      return fail(ErrorCode::kInvalidArgument, "This result cannot stand in for this document", "result");
    }
    auto result = load_result(conn, result_dossier);
    if (!result) return tl::unexpected(result.error());
    if (!*result || (*result)->revoked_at) {
      return fail(ErrorCode::kInvalidArgument, "That dossier has no valid result", "result");
    }
    auto stored = d_.files.locate((*result)->storage_name);
    if (!stored) return tl::unexpected(stored.error());
    row = DocumentRow{component,         (*result)->storage_name,
                      "application/pdf", static_cast<std::int64_t>(stored->size),
                      (*result)->sha256, "reused_result",
                      result_dossier,    core_.now()};
    if (auto s = upsert_document(conn, code, *row); !s) return s;
    Dossier d = l->dossier;
    ++d.version;
    if (auto s = core_.save(conn, d); !s) return s;
    const json::object summary{{"component", component}, {"reused_from", result_dossier}};
    auto a = audit::append(conn,
                           {origin.actor_id, origin.ip, "dossier.document.reuse", "dossier", code,
                            d.place_code, json::serialize(summary)},
                           d_.clock);
    if (!a) return tl::unexpected(a.error());
    return {};
  });
  if (!done) return tl::unexpected(done.error());
  return json::object{{"component", component}, {"content_type", row->content_type},
                      {"size", row->size},      {"sha256", row->sha256},
                      {"source", row->source},  {"reused_from", result_dossier}};
}

Result<boost::json::object> DossierDrafts::submit(const identity::Principal& who, const std::string& code,
                                                  const identity::Origin& origin) {
  auto done = d_.db.write_transaction([&](storage::Connection& conn) -> Status {
    auto l = core_.load_own_editable(conn, who, code);
    if (!l) return tl::unexpected(l.error());
    auto applicant = core_.applicant_of(conn, who, l->dossier);
    if (!applicant) return tl::unexpected(applicant.error());
    return submit_draft(conn, l->dossier, *l->procedure, *applicant, who, origin);
  });
  if (!done) return tl::unexpected(done.error());
  return core_.view_after(who, code);
}

Status DossierDrafts::submit_draft(storage::Connection& conn, Dossier& d, const Procedure& p,
                                   const identity::Principal& applicant, const identity::Principal& who,
                                   const identity::Origin& origin, DossierCore::Related* created) {
  if (d.status != DossierStatus::kDraft) {
    return fail(ErrorCode::kConflict, "Only a draft can be submitted; use resubmit after a supplement",
                "status");
  }
  // A dossier created in this same step (`created` is given) has no documents yet, and its form was
  // checked whole before the transaction.
  const bool stored = created == nullptr;
  boost::system::error_code ec;
  const json::value form = parse_json(d.form, ec);
  if (ec || !form.is_object()) return fail_internal("stored form does not parse");
  if (stored) {
    if (auto s = check_form(p, form, true, local_date(d_.clock.now()), applicant, d_.config.form_max_bytes);
        !s)
      return s;
  }
  if (d_.submission_checks != nullptr) {
    if (const auto check = d_.submission_checks->find(p.code); check != d_.submission_checks->end())
      if (auto s = check->second(conn, applicant, d, form.as_object()); !s) return s;
  }
  auto docs = stored ? load_documents(conn, d.code) : Result<std::vector<DocumentRow>>();
  if (!docs) return tl::unexpected(docs.error());
  for (const auto& c : p.components) {
    if (!c.required) continue;
    const bool present =
        std::any_of(docs->begin(), docs->end(), [&](const auto& doc) { return doc.component_id == c.id; });
    if (!present) {
      return fail(ErrorCode::kInvalidArgument, "Attach the required document: " + c.name,
                  "documents." + c.id);
    }
  }
  // The dossier keeps the fee and time limit in force on the day it is submitted.
  const auto now_tp = d_.clock.now();
  auto province = core_.province_of(conn, d.place_code);
  if (!province) return tl::unexpected(province.error());
  auto terms = terms_at(p, d.channel, now_tp, *province);
  if (!terms) return tl::unexpected(terms.error());
  d.fee_vnd = *terms->fee_vnd;
  d.time_limit = terms->time_limit;
  // With the fee known, the table says whether the dossier waits for payment first.
  auto planned = plan(p, workflow_state(d), DossierAction::kSubmit, {ActorRole::kApplicant});
  if (!planned) return tl::unexpected(planned.error());
  const std::string at = format_rfc3339(now_tp);
  const Dossier old = d;
  d.submitted_at = at;
  if (auto s = apply_transition(d, p, *planned, now_tp, d_.calendar); !s) return s;
  if (stored) {
    ++d.version;
    if (auto s = core_.save(conn, d); !s) return s;
  } else if (auto s = core_.save_new(conn, d); !s) {
    return s;
  }
  if (d.fee_vnd > 0) {
    auto pay = conn.execute_deferred(
        "INSERT INTO payments (reference, dossier_code, amount_vnd, status, created_at) VALUES ($1, $1, $2, "
        "'pending', $3)",
        {d.code, d.fee_vnd, at});
    if (!pay) return tl::unexpected(pay.error());
    if (created != nullptr) {
      created->payment = PaymentRow{d.code, d.code, d.fee_vnd, "pending", std::nullopt, at, std::nullopt};
    }
  }
  // At the counter the receiving officer submits for the applicant, as the table's applicant row.
  const ActorRole role =
      who.account_id == applicant.account_id ? ActorRole::kApplicant : ActorRole::kReceivingOfficer;
  EventRow event = new_event(d, old, DossierAction::kSubmit, role, at);
  event.actor_id = who.account_id;
  event.actor_name = who.display_name;
  event.fee_vnd = d.fee_vnd;
  if (created != nullptr) created->events.push_back(event);
  return core_.record_change(conn, d, event, origin, p.name, !stored);
}

Result<boost::json::object> DossierDrafts::update_form(const identity::Principal& who,
                                                       const std::string& code,
                                                       const boost::json::value& form,
                                                       const std::string* contact_email,
                                                       const identity::Origin& origin) {
  auto done = d_.db.write_transaction([&](storage::Connection& conn) -> Status {
    auto l = core_.load_own_editable(conn, who, code);
    if (!l) return tl::unexpected(l.error());
    auto applicant = core_.applicant_of(conn, who, l->dossier);
    if (!applicant) return tl::unexpected(applicant.error());
    if (auto s = check_form(*l->procedure, form, false, local_date(d_.clock.now()), *applicant,
                            d_.config.form_max_bytes);
        !s) {
      return s;
    }
    Dossier d = l->dossier;
    d.form = json::serialize(form);
    if (contact_email != nullptr) {
      if (auto s = check_contact_email(*contact_email); !s) return s;
      d.contact_email = *contact_email;
    }
    ++d.version;
    if (auto s = core_.save(conn, d); !s) return s;
    auto a = audit::append(
        conn, {origin.actor_id, origin.ip, "dossier.form", "dossier", d.code, d.place_code, "{}"}, d_.clock);
    if (!a) return tl::unexpected(a.error());
    return {};
  });
  if (!done) return tl::unexpected(done.error());
  return core_.view_after(who, code);
}

}  // namespace sen::services
