#pragma once

#include <array>
#include <optional>
#include <span>
#include <string>
#include <string_view>
#include <vector>

#include "core/status.hpp"

namespace sen::services {

// A dossier's one lifecycle: every change of its state is a row of kLifecycle, and nothing else
// changes it. Statuses follow the national one-stop model (Circular 01/2018, Decree 118/2025; the
// national code of each is national_code()), plus the draft. docs/dossier-lifecycle.md is generated
// from the table (`sen lifecycle`), and a test fails when the two differ.
enum class DossierStatus {
  kDraft,
  kAwaitingPayment,
  kSubmitted,
  kReceived,
  kRefused,
  kProcessing,
  kAwaitingSupplement,
  kWithdrawn,
  kRejected,
  kResultReady,
  kReturned,
};
inline constexpr std::array kAllStatuses = {DossierStatus::kDraft,
                                            DossierStatus::kAwaitingPayment,
                                            DossierStatus::kSubmitted,
                                            DossierStatus::kReceived,
                                            DossierStatus::kRefused,
                                            DossierStatus::kProcessing,
                                            DossierStatus::kAwaitingSupplement,
                                            DossierStatus::kWithdrawn,
                                            DossierStatus::kRejected,
                                            DossierStatus::kResultReady,
                                            DossierStatus::kReturned};

enum class DossierAction {
  kSubmit,
  kConfirmPayment,
  kAccept,
  kRefuse,
  kRequestSupplement,
  kResubmit,
  kForward,
  kSendBack,
  kTransfer,
  kReject,
  kApprove,
  kReturnResult,
  kRevokeResult,
  kWithdraw,
  kRate,  // not a change of status: the applicant's rating, recorded as an event like the others
};
inline constexpr std::array kAllActions = {
    DossierAction::kSubmit,       DossierAction::kConfirmPayment,    DossierAction::kAccept,
    DossierAction::kRefuse,       DossierAction::kRequestSupplement, DossierAction::kResubmit,
    DossierAction::kForward,      DossierAction::kSendBack,          DossierAction::kTransfer,
    DossierAction::kReject,       DossierAction::kApprove,           DossierAction::kReturnResult,
    DossierAction::kRevokeResult, DossierAction::kWithdraw,          DossierAction::kRate};

// Who acts. Officials act in the role their grant gives them for the dossier's agency.
enum class ActorRole {
  kApplicant,
  kReceivingOfficer,
  kProcessingOfficer,
  kApprovingLeader,
  kPaymentGateway,
};
inline constexpr std::array kAllRoles = {ActorRole::kApplicant, ActorRole::kReceivingOfficer,
                                         ActorRole::kProcessingOfficer, ActorRole::kApprovingLeader,
                                         ActorRole::kPaymentGateway};

std::string_view name(DossierStatus s);
std::string_view name(DossierAction a);
std::string_view name(ActorRole r);
// Parsed once at the edge (stored text, request bodies); nullopt for anything else.
std::optional<DossierStatus> parse_status(std::string_view text);
std::optional<DossierAction> parse_action(std::string_view text);
std::optional<ActorRole> parse_role(std::string_view text);
// The national code of a status (1 submitted ... 10 returned); 0 for a draft.
int national_code(DossierStatus s);
// The processing clock runs: the due time can pass.
bool clock_running(DossierStatus s);
bool is_closed(DossierStatus s);

// Which actor a row of the table is for: the applicant, the gateway, or the official whose role the
// dossier's current step names (a procedure's steps say which role acts at each).
enum class Actor { kApplicant, kStepRole, kApprovingLeader, kReceivingOfficer, kPaymentGateway };

// Where the dossier's current step is among its procedure's steps; rows that move along the steps
// apply only where the move exists.
enum class Guard {
  kNone,
  kFirstStep,         // receiving: the first step, with a step after it
  kBeforeResultStep,  // a step after the first and before the one that issues the result
  kPastSecondStep,    // there is an earlier processing step to send the dossier back to
  kResultStep,        // the step whose approval issues the result
  kNotResultStep,     // anywhere but the result step (a transfer)
  kClockStarted,      // accepted before the supplement was asked for
  kClockNotStarted,   // asked for before it was accepted
  kFeeDue,            // a fee must be paid first
  kNoFeeDue,
  kAtCounter,  // brought in person or by post: the fee is paid at the counter
};

enum class StepMove { kStay, kNext, kPrevious };

// What a change does beyond the status; applied by the service in the same transaction.
struct Effects {
  bool needs_reason = false;
  bool starts_clock = false;   // received: the due time is set from the channel's time limit
  bool pauses_clock = false;   // the due time stops moving while the applicant supplements
  bool resumes_clock = false;  // the due time moves on by the working time the pause took
  bool finishes = false;       // processing is over: early, on time or late is decided
  bool issues_result = false;  // a signed result is issued
  bool revokes_result = false;
  bool changes_agency = false;
};

struct TransitionRule {
  DossierStatus from;
  DossierAction action;
  Actor actor;
  Guard guard;
  DossierStatus to;
  StepMove step;
  Effects effects;
};

// The lifecycle, in one place.
std::span<const TransitionRule> lifecycle_table();

// What the guards need to know about where a dossier stands.
struct LifecycleState {
  DossierStatus status = DossierStatus::kDraft;
  int step_index = 0;                  // position of the current step in the procedure's steps
  int step_count = 1;                  // how many steps the procedure has
  int result_step_index = 0;           // the step whose approval issues the result
  std::optional<ActorRole> step_role;  // the role the current step needs (none outside officials' turns)
  bool clock_started = false;
  bool fee_due = false;
  bool at_counter = false;
};

struct Transition {
  const TransitionRule* rule = nullptr;
  DossierStatus to = DossierStatus::kDraft;
  int to_step_index = 0;
  std::optional<ActorRole> to_step_role;  // filled in by the caller from the procedure
};

// The one transition function: the row for (status, action, role) whose guard holds, or an error
// naming the field: kConflict ("action") when the action is not possible in this status, kForbidden
// ("action") when it is but not for this role.
Result<Transition> transition(const LifecycleState& s, DossierAction action, ActorRole role);
// The actions `role` may take now, in table order.
std::vector<DossierAction> allowed_actions(const LifecycleState& s, ActorRole role);

// docs/dossier-lifecycle.md: the state diagram (Mermaid) and the table, generated from kLifecycle.
std::string lifecycle_markdown();

}  // namespace sen::services
