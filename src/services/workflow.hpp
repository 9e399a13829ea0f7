#pragma once

#include <optional>
#include <string>
#include <vector>

#include "core/status.hpp"
#include "services/lifecycle.hpp"
#include "services/procedure.hpp"

namespace sen::services {

// Where a dossier stands among its procedure's steps: what the lifecycle table's guards read.
struct WorkflowState {
  DossierStatus status = DossierStatus::kDraft;
  std::string step;            // current step id
  bool clock_started = false;  // accepted by the receiving officer
  bool fee_due = false;        // submitting asks for the fee first
  bool at_counter = false;     // brought to the one-stop counter in person or by post
};

// The role the current step needs when it is an official's turn (submitted, received, processing,
// result ready); none when it is the applicant's turn or the dossier is closed.
std::optional<ActorRole> acting_role(const Procedure& p, const WorkflowState& s);
// The same as stored in dossiers.step_role ("" for none), which the queue's index reads.
std::string acting_role_text(const Procedure& p, const WorkflowState& s);

// The lifecycle's view of the dossier. kInternal when the stored step is not one of the procedure's.
Result<LifecycleState> lifecycle_state(const Procedure& p, const WorkflowState& s);

// A transition with the step it leads to, by id.
struct Plan {
  Transition transition;
  ActorRole role;  // the role the caller acts in
  const Effects& effects() const { return transition.rule->effects; }
  DossierStatus to() const { return transition.to; }
  std::string to_step;
};

// The one entry to the lifecycle for a dossier: the first of `roles` (the roles the caller may act in
// on this dossier) for which the table has a row. Errors as services::transition.
Result<Plan> plan(const Procedure& p, const WorkflowState& s, DossierAction action,
                  const std::vector<ActorRole>& roles);

// The actions the caller may take now, by name, in table order, and what each asks of the caller and does,
// from the same table rows, so a client asks the server rather than keeping its own list: a stated reason, a
// target agency, whether it ends the dossier without a result (or withdraws one), and whether it issues one.
struct ActionTerms {
  std::string action;
  bool needs_reason = false;
  bool needs_target_agency = false;
  bool ends_without_result = false;
  bool issues_result = false;  // approving signs and issues the result: the leader previews it first
};
std::vector<ActionTerms> allowed_action_terms(const Procedure& p, const WorkflowState& s,
                                              const std::vector<ActorRole>& roles);

}  // namespace sen::services
