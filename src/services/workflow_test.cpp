#include "services/workflow.hpp"

#include <gtest/gtest.h>

namespace sen::services {
namespace {

Procedure birth() {
  Procedure p;
  p.code = "1.001193";
  p.steps = {{"receive", "Tiếp nhận", "receiving_officer", 0.2, false},
             {"assess", "Thẩm định", "processing_officer", 0.5, false},
             {"approve", "Phê duyệt", "approving_leader", 0.2, true},
             {"return", "Trả kết quả", "receiving_officer", 0.1, false}};
  return p;
}

TEST(Workflow, TheHappyPathWalksEveryStep) {
  const Procedure p = birth();
  auto accept = plan_action(p, {"submitted", "receive", false}, "accept");
  ASSERT_TRUE(accept);
  EXPECT_EQ(accept->to_status, "received");
  EXPECT_EQ(accept->to_step, "assess");
  EXPECT_TRUE(accept->starts_clock);
  auto forward = plan_action(p, {"received", "assess", true}, "forward");
  ASSERT_TRUE(forward);
  EXPECT_EQ(forward->to_step, "approve");
  auto approve = plan_action(p, {"processing", "approve", true}, "approve");
  ASSERT_TRUE(approve);
  EXPECT_EQ(approve->to_status, "result_ready");
  EXPECT_TRUE(approve->issues_result);
  EXPECT_TRUE(approve->finishes);
  auto ret = plan_action(p, {"result_ready", "return", true}, "return_result");
  ASSERT_TRUE(ret);
  EXPECT_EQ(ret->to_status, "returned");
}

TEST(Workflow, ActionsOutOfOrderAreConflicts) {
  const Procedure p = birth();
  auto approve_withdrawn = plan_action(p, {"withdrawn", "approve", true}, "approve");
  ASSERT_FALSE(approve_withdrawn);
  EXPECT_EQ(approve_withdrawn.error().code, ErrorCode::kConflict);
  EXPECT_FALSE(plan_action(p, {"received", "assess", true}, "approve"));     // not the approving step
  EXPECT_FALSE(plan_action(p, {"processing", "approve", true}, "forward"));  // approval is not a forward
  EXPECT_FALSE(plan_action(p, {"submitted", "receive", false}, "forward"));  // not accepted yet
  EXPECT_FALSE(plan_action(p, {"returned", "return", true}, "withdraw"));
  auto unknown = plan_action(p, {"submitted", "receive", false}, "teleport");
  ASSERT_FALSE(unknown);
  EXPECT_EQ(unknown.error().code, ErrorCode::kInvalidArgument);
  EXPECT_EQ(unknown.error().field, "action");
}

TEST(Workflow, ASupplementPausesTheClockAndResubmissionResumesIt) {
  const Procedure p = birth();
  auto ask = plan_action(p, {"processing", "assess", true}, "request_supplement");
  ASSERT_TRUE(ask);
  EXPECT_TRUE(ask->needs_reason);
  EXPECT_TRUE(ask->pauses_clock);
  auto back = plan_action(p, {"awaiting_supplement", "assess", true}, "resubmit");
  ASSERT_TRUE(back);
  EXPECT_EQ(back->to_status, "processing");
  EXPECT_TRUE(back->resumes_clock);
  EXPECT_TRUE(back->by_applicant);
  // Asked at intake, before the clock started: back to the receiving officer.
  auto intake = plan_action(p, {"awaiting_supplement", "receive", false}, "resubmit");
  ASSERT_TRUE(intake);
  EXPECT_EQ(intake->to_status, "submitted");
  EXPECT_FALSE(intake->resumes_clock);
}

TEST(Workflow, ReasonsAreRequiredWhereTheRulesAskForThem) {
  const Procedure p = birth();
  EXPECT_TRUE(plan_action(p, {"submitted", "receive", false}, "refuse")->needs_reason);
  EXPECT_TRUE(plan_action(p, {"processing", "assess", true}, "reject")->needs_reason);
  EXPECT_TRUE(plan_action(p, {"processing", "approve", true}, "send_back")->needs_reason);
  EXPECT_TRUE(plan_action(p, {"processing", "assess", true}, "withdraw")->needs_reason);
  EXPECT_FALSE(plan_action(p, {"processing", "assess", true}, "forward")->needs_reason);
}

TEST(Workflow, AllowedActionsDependOnWhoAsks) {
  const Procedure p = birth();
  const WorkflowState s{"submitted", "receive", false};
  EXPECT_EQ(allowed_actions(p, s, false, true),
            (std::vector<std::string>{"accept", "refuse", "request_supplement"}));
  EXPECT_EQ(allowed_actions(p, s, true, false), (std::vector<std::string>{"withdraw"}));
  EXPECT_TRUE(allowed_actions(p, s, false, false).empty());
  EXPECT_EQ(acting_role(p, s), "receiving_officer");
  EXPECT_EQ(acting_role(p, {"awaiting_supplement", "assess", true}), "");
  EXPECT_EQ(acting_role(p, {"processing", "approve", true}), "approving_leader");
}

TEST(Workflow, NationalStatusCodes) {
  EXPECT_EQ(national_status_code("submitted"), 1);
  EXPECT_EQ(national_status_code("awaiting_supplement"), 5);
  EXPECT_EQ(national_status_code("returned"), 10);
  EXPECT_EQ(national_status_code("draft"), 0);
}

}  // namespace
}  // namespace sen::services
