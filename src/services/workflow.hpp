#pragma once

#include <functional>
#include <string>
#include <string_view>
#include <vector>

#include "core/status.hpp"
#include "services/procedure.hpp"

namespace sen::services {

// Statuses of the national one-stop model (Circular 01/2018, Decree 118/2025), plus the draft.
namespace status {
inline constexpr std::string_view kDraft = "draft";
inline constexpr std::string_view kAwaitingPayment = "awaiting_payment";        // 6
inline constexpr std::string_view kSubmitted = "submitted";                     // 1
inline constexpr std::string_view kReceived = "received";                       // 2
inline constexpr std::string_view kRefused = "refused";                         // 3
inline constexpr std::string_view kProcessing = "processing";                   // 4
inline constexpr std::string_view kAwaitingSupplement = "awaiting_supplement";  // 5
inline constexpr std::string_view kWithdrawn = "withdrawn";                     // 7
inline constexpr std::string_view kRejected = "rejected";                       // 8
inline constexpr std::string_view kResultReady = "result_ready";                // 9
inline constexpr std::string_view kReturned = "returned";                       // 10
}  // namespace status

int national_status_code(std::string_view status);  // 0 for draft
bool is_terminal(std::string_view status);
bool clock_running(std::string_view status);  // received or processing: the due date can pass

// Where a dossier stands, as far as the workflow cares.
struct WorkflowState {
  std::string status;
  std::string step;            // current step id
  bool clock_started = false;  // accepted by the receiving officer
};

// What one action does. Applied by the dossier service inside a write transaction.
struct Transition {
  std::string action;
  std::string to_status;
  std::string to_step;
  bool needs_reason = false;
  bool by_applicant = false;
  bool starts_clock = false;
  bool pauses_clock = false;
  bool resumes_clock = false;
  bool issues_result = false;
  bool finishes = false;        // processing is over: timeliness is decided
  bool changes_agency = false;  // transfer
};

// The role that must act on the dossier now ("" when it is the applicant's turn or it is closed).
std::string acting_role(const Procedure& p, const WorkflowState& s);

// kConflict when the action is not possible in this state (e.g. approving a withdrawn dossier),
// kInvalidArgument (field "action") for an unknown action.
Result<Transition> plan_action(const Procedure& p, const WorkflowState& s, std::string_view action);

// Actions the caller may take now. `is_applicant`: the caller owns the dossier; `may_act`: the caller
// holds the acting role for this dossier's agency.
std::vector<std::string> allowed_actions(const Procedure& p, const WorkflowState& s, bool is_applicant,
                                         bool may_act);

}  // namespace sen::services
