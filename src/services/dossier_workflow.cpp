// The agencies' side of a dossier: workflow actions with their deadlines, the signed result the
// approving leader issues, and the applicant's rating.
#include "services/dossier_workflow.hpp"

#include <fmt/format.h>

#include <boost/json.hpp>

#include "core/text_fold.hpp"
#include "core/text_input.hpp"
#include "identity/account_service.hpp"
#include "identity/roles.hpp"
#include "pki/pdf_signature.hpp"
#include "services/deadline.hpp"
#include "services/dossier_transition.hpp"
#include "services/notifier.hpp"
#include "services/papers.hpp"

namespace sen::services {
namespace {

namespace json = boost::json;
using identity::Action;

}  // namespace

Result<boost::json::object> DossierWorkflow::act(const identity::Principal& who, const std::string& code,
                                                 const ActionInput& in, const identity::Origin& origin) {
  if (utf8_length(in.comment) > static_cast<std::size_t>(d_.config.comment_max_chars)) {
    return fail(ErrorCode::kInvalidArgument,
                fmt::format("comment must be at most {} characters", d_.config.comment_max_chars), "comment");
  }
  // Submission has its own request (it checks documents); a payment online comes from the gateway's
  // signed callback, and only the table's counter row lets an officer confirm one taken at the desk.
  const auto action = parse_action(in.action);
  if (!action || *action == DossierAction::kSubmit) {
    return fail(ErrorCode::kInvalidArgument, "Unknown action '" + in.action + "'", "action");
  }
  // Checks that need no lock: who may do what, and the reason. Repeated inside the transaction.
  DossierCore::Loaded before;
  {
    auto conn = d_.db.acquire();
    if (!conn) return tl::unexpected(conn.error());
    auto l = core_.load_readable(**conn, who, code);
    if (!l) return tl::unexpected(l.error());
    before = std::move(*l);
  }
  const Procedure& p = *before.procedure;
  auto planned = plan(p, workflow_state(before.dossier), *action, before.roles);
  if (!planned) return tl::unexpected(planned.error());
  const Effects& fx = planned->effects();
  const std::string reason = trim_whitespace(in.comment);
  if (fx.needs_reason && reason.empty()) {
    return fail(ErrorCode::kInvalidArgument, "State the reason for this action", "comment");
  }
  std::optional<places::Agency> target;
  if (fx.changes_agency) {
    auto agency = d_.places.get_agency(in.target_agency);
    if (!agency || agency->code == before.dossier.agency_code) {
      return fail(ErrorCode::kInvalidArgument, "Name another agency to transfer the dossier to",
                  "target_agency");
    }
    target = *agency;
  }

  const auto now_tp = d_.clock.now();
  const std::string at = format_rfc3339(now_tp);
  std::optional<ResultRow> issued;
  if (fx.issues_result) {
    auto r = issue_result(before, who, at);
    if (!r) return tl::unexpected(r.error());
    issued = std::move(*r);
  }

  auto done = d_.db.write_transaction([&](storage::Connection& conn) -> Status {
    auto reloaded = load_dossier(conn, code);
    if (!reloaded) return tl::unexpected(reloaded.error());
    if (reloaded->version != before.dossier.version) {
      return fail(ErrorCode::kConflict, "The dossier was changed by someone else meanwhile; reload it",
                  "version");
    }
    Dossier d = *reloaded;
    const Dossier old = d;
    if (planned->effects().starts_clock && !d.time_limit) {
      // Dossiers submitted before time limits were stored take the one in force on their submission day.
      const Channel* channel = p.channel(d.channel);
      auto province = core_.province_of(conn, d.place_code);
      auto submitted = stored_time(d.submitted_at, "submitted_at");
      if (channel == nullptr || !province || !submitted)
        return fail_internal("no channel, province or submission time for " + d.code);
      d.time_limit = terms_in_force(*channel, local_date(*submitted), *province).time_limit;
    }
    auto applied = apply_transition(d, p, *planned, now_tp, d_.calendar);
    if (!applied) return tl::unexpected(applied.error());
    if (target) {
      d.agency_code = target->code;
      d.place_code = target->place_code;
    }
    ++d.version;
    if (auto s = core_.save(conn, d); !s) return s;
    if (issued) {
      if (auto s = insert_result(conn, *issued); !s) return s;
    }
    const bool paid_at_counter = *action == DossierAction::kConfirmPayment;
    if (paid_at_counter) {
      auto paid = conn.execute(
          "UPDATE payments SET status = 'paid', transaction_id = $2, paid_at = $3 WHERE dossier_code = $1 "
          "AND "
          "status = 'pending'",
          {code, "counter:" + who.account_id, at});
      if (!paid) return tl::unexpected(paid.error());
      if (paid->affected_rows != 1) return fail_internal("no pending payment for " + code);
    }
    if (fx.revokes_result) {
      auto result = load_result(conn, code);
      if (!result) return tl::unexpected(result.error());
      if (!*result) return fail(ErrorCode::kNotFound, "This dossier has no result", "code");
      if ((*result)->revoked_at) return fail(ErrorCode::kConflict, "The result is already revoked", "code");
      auto r = conn.execute("UPDATE results SET revoked_at = $2, revoked_reason = $3 WHERE id = $1",
                            {(*result)->id, at, reason});
      if (!r) return tl::unexpected(r.error());
    }
    EventRow event = new_event(d, old, *action, planned->role, at);
    event.actor_id = who.account_id;
    event.actor_name = who.display_name;
    event.comment = reason;
    // The step that ends is judged against its own due time; a finished dossier against its own.
    if (old.step_due_at && planned->role != ActorRole::kApplicant) {
      auto step_due = stored_time(old.step_due_at, "step_due_at");
      if (!step_due) return tl::unexpected(step_due.error());
      event.timeliness = timeliness(now_tp, *step_due);
    }
    if (fx.finishes) event.timeliness = d.timeliness;
    if (fx.issues_result) event.result_digitised = true;
    if (paid_at_counter) {
      event.fee_vnd = d.fee_vnd;
      event.paid_online = false;
    }
    if (target) event.comment = fmt::format("{} → {}: {}", old.agency_code, target->code, event.comment);
    if (auto s = core_.record_change(conn, d, event, origin, p.name); !s) return s;
    if (fx.revokes_result) {
      return notify_applicant(conn, d, p.name, NotificationKind::kResultRevoked, reason, d_.config.public_url,
                              d_.clock);
    }
    return {};
  });
  if (!done) {
    if (issued) d_.files.remove(issued->storage_name);
    return tl::unexpected(done.error());
  }
  auto view = core_.view_after(who, code);
  if (!view && target && view.error().code == ErrorCode::kNotFound) {
    // Transferred out of the caller's reach: done, but theirs no longer to see.
    return json::object{{"code", code},
                        {"visible", false},
                        {"agency", json::object{{"code", target->code}, {"name", target->name}}}};
  }
  return view;
}

Result<ResultRow> DossierWorkflow::issue_result(const DossierCore::Loaded& l,
                                                const identity::Principal& leader,
                                                const std::string& issued_at) {
  const Dossier& d = l.dossier;
  std::string agency, place;
  {
    auto conn = d_.db.acquire();
    if (!conn) return tl::unexpected(conn.error());
    auto agency_text = core_.agency_name(**conn, d.agency_code);
    if (!agency_text) return tl::unexpected(agency_text.error());
    agency = std::move(*agency_text);
    auto place_text = core_.place_name(**conn, d.place_code);
    if (!place_text) return tl::unexpected(place_text.error());
    place = std::move(*place_text);
  }
  auto signer = d_.credentials.active_signer(d.agency_code);
  if (!signer && signer.error().code == ErrorCode::kNotFound) {
    // The platform CA certifies agencies that have no certificate of their own yet.
    auto created = d_.credentials.issue_agency(d.agency_code, agency, d_.config.agency_certificate_days,
                                               leader.account_id);
    if (!created) return tl::unexpected(created.error());
    signer = d_.credentials.active_signer(d.agency_code);
  }
  if (!signer) return tl::unexpected(signer.error());
  const PaperContext ctx{d, *l.procedure, agency, place, d_.config.public_url};
  auto pdf = core_.render_paper(result_spec(ctx, leader.display_name, issued_at));
  if (!pdf) return tl::unexpected(pdf.error());
  auto signed_pdf = pki::sign_pdf(*pdf, signer->key,
                                  {agency, "Kết quả giải quyết hồ sơ " + d.code, place, ""}, d_.clock.now());
  if (!signed_pdf) return tl::unexpected(signed_pdf.error());
  auto stored = d_.files.put(*signed_pdf, "results");
  if (!stored) return tl::unexpected(stored.error());
  const std::string title = l.procedure->result.empty() ? l.procedure->name : l.procedure->result;
  return ResultRow{
      identity::random_token(12), d.code,    title,        stored->name, stored->sha256, d.agency_code,
      signer->credential.id,      issued_at, std::nullopt, std::nullopt};
}

Result<boost::json::object> DossierWorkflow::revoke_result(const identity::Principal& who,
                                                           const std::string& code, const std::string& reason,
                                                           const identity::Origin& origin) {
  return act(who, code, ActionInput{std::string(name(DossierAction::kRevokeResult)), reason, ""}, origin);
}

Result<boost::json::object> DossierWorkflow::rate(const identity::Principal& who, const std::string& code,
                                                  int score, const std::string& comment,
                                                  const identity::Origin& origin) {
  if (score < 1 || score > 5) return fail(ErrorCode::kInvalidArgument, "score must be 1 to 5", "score");
  if (utf8_length(comment) > static_cast<std::size_t>(d_.config.comment_max_chars)) {
    return fail(ErrorCode::kInvalidArgument,
                fmt::format("comment must be at most {} characters", d_.config.comment_max_chars), "comment");
  }
  auto done = d_.db.write_transaction([&](storage::Connection& conn) -> Status {
    auto l = core_.load_readable(conn, who, code);
    if (!l) return tl::unexpected(l.error());
    if (!l->is_applicant) return fail(ErrorCode::kForbidden, "Only the applicant rates a dossier", "code");
    if (auto planned = plan(*l->procedure, workflow_state(l->dossier), DossierAction::kRate, l->roles);
        !planned) {
      if (planned.error().code != ErrorCode::kConflict) return tl::unexpected(planned.error());
      return fail(ErrorCode::kConflict, "A dossier is rated once its result has been returned", "status");
    }
    auto existing = conn.execute("SELECT 1 FROM ratings WHERE dossier_code = $1", {code});
    if (!existing) return tl::unexpected(existing.error());
    if (!existing->rows.empty())
      return fail(ErrorCode::kConflict, "This dossier has already been rated", "score");
    auto ins = conn.execute(
        "INSERT INTO ratings (dossier_code, account_id, score, comment, created_at) VALUES ($1, $2, $3, $4, "
        "$5)",
        {code, who.account_id, std::int64_t{score}, comment, core_.now()});
    if (!ins) return tl::unexpected(ins.error());
    EventRow event =
        new_event(l->dossier, l->dossier, DossierAction::kRate, ActorRole::kApplicant, core_.now());
    event.actor_id = who.account_id;
    event.actor_name = who.display_name;
    event.rating = score;
    return core_.record_change(conn, l->dossier, event, origin, l->procedure->name);
  });
  if (!done) return tl::unexpected(done.error());
  return json::object{{"score", score}, {"comment", comment}};
}

}  // namespace sen::services
