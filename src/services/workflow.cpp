#include "services/workflow.hpp"

#include <algorithm>

namespace sen::services {
namespace {

int step_index(const Procedure& p, std::string_view step) {
  for (std::size_t i = 0; i < p.steps.size(); ++i) {
    if (p.steps[i].id == step) return static_cast<int>(i);
  }
  return -1;
}

bool officials_turn(DossierStatus s) {
  switch (s) {
    case DossierStatus::kSubmitted:
    case DossierStatus::kReceived:
    case DossierStatus::kProcessing:
    case DossierStatus::kResultReady:
      return true;
    case DossierStatus::kDraft:
    case DossierStatus::kAwaitingPayment:
    case DossierStatus::kRefused:
    case DossierStatus::kAwaitingSupplement:
    case DossierStatus::kWithdrawn:
    case DossierStatus::kRejected:
    case DossierStatus::kReturned:
      return false;
  }
  return false;
}

}  // namespace

std::optional<ActorRole> acting_role(const Procedure& p, const WorkflowState& s) {
  if (!officials_turn(s.status)) return std::nullopt;
  const int i = step_index(p, s.step);
  if (i < 0) return std::nullopt;
  return parse_role(p.steps[static_cast<std::size_t>(i)].role);
}

std::string acting_role_text(const Procedure& p, const WorkflowState& s) {
  const auto role = acting_role(p, s);
  return role ? std::string(name(*role)) : std::string();
}

Result<LifecycleState> lifecycle_state(const Procedure& p, const WorkflowState& s) {
  const int i = step_index(p, s.step);
  if (i < 0) return fail_internal("dossier step '" + s.step + "' is not a step of procedure " + p.code);
  LifecycleState out;
  out.status = s.status;
  out.step_index = i;
  out.step_count = static_cast<int>(p.steps.size());
  const auto result =
      std::find_if(p.steps.begin(), p.steps.end(), [](const Step& x) { return x.issues_result; });
  out.result_step_index = result == p.steps.end() ? -1 : static_cast<int>(result - p.steps.begin());
  out.step_role = acting_role(p, s);
  out.clock_started = s.clock_started;
  out.fee_due = s.fee_due;
  out.at_counter = s.at_counter;
  return out;
}

Result<Plan> plan(const Procedure& p, const WorkflowState& s, DossierAction action,
                  const std::vector<ActorRole>& roles) {
  auto state = lifecycle_state(p, s);
  if (!state) return tl::unexpected(state.error());
  // With no role at all, the table still says whether the action exists in this status.
  std::optional<Error> refused;
  for (auto role : roles.empty() ? std::vector<ActorRole>{ActorRole::kApplicant} : roles) {
    auto t = transition(*state, action, role);
    if (t && !roles.empty()) {
      return Plan{*t, role, p.steps[static_cast<std::size_t>(t->to_step_index)].id};
    }
    // A refusal for this role (403) says more than "not possible now" (409).
    if (!refused || (t ? false : t.error().code == ErrorCode::kForbidden)) {
      refused = t ? Error{ErrorCode::kForbidden, "You may not act on this dossier", "action", {}} : t.error();
    }
  }
  return tl::unexpected(*refused);
}

std::vector<ActionTerms> allowed_action_terms(const Procedure& p, const WorkflowState& s,
                                              const std::vector<ActorRole>& roles) {
  std::vector<ActionTerms> out;
  auto state = lifecycle_state(p, s);
  if (!state) return out;
  for (auto role : roles) {
    for (auto action : services::allowed_actions(*state, role)) {
      const std::string text(name(action));
      if (std::any_of(out.begin(), out.end(), [&](const ActionTerms& t) { return t.action == text; }))
        continue;
      auto t = transition(*state, action, role);
      if (!t) continue;  // allowed_actions offers only actions with a row
      const Effects& fx = t->rule->effects;
      out.push_back({text, fx.needs_reason, fx.changes_agency,
                     (fx.finishes && !fx.issues_result) || fx.revokes_result, fx.issues_result});
    }
  }
  return out;
}

}  // namespace sen::services
