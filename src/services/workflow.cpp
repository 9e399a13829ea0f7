#include "services/workflow.hpp"

#include <algorithm>
#include <array>

namespace sen::services {
namespace {

namespace st = status;

constexpr std::array<std::string_view, 9> kOfficialActions = {
    "accept", "refuse",   "forward", "send_back",    "request_supplement",
    "reject", "transfer", "approve", "return_result"};
constexpr std::array<std::string_view, 2> kApplicantActions = {"resubmit", "withdraw"};

int step_index(const Procedure& p, std::string_view step) {
  for (std::size_t i = 0; i < p.steps.size(); ++i) {
    if (p.steps[i].id == step) return static_cast<int>(i);
  }
  return -1;
}

Result<Transition> out_of_order(std::string_view action, std::string_view status) {
  return fail(
      ErrorCode::kConflict,
      "Action '" + std::string(action) + "' is not possible while the dossier is " + std::string(status),
      "action");
}

}  // namespace

int national_status_code(std::string_view s) {
  if (s == st::kSubmitted) return 1;
  if (s == st::kReceived) return 2;
  if (s == st::kRefused) return 3;
  if (s == st::kProcessing) return 4;
  if (s == st::kAwaitingSupplement) return 5;
  if (s == st::kAwaitingPayment) return 6;
  if (s == st::kWithdrawn) return 7;
  if (s == st::kRejected) return 8;
  if (s == st::kResultReady) return 9;
  if (s == st::kReturned) return 10;
  return 0;
}

bool is_terminal(std::string_view s) {
  return s == st::kRefused || s == st::kWithdrawn || s == st::kRejected || s == st::kReturned;
}

bool clock_running(std::string_view s) { return s == st::kReceived || s == st::kProcessing; }

std::string acting_role(const Procedure& p, const WorkflowState& s) {
  if (s.status != st::kSubmitted && s.status != st::kReceived && s.status != st::kProcessing &&
      s.status != st::kResultReady) {
    return "";
  }
  const int i = step_index(p, s.step);
  return i < 0 ? "" : p.steps[static_cast<std::size_t>(i)].role;
}

Result<Transition> plan_action(const Procedure& p, const WorkflowState& s, std::string_view action) {
  const bool known =
      std::find(kOfficialActions.begin(), kOfficialActions.end(), action) != kOfficialActions.end() ||
      std::find(kApplicantActions.begin(), kApplicantActions.end(), action) != kApplicantActions.end();
  if (!known)
    return fail(ErrorCode::kInvalidArgument, "Unknown action '" + std::string(action) + "'", "action");
  const int i = step_index(p, s.step);
  const int last = static_cast<int>(p.steps.size()) - 1;
  const bool at_result_step = i >= 0 && p.steps[static_cast<std::size_t>(i)].issues_result;
  const bool running = clock_running(s.status);
  auto step_id = [&](int k) { return p.steps[static_cast<std::size_t>(k)].id; };
  Transition t;
  t.action = std::string(action);
  t.to_step = s.step;

  if (action == "withdraw") {
    if (s.status == st::kDraft || is_terminal(s.status) || s.status == st::kResultReady) {
      return out_of_order(action, s.status);
    }
    t.to_status = st::kWithdrawn;
    t.needs_reason = t.by_applicant = true;
    return t;
  }
  if (action == "resubmit") {
    if (s.status != st::kAwaitingSupplement) return out_of_order(action, s.status);
    t.to_status = s.clock_started ? st::kProcessing : st::kSubmitted;
    t.by_applicant = true;
    t.resumes_clock = s.clock_started;
    return t;
  }
  if (action == "accept") {
    if (s.status != st::kSubmitted || i != 0 || last < 1) return out_of_order(action, s.status);
    t.to_status = st::kReceived;
    t.to_step = step_id(1);
    t.starts_clock = true;
    return t;
  }
  if (action == "refuse") {
    if (s.status != st::kSubmitted) return out_of_order(action, s.status);
    t.to_status = st::kRefused;
    t.needs_reason = t.finishes = true;
    return t;
  }
  if (action == "request_supplement") {
    if (s.status != st::kSubmitted && !running) return out_of_order(action, s.status);
    t.to_status = st::kAwaitingSupplement;
    t.needs_reason = true;
    t.pauses_clock = running;
    return t;
  }
  if (action == "forward") {
    if (!running || at_result_step || i < 1 || i >= last) return out_of_order(action, s.status);
    t.to_status = st::kProcessing;
    t.to_step = step_id(i + 1);
    return t;
  }
  if (action == "send_back") {
    if (!running || i < 2) return out_of_order(action, s.status);
    t.to_status = st::kProcessing;
    t.to_step = step_id(i - 1);
    t.needs_reason = true;
    return t;
  }
  if (action == "reject") {
    if (!running) return out_of_order(action, s.status);
    t.to_status = st::kRejected;
    t.needs_reason = t.finishes = true;
    return t;
  }
  if (action == "transfer") {
    if (!running || at_result_step) return out_of_order(action, s.status);
    t.to_status = s.status;
    t.needs_reason = t.changes_agency = true;
    return t;
  }
  if (action == "approve") {
    if (!running || !at_result_step || i >= last) return out_of_order(action, s.status);
    t.to_status = st::kResultReady;
    t.to_step = step_id(i + 1);
    t.issues_result = t.finishes = true;
    return t;
  }
  // return_result
  if (s.status != st::kResultReady) return out_of_order(action, s.status);
  t.to_status = st::kReturned;
  return t;
}

std::vector<std::string> allowed_actions(const Procedure& p, const WorkflowState& s, bool is_applicant,
                                         bool may_act) {
  std::vector<std::string> out;
  if (is_applicant) {
    if (s.status == st::kDraft) out.emplace_back("submit");
    for (auto a : kApplicantActions) {
      if (plan_action(p, s, a)) out.emplace_back(a);
    }
  }
  if (may_act) {
    for (auto a : kOfficialActions) {
      if (plan_action(p, s, a)) out.emplace_back(a);
    }
  }
  return out;
}

}  // namespace sen::services
