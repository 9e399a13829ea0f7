#include "services/lifecycle.hpp"

#include <fmt/format.h>

#include <algorithm>

namespace sen::services {
namespace {

using S = DossierStatus;
using A = DossierAction;
using G = Guard;
using M = StepMove;

constexpr Effects kNothing{};
constexpr Effects kReason{.needs_reason = true};
constexpr Effects kStartsClock{.starts_clock = true};
constexpr Effects kFinishesWithReason{.needs_reason = true, .finishes = true};
constexpr Effects kPausesClock{.needs_reason = true, .pauses_clock = true};
constexpr Effects kResumesClock{.resumes_clock = true};
constexpr Effects kTransfers{.needs_reason = true, .changes_agency = true};
constexpr Effects kIssuesResult{.finishes = true, .issues_result = true};
constexpr Effects kRevokesResult{.needs_reason = true, .revokes_result = true};

// Rows for both statuses in which the processing clock runs (received, processing).
#define SEN_WHILE_RUNNING(status)                                                                          \
  {                                                                                                        \
      status,   A::kRequestSupplement, Actor::kStepRole, G::kNone, S::kAwaitingSupplement,                 \
      M::kStay, kPausesClock},                                                                             \
      {status, A::kForward, Actor::kStepRole, G::kBeforeResultStep, S::kProcessing, M::kNext, kNothing},   \
      {status, A::kSendBack, Actor::kStepRole, G::kPastSecondStep, S::kProcessing, M::kPrevious, kReason}, \
      {status, A::kTransfer, Actor::kStepRole, G::kNotResultStep, status, M::kStay, kTransfers},           \
      {status, A::kReject, Actor::kStepRole, G::kNone, S::kRejected, M::kStay, kFinishesWithReason},       \
      {status, A::kApprove, Actor::kStepRole, G::kResultStep, S::kResultReady, M::kNext, kIssuesResult}, { \
    status, A::kWithdraw, Actor::kApplicant, G::kNone, S::kWithdrawn, M::kStay, kReason                    \
  }

constexpr TransitionRule kLifecycle[] = {
    {S::kDraft, A::kSubmit, Actor::kApplicant, G::kFeeDue, S::kAwaitingPayment, M::kStay, kNothing},
    {S::kDraft, A::kSubmit, Actor::kApplicant, G::kNoFeeDue, S::kSubmitted, M::kStay, kNothing},
    {S::kAwaitingPayment, A::kConfirmPayment, Actor::kPaymentGateway, G::kNone, S::kSubmitted, M::kStay,
     kNothing},
    {S::kAwaitingPayment, A::kConfirmPayment, Actor::kReceivingOfficer, G::kAtCounter, S::kSubmitted,
     M::kStay, kNothing},
    {S::kAwaitingPayment, A::kWithdraw, Actor::kApplicant, G::kNone, S::kWithdrawn, M::kStay, kReason},
    {S::kSubmitted, A::kAccept, Actor::kStepRole, G::kFirstStep, S::kReceived, M::kNext, kStartsClock},
    {S::kSubmitted, A::kRefuse, Actor::kStepRole, G::kNone, S::kRefused, M::kStay, kFinishesWithReason},
    {S::kSubmitted, A::kRequestSupplement, Actor::kStepRole, G::kNone, S::kAwaitingSupplement, M::kStay,
     kReason},
    {S::kSubmitted, A::kWithdraw, Actor::kApplicant, G::kNone, S::kWithdrawn, M::kStay, kReason},
    {S::kAwaitingSupplement, A::kResubmit, Actor::kApplicant, G::kClockNotStarted, S::kSubmitted, M::kStay,
     kNothing},
    {S::kAwaitingSupplement, A::kResubmit, Actor::kApplicant, G::kClockStarted, S::kProcessing, M::kStay,
     kResumesClock},
    {S::kAwaitingSupplement, A::kWithdraw, Actor::kApplicant, G::kNone, S::kWithdrawn, M::kStay, kReason},
    SEN_WHILE_RUNNING(S::kReceived),
    SEN_WHILE_RUNNING(S::kProcessing),
    {S::kResultReady, A::kReturnResult, Actor::kStepRole, G::kNone, S::kReturned, M::kStay, kNothing},
    {S::kResultReady, A::kRevokeResult, Actor::kApprovingLeader, G::kNone, S::kResultReady, M::kStay,
     kRevokesResult},
    {S::kReturned, A::kRevokeResult, Actor::kApprovingLeader, G::kNone, S::kReturned, M::kStay,
     kRevokesResult},
    {S::kReturned, A::kRate, Actor::kApplicant, G::kNone, S::kReturned, M::kStay, kNothing},
};
#undef SEN_WHILE_RUNNING

bool guard_holds(Guard g, const LifecycleState& s) {
  const int last = s.step_count - 1;
  const int i = s.step_index;
  switch (g) {
    case Guard::kNone:
      return true;
    case Guard::kFirstStep:
      return i == 0 && last >= 1;
    case Guard::kBeforeResultStep:
      return i >= 1 && i < last && i != s.result_step_index;
    case Guard::kPastSecondStep:
      return i >= 2;
    case Guard::kResultStep:
      return i == s.result_step_index && i < last;
    case Guard::kNotResultStep:
      return i != s.result_step_index;
    case Guard::kClockStarted:
      return s.clock_started;
    case Guard::kClockNotStarted:
      return !s.clock_started;
    case Guard::kFeeDue:
      return s.fee_due;
    case Guard::kNoFeeDue:
      return !s.fee_due;
    case Guard::kAtCounter:
      return s.at_counter;
  }
  return false;
}

bool actor_matches(Actor actor, const LifecycleState& s, ActorRole role) {
  switch (actor) {
    case Actor::kApplicant:
      return role == ActorRole::kApplicant;
    case Actor::kPaymentGateway:
      return role == ActorRole::kPaymentGateway;
    case Actor::kApprovingLeader:
      return role == ActorRole::kApprovingLeader;
    case Actor::kReceivingOfficer:
      return role == ActorRole::kReceivingOfficer;
    case Actor::kStepRole:
      return s.step_role.has_value() && *s.step_role == role;
  }
  return false;
}

std::string_view guard_text(Guard g) {
  switch (g) {
    case Guard::kNone:
      return "";
    case Guard::kFirstStep:
      return "at the first step";
    case Guard::kBeforeResultStep:
      return "between the first step and the result step";
    case Guard::kPastSecondStep:
      return "with an earlier processing step";
    case Guard::kResultStep:
      return "at the result step";
    case Guard::kNotResultStep:
      return "not at the result step";
    case Guard::kClockStarted:
      return "accepted before";
    case Guard::kClockNotStarted:
      return "not yet accepted";
    case Guard::kFeeDue:
      return "a fee is due";
    case Guard::kNoFeeDue:
      return "no fee is due";
    case Guard::kAtCounter:
      return "registered at the counter";
  }
  return "";
}

std::string_view actor_text(Actor a) {
  switch (a) {
    case Actor::kApplicant:
      return "applicant";
    case Actor::kStepRole:
      return "the step's officer";
    case Actor::kApprovingLeader:
      return "approving leader";
    case Actor::kReceivingOfficer:
      return "receiving officer";
    case Actor::kPaymentGateway:
      return "payment gateway";
  }
  return "";
}

std::string effects_text(const Effects& e) {
  std::vector<std::string_view> parts;
  if (e.needs_reason) parts.push_back("reason required");
  if (e.starts_clock) parts.push_back("starts the clock");
  if (e.pauses_clock) parts.push_back("pauses the clock");
  if (e.resumes_clock) parts.push_back("resumes the clock");
  if (e.finishes) parts.push_back("decides timeliness");
  if (e.issues_result) parts.push_back("issues the signed result");
  if (e.revokes_result) parts.push_back("revokes the result");
  if (e.changes_agency) parts.push_back("moves to another agency");
  return fmt::format("{}", fmt::join(parts, ", "));
}

std::string_view step_text(StepMove m) {
  switch (m) {
    case StepMove::kStay:
      return "";
    case StepMove::kNext:
      return "next step";
    case StepMove::kPrevious:
      return "previous step";
  }
  return "";
}

}  // namespace

std::span<const TransitionRule> lifecycle_table() { return kLifecycle; }

std::string_view name(DossierStatus s) {
  switch (s) {
    case S::kDraft:
      return "draft";
    case S::kAwaitingPayment:
      return "awaiting_payment";
    case S::kSubmitted:
      return "submitted";
    case S::kReceived:
      return "received";
    case S::kRefused:
      return "refused";
    case S::kProcessing:
      return "processing";
    case S::kAwaitingSupplement:
      return "awaiting_supplement";
    case S::kWithdrawn:
      return "withdrawn";
    case S::kRejected:
      return "rejected";
    case S::kResultReady:
      return "result_ready";
    case S::kReturned:
      return "returned";
  }
  return "";
}

std::string_view name(DossierAction a) {
  switch (a) {
    case A::kSubmit:
      return "submit";
    case A::kConfirmPayment:
      return "confirm_payment";
    case A::kAccept:
      return "accept";
    case A::kRefuse:
      return "refuse";
    case A::kRequestSupplement:
      return "request_supplement";
    case A::kResubmit:
      return "resubmit";
    case A::kForward:
      return "forward";
    case A::kSendBack:
      return "send_back";
    case A::kTransfer:
      return "transfer";
    case A::kReject:
      return "reject";
    case A::kApprove:
      return "approve";
    case A::kReturnResult:
      return "return_result";
    case A::kRevokeResult:
      return "revoke_result";
    case A::kWithdraw:
      return "withdraw";
    case A::kRate:
      return "rate";
  }
  return "";
}

std::string_view name(ActorRole r) {
  switch (r) {
    case ActorRole::kApplicant:
      return "applicant";
    case ActorRole::kReceivingOfficer:
      return "receiving_officer";
    case ActorRole::kProcessingOfficer:
      return "processing_officer";
    case ActorRole::kApprovingLeader:
      return "approving_leader";
    case ActorRole::kPaymentGateway:
      return "payment_gateway";
  }
  return "";
}

std::optional<DossierStatus> parse_status(std::string_view text) {
  for (auto s : kAllStatuses) {
    if (name(s) == text) return s;
  }
  return std::nullopt;
}

std::optional<DossierAction> parse_action(std::string_view text) {
  for (auto a : kAllActions) {
    if (name(a) == text) return a;
  }
  return std::nullopt;
}

std::optional<ActorRole> parse_role(std::string_view text) {
  for (auto r : kAllRoles) {
    if (name(r) == text) return r;
  }
  return std::nullopt;
}

int national_code(DossierStatus s) {
  switch (s) {
    case S::kDraft:
      return 0;
    case S::kSubmitted:
      return 1;
    case S::kReceived:
      return 2;
    case S::kRefused:
      return 3;
    case S::kProcessing:
      return 4;
    case S::kAwaitingSupplement:
      return 5;
    case S::kAwaitingPayment:
      return 6;
    case S::kWithdrawn:
      return 7;
    case S::kRejected:
      return 8;
    case S::kResultReady:
      return 9;
    case S::kReturned:
      return 10;
  }
  return 0;
}

bool clock_running(DossierStatus s) { return s == S::kReceived || s == S::kProcessing; }

bool is_closed(DossierStatus s) {
  return s == S::kRefused || s == S::kWithdrawn || s == S::kRejected || s == S::kReturned;
}

Result<Transition> transition(const LifecycleState& s, DossierAction action, ActorRole role) {
  const TransitionRule* possible = nullptr;
  for (const auto& rule : kLifecycle) {
    if (rule.from != s.status || rule.action != action || !guard_holds(rule.guard, s)) continue;
    if (!actor_matches(rule.actor, s, role)) {
      possible = &rule;
      continue;
    }
    Transition t;
    t.rule = &rule;
    t.to = rule.to;
    t.to_step_index = s.step_index + (rule.step == StepMove::kNext       ? 1
                                      : rule.step == StepMove::kPrevious ? -1
                                                                         : 0);
    return t;
  }
  if (possible != nullptr) {
    const std::string who = possible->actor == Actor::kStepRole && s.step_role
                                ? fmt::format("a {} of the dossier's agency", name(*s.step_role))
                                : std::string(actor_text(possible->actor));
    return fail(ErrorCode::kForbidden, fmt::format("Only {} may {} now", who, name(action)), "action");
  }
  return fail(
      ErrorCode::kConflict,
      fmt::format("Action '{}' is not possible while the dossier is {}", name(action), name(s.status)),
      "action");
}

std::vector<DossierAction> allowed_actions(const LifecycleState& s, ActorRole role) {
  std::vector<DossierAction> out;
  for (const auto& rule : kLifecycle) {
    if (rule.from == s.status && guard_holds(rule.guard, s) && actor_matches(rule.actor, s, role) &&
        std::find(out.begin(), out.end(), rule.action) == out.end()) {
      out.push_back(rule.action);
    }
  }
  return out;
}

std::string lifecycle_markdown() {
  std::string out =
      "# Dossier lifecycle\n\n"
      "<!-- Generated from src/services/lifecycle.cpp by `sen lifecycle`; a test fails when they differ. "
      "-->\n\n"
      "Every change of a dossier's state is one row of the table below, applied by one function\n"
      "(`services::transition`); anything else is refused (409 when the action is not possible in the\n"
      "dossier's status, 403 when it is but not for the caller's role). Each change appends one event to\n"
      "`dossier_events` (see [dossier events](dossier-events.md)).\n\n"
      "```mermaid\nstateDiagram-v2\n  [*] --> draft\n";
  std::vector<std::string> edges;
  for (const auto& r : kLifecycle) {
    std::string edge = fmt::format("  {} --> {}: {}", name(r.from), name(r.to), name(r.action));
    if (std::find(edges.begin(), edges.end(), edge) == edges.end()) edges.push_back(std::move(edge));
  }
  for (const auto& e : edges) out += e + "\n";
  for (auto s : kAllStatuses) {
    if (is_closed(s)) out += fmt::format("  {} --> [*]\n", name(s));
  }
  out += "```\n\n| from | action | who | when | to | step | effects |\n|---|---|---|---|---|---|---|\n";
  for (const auto& r : kLifecycle) {
    out += fmt::format("| {} | {} | {} | {} | {} | {} | {} |\n", name(r.from), name(r.action),
                       actor_text(r.actor), guard_text(r.guard), name(r.to), step_text(r.step),
                       effects_text(r.effects));
  }
  out += "\nNational status codes: ";
  std::vector<std::string> codes;
  for (auto s : kAllStatuses) codes.push_back(fmt::format("{} {}", name(s), national_code(s)));
  out += fmt::format("{}.\n", fmt::join(codes, ", "));
  return out;
}

}  // namespace sen::services
