// The agencies' side of a dossier: workflow actions with their deadlines, and the signed result the
// approving leader issues.
#include <fmt/format.h>

#include <boost/json.hpp>

#include "core/text_fold.hpp"
#include "identity/account_service.hpp"
#include "identity/roles.hpp"
#include "pki/pdf_signature.hpp"
#include "services/deadline.hpp"
#include "services/dossier_service.hpp"
#include "services/notifier.hpp"
#include "services/papers.hpp"

namespace sen::services {
namespace {

namespace json = boost::json;
using identity::Action;

constexpr int kAgencyCertificateDays = 730;

TimePoint parse_time(const std::optional<std::string>& t, TimePoint fallback) {
  if (!t) return fallback;
  return parse_rfc3339(*t).value_or(fallback);
}

std::string trim_copy(std::string_view s) {
  const auto first = s.find_first_not_of(" \t\r\n");
  if (first == std::string_view::npos) return "";
  return std::string(s.substr(first, s.find_last_not_of(" \t\r\n") - first + 1));
}

}  // namespace

Result<boost::json::object> DossierService::act(const identity::Principal& who, const std::string& code,
                                                const ActionInput& in, const identity::Origin& origin) {
  if (utf8_length(in.comment) > 2000) {
    return fail(ErrorCode::kInvalidArgument, "comment must be at most 2000 characters", "comment");
  }
  // Checks that need no lock: who may do what, and the reason. Repeated inside the transaction.
  Loaded before;
  {
    auto conn = d_.db.acquire();
    if (!conn) return tl::unexpected(conn.error());
    auto l = load_readable(**conn, who, code);
    if (!l) return tl::unexpected(l.error());
    before = std::move(*l);
  }
  const Procedure& p = *before.procedure;
  const WorkflowState state{before.dossier.status, before.dossier.step,
                            before.dossier.received_at.has_value()};
  auto plan = plan_action(p, state, in.action);
  if (!plan) return tl::unexpected(plan.error());
  if (plan->by_applicant ? !before.is_applicant : !before.may_act) {
    return fail(ErrorCode::kForbidden,
                plan->by_applicant
                    ? "Only the applicant may do this"
                    : "This step is for a " + acting_role(p, state) + " of the dossier's agency",
                "action");
  }
  if (plan->needs_reason && trim_copy(in.comment).empty()) {
    return fail(ErrorCode::kInvalidArgument, "State the reason for this action", "comment");
  }
  std::optional<places::Agency> target;
  if (plan->changes_agency) {
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
  if (plan->issues_result) {
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
    d.status = plan->to_status;
    d.step = plan->to_step;
    const Step* step = nullptr;
    for (const auto& s : p.steps) {
      if (s.id == d.step) step = &s;
    }
    if (plan->starts_clock) {
      // Dossiers submitted before time limits were stored take the one in force on their submission day.
      TimeLimit limit;
      if (d.time_limit) {
        limit = *d.time_limit;
      } else {
        const Channel* channel = p.channel(d.channel);
        auto province = province_of(conn, d.place_code);
        if (channel == nullptr || !province) return fail_internal("no channel or province for " + d.code);
        limit =
            terms_in_force(*channel, local_date(parse_time(d.submitted_at, now_tp)), *province).time_limit;
        d.time_limit = limit;
      }
      d.received_at = at;
      d.due_at = format_rfc3339(due_at(limit, now_tp, d_.calendar));
    }
    if (plan->pauses_clock) d.paused_at = at;
    if (plan->resumes_clock && d.paused_at && d.due_at) {
      d.due_at = format_rfc3339(
          resumed_due_at(parse_time(d.due_at, now_tp), parse_time(d.paused_at, now_tp), now_tp, d_.calendar));
      d.paused_at.reset();
    }
    if (target) {
      d.agency_code = target->code;
      d.place_code = target->place_code;
    }
    if (d.step != old.step || plan->starts_clock || plan->resumes_clock || target) {
      d.step_started_at = at;
      if (d.received_at && d.due_at && step != nullptr) {
        d.step_due_at = format_rfc3339(step_due_at(now_tp, step->share, parse_time(d.received_at, now_tp),
                                                   parse_time(d.due_at, now_tp)));
      }
    }
    if (plan->finishes) {
      d.finished_at = at;
      if (d.due_at) d.timeliness = timeliness(now_tp, parse_time(d.due_at, now_tp));
    }
    d.step_role = acting_role(p, {d.status, d.step, d.received_at.has_value()});
    ++d.version;
    if (auto s = save(conn, d); !s) return s;
    if (issued) {
      if (auto s = insert_result(conn, *issued); !s) return s;
    }
    EventRow event{at,
                   who.account_id,
                   who.display_name,
                   plan->by_applicant ? "applicant" : acting_role(p, state),
                   old.agency_code,
                   in.action,
                   old.status,
                   d.status,
                   old.step,
                   old.step_started_at,
                   old.step_due_at,
                   std::nullopt,
                   trim_copy(in.comment)};
    if (old.step_due_at && !plan->by_applicant) {
      event.timeliness = timeliness(now_tp, parse_time(old.step_due_at, now_tp));
    }
    if (target) event.comment = fmt::format("{} → {}: {}", old.agency_code, target->code, event.comment);
    return record_change(conn, d, old.status, event, origin, p.name);
  });
  if (!done) {
    if (issued) d_.files.remove(issued->storage_name);
    return tl::unexpected(done.error());
  }
  return view_after(who, code);
}

Result<boost::json::object> DossierService::revoke_result(const identity::Principal& who,
                                                          const std::string& code, const std::string& reason,
                                                          const identity::Origin& origin) {
  const std::string why = trim_copy(reason);
  if (why.empty() || utf8_length(why) > 500) {
    return fail(ErrorCode::kInvalidArgument, "State the reason (at most 500 characters)", "comment");
  }
  auto done = d_.db.write_transaction([&](storage::Connection& conn) -> Status {
    auto l = load_readable(conn, who, code);
    if (!l) return tl::unexpected(l.error());
    const identity::Target leader{l->dossier.place_code, l->dossier.agency_code, "",
                                  std::string(identity::kRoleApprovingLeader)};
    if (auto ok = d_.authorizer.authorize(who, Action::kProcessDossier, leader); !ok) return ok;
    auto result = load_result(conn, code);
    if (!result) return tl::unexpected(result.error());
    if (!*result) return fail(ErrorCode::kNotFound, "This dossier has no result", "code");
    if ((*result)->revoked_at) return fail(ErrorCode::kConflict, "The result is already revoked", "code");
    const std::string at = now();
    auto r = conn.execute("UPDATE results SET revoked_at = $2, revoked_reason = $3 WHERE id = $1",
                          {(*result)->id, at, why});
    if (!r) return tl::unexpected(r.error());
    Dossier d = l->dossier;
    ++d.version;
    if (auto s = save(conn, d); !s) return s;
    const EventRow event{at,
                         who.account_id,
                         who.display_name,
                         std::string(identity::kRoleApprovingLeader),
                         d.agency_code,
                         "revoke_result",
                         d.status,
                         d.status,
                         d.step,
                         std::nullopt,
                         std::nullopt,
                         std::nullopt,
                         why};
    if (auto s = record_change(conn, d, d.status, event, origin, l->procedure->name); !s) return s;
    return notify_applicant(conn, d, l->procedure->name, "Kết quả đã bị thu hồi: " + why,
                            d_.config.public_url, d_.clock);
  });
  if (!done) return tl::unexpected(done.error());
  return view_after(who, code);
}

Result<ResultRow> DossierService::issue_result(const Loaded& l, const identity::Principal& leader,
                                               const std::string& issued_at) {
  const Dossier& d = l.dossier;
  std::string agency, place;
  {
    auto conn = d_.db.acquire();
    if (!conn) return tl::unexpected(conn.error());
    agency = agency_name(**conn, d.agency_code);
    place = place_name(**conn, d.place_code);
  }
  auto signer = d_.credentials.active_signer(d.agency_code);
  if (!signer && signer.error().code == ErrorCode::kNotFound) {
    // The platform CA certifies agencies that have no certificate of their own yet.
    auto created =
        d_.credentials.issue_agency(d.agency_code, agency, kAgencyCertificateDays, leader.account_id);
    if (!created) return tl::unexpected(created.error());
    signer = d_.credentials.active_signer(d.agency_code);
  }
  if (!signer) return tl::unexpected(signer.error());
  const PaperContext ctx{d, *l.procedure, agency, place, d_.config.public_url};
  auto pdf = render_paper(result_spec(ctx, leader.display_name, issued_at));
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

}  // namespace sen::services
