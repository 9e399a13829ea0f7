#include "services/workflow.hpp"

#include <gtest/gtest.h>

#include <algorithm>

namespace sen::services {
namespace {

using S = DossierStatus;
using A = DossierAction;
using R = ActorRole;

Procedure birth() {
  Procedure p;
  p.code = "1.001193";
  p.steps = {{"receive", "Tiếp nhận", "receiving_officer", 0.2, false},
             {"assess", "Thẩm định", "processing_officer", 0.5, false},
             {"approve", "Phê duyệt", "approving_leader", 0.2, true},
             {"return", "Trả kết quả", "receiving_officer", 0.1, false}};
  return p;
}

WorkflowState at(S status, std::string step, bool clock_started) {
  return {status, std::move(step), clock_started, false};
}

TEST(Workflow, TheHappyPathWalksEveryStep) {
  const Procedure p = birth();
  auto accept = plan(p, at(S::kSubmitted, "receive", false), A::kAccept, {R::kReceivingOfficer});
  ASSERT_TRUE(accept);
  EXPECT_EQ(accept->to(), S::kReceived);
  EXPECT_EQ(accept->to_step, "assess");
  EXPECT_TRUE(accept->effects().starts_clock);
  auto forward = plan(p, at(S::kReceived, "assess", true), A::kForward, {R::kProcessingOfficer});
  ASSERT_TRUE(forward);
  EXPECT_EQ(forward->to_step, "approve");
  auto approve = plan(p, at(S::kProcessing, "approve", true), A::kApprove, {R::kApprovingLeader});
  ASSERT_TRUE(approve);
  EXPECT_EQ(approve->to(), S::kResultReady);
  EXPECT_EQ(approve->to_step, "return");
  EXPECT_TRUE(approve->effects().issues_result);
  EXPECT_TRUE(approve->effects().finishes);
  auto ret = plan(p, at(S::kResultReady, "return", true), A::kReturnResult, {R::kReceivingOfficer});
  ASSERT_TRUE(ret);
  EXPECT_EQ(ret->to(), S::kReturned);
}

TEST(Workflow, OutOfOrderActionsAreConflictsAndOtherRolesAreForbidden) {
  const Procedure p = birth();
  auto withdrawn = plan(p, at(S::kWithdrawn, "approve", true), A::kApprove, {R::kApprovingLeader});
  ASSERT_FALSE(withdrawn);
  EXPECT_EQ(withdrawn.error().code, ErrorCode::kConflict);
  EXPECT_EQ(withdrawn.error().field, "action");
  EXPECT_FALSE(
      plan(p, at(S::kReceived, "assess", true), A::kApprove, {R::kApprovingLeader}));  // not its step
  EXPECT_FALSE(plan(p, at(S::kProcessing, "approve", true), A::kForward, {R::kApprovingLeader}));
  EXPECT_FALSE(plan(p, at(S::kSubmitted, "receive", false), A::kForward, {R::kReceivingOfficer}));
  auto wrong_role = plan(p, at(S::kSubmitted, "receive", false), A::kAccept, {R::kProcessingOfficer});
  ASSERT_FALSE(wrong_role);
  EXPECT_EQ(wrong_role.error().code, ErrorCode::kForbidden);
  auto nobody = plan(p, at(S::kSubmitted, "receive", false), A::kAccept, {});
  ASSERT_FALSE(nobody);
  EXPECT_EQ(nobody.error().code, ErrorCode::kForbidden);
}

TEST(Workflow, ASupplementPausesTheClockAndResubmissionResumesIt) {
  const Procedure p = birth();
  auto ask = plan(p, at(S::kProcessing, "assess", true), A::kRequestSupplement, {R::kProcessingOfficer});
  ASSERT_TRUE(ask);
  EXPECT_TRUE(ask->effects().needs_reason);
  EXPECT_TRUE(ask->effects().pauses_clock);
  auto back = plan(p, {S::kAwaitingSupplement, "assess", true, false}, A::kResubmit, {R::kApplicant});
  ASSERT_TRUE(back);
  EXPECT_EQ(back->to(), S::kProcessing);
  EXPECT_TRUE(back->effects().resumes_clock);
  // Asked at intake, before the clock started: back to the receiving officer.
  auto intake = plan(p, {S::kAwaitingSupplement, "receive", false, false}, A::kResubmit, {R::kApplicant});
  ASSERT_TRUE(intake);
  EXPECT_EQ(intake->to(), S::kSubmitted);
  EXPECT_FALSE(intake->effects().resumes_clock);
}

std::vector<std::string> allowed_actions(const Procedure& p, const WorkflowState& s,
                                         const std::vector<R>& roles) {
  std::vector<std::string> names;
  for (const auto& t : allowed_action_terms(p, s, roles)) names.push_back(t.action);
  return names;
}

TEST(Workflow, AllowedActionsDependOnWhoAsks) {
  const Procedure p = birth();
  const WorkflowState s = at(S::kSubmitted, "receive", false);
  EXPECT_EQ(allowed_actions(p, s, {R::kReceivingOfficer}),
            (std::vector<std::string>{"accept", "refuse", "request_supplement"}));
  EXPECT_EQ(allowed_actions(p, s, {R::kApplicant}), (std::vector<std::string>{"withdraw"}));
  EXPECT_TRUE(allowed_actions(p, s, {R::kProcessingOfficer}).empty());
  EXPECT_EQ(acting_role(p, s), R::kReceivingOfficer);
  EXPECT_EQ(acting_role(p, at(S::kAwaitingSupplement, "assess", true)), std::nullopt);
  EXPECT_EQ(acting_role_text(p, at(S::kProcessing, "approve", true)), "approving_leader");
  EXPECT_EQ(allowed_actions(p, {S::kDraft, "receive", false, true}, {R::kApplicant}),
            (std::vector<std::string>{"submit"}));
}

TEST(Workflow, EachAllowedActionSaysWhatItAsksAndWhetherItEndsTheDossier) {
  const Procedure p = birth();
  const auto terms = allowed_action_terms(p, at(S::kSubmitted, "receive", false), {R::kReceivingOfficer});
  ASSERT_EQ(terms.size(), 3u);
  EXPECT_EQ(terms[0].action, "accept");
  EXPECT_FALSE(terms[0].needs_reason || terms[0].needs_target_agency || terms[0].ends_without_result);
  EXPECT_EQ(terms[1].action, "refuse");
  EXPECT_TRUE(terms[1].needs_reason && terms[1].ends_without_result);
  EXPECT_EQ(terms[2].action, "request_supplement");
  EXPECT_TRUE(terms[2].needs_reason);
  EXPECT_FALSE(terms[2].ends_without_result);
  const auto processing =
      allowed_action_terms(p, at(S::kProcessing, "assess", true), {R::kProcessingOfficer});
  const auto transfer = std::find_if(processing.begin(), processing.end(),
                                     [](const auto& t) { return t.action == "transfer"; });
  ASSERT_NE(transfer, processing.end());
  EXPECT_TRUE(transfer->needs_target_agency && transfer->needs_reason);
  EXPECT_FALSE(transfer->ends_without_result || transfer->issues_result);
  const auto approving = allowed_action_terms(p, at(S::kProcessing, "approve", true), {R::kApprovingLeader});
  const auto approve =
      std::find_if(approving.begin(), approving.end(), [](const auto& t) { return t.action == "approve"; });
  ASSERT_NE(approve, approving.end());
  EXPECT_TRUE(approve->issues_result);
  EXPECT_FALSE(approve->ends_without_result);
}

TEST(Workflow, AStepThatIsNotTheProceduresIsAnInternalError) {
  const auto r = plan(birth(), at(S::kProcessing, "nowhere", true), A::kForward, {R::kProcessingOfficer});
  ASSERT_FALSE(r);
  EXPECT_EQ(r.error().code, ErrorCode::kInternal);
}

}  // namespace
}  // namespace sen::services
