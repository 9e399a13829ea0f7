#include "services/lifecycle.hpp"

#include <fmt/format.h>
#include <gtest/gtest.h>

#include <fstream>
#include <random>
#include <set>
#include <sstream>
#include <tuple>

#include "core/clock.hpp"
#include "services/deadline.hpp"
#include "services/dossier_transition.hpp"

namespace sen::services {
namespace {

using S = DossierStatus;
using A = DossierAction;
using R = ActorRole;

// Written out by hand, apart from the table: for a four-step procedure (receive, assess, approve,
// return) with no fee, standing at the step a dossier of each status normally is at, which actions
// each role may take. Every other (status, action, role) must be refused.
struct Case {
  S status;
  int step;
  bool clock_started;
  std::set<std::pair<A, R>> allowed;
  bool at_counter = false;  // brought in person or by post
};

std::vector<Case> expected() {
  const R rec = R::kReceivingOfficer, proc = R::kProcessingOfficer, lead = R::kApprovingLeader,
          app = R::kApplicant;
  return {
      {S::kDraft, 0, false, {{A::kSubmit, app}}},
      {S::kAwaitingPayment, 0, false, {{A::kConfirmPayment, R::kPaymentGateway}, {A::kWithdraw, app}}},
      // At the counter the receiving officer takes the fee at the desk too.
      {S::kAwaitingPayment,
       0,
       false,
       {{A::kConfirmPayment, R::kPaymentGateway}, {A::kConfirmPayment, rec}, {A::kWithdraw, app}},
       true},
      {S::kSubmitted,
       0,
       false,
       {{A::kAccept, rec}, {A::kRefuse, rec}, {A::kRequestSupplement, rec}, {A::kWithdraw, app}}},
      {S::kReceived,
       1,
       true,
       {{A::kRequestSupplement, proc},
        {A::kForward, proc},
        {A::kTransfer, proc},
        {A::kReject, proc},
        {A::kWithdraw, app}}},
      {S::kProcessing,
       2,
       true,
       {{A::kRequestSupplement, lead},
        {A::kSendBack, lead},
        {A::kReject, lead},
        {A::kApprove, lead},
        {A::kWithdraw, app}}},
      {S::kAwaitingSupplement, 1, true, {{A::kResubmit, app}, {A::kWithdraw, app}}},
      {S::kAwaitingSupplement, 0, false, {{A::kResubmit, app}, {A::kWithdraw, app}}},
      {S::kResultReady, 3, true, {{A::kReturnResult, rec}, {A::kRevokeResult, lead}}},
      {S::kReturned, 3, true, {{A::kRevokeResult, lead}, {A::kRate, app}}},
      {S::kRefused, 0, false, {}},
      {S::kWithdrawn, 1, true, {}},
      {S::kRejected, 2, true, {}},
  };
}

LifecycleState state_of(const Case& c) {
  LifecycleState s;
  s.status = c.status;
  s.step_index = c.step;
  s.step_count = 4;
  s.result_step_index = 2;
  const R roles[] = {R::kReceivingOfficer, R::kProcessingOfficer, R::kApprovingLeader, R::kReceivingOfficer};
  const bool officials_turn = c.status == S::kSubmitted || c.status == S::kReceived ||
                              c.status == S::kProcessing || c.status == S::kResultReady;
  if (officials_turn) s.step_role = roles[c.step];
  s.clock_started = c.clock_started;
  s.at_counter = c.at_counter;
  return s;
}

TEST(Lifecycle, EveryStatusActionAndRoleAgreesWithTheHandWrittenRules) {
  for (const auto& c : expected()) {
    const LifecycleState s = state_of(c);
    for (auto action : kAllActions) {
      for (auto role : kAllRoles) {
        const bool allowed = c.allowed.count({action, role}) > 0;
        auto t = transition(s, action, role);
        EXPECT_EQ(t.has_value(), allowed) << name(c.status) << " " << name(action) << " by " << name(role);
        if (!t) {
          EXPECT_EQ(t.error().field, "action");
          EXPECT_TRUE(t.error().code == ErrorCode::kConflict || t.error().code == ErrorCode::kForbidden);
        }
      }
    }
  }
}

TEST(Lifecycle, RefusalsSayWhetherTheActionOrTheRoleIsWrong) {
  LifecycleState s;
  s.status = S::kSubmitted;
  s.step_count = 4;
  s.result_step_index = 2;
  s.step_role = R::kReceivingOfficer;
  EXPECT_EQ(transition(s, A::kAccept, R::kProcessingOfficer).error().code, ErrorCode::kForbidden);
  EXPECT_EQ(transition(s, A::kApprove, R::kApprovingLeader).error().code, ErrorCode::kConflict);
}

TEST(Lifecycle, NamesParseBackAndNationalCodesFollowTheCircular) {
  for (auto s : kAllStatuses) EXPECT_EQ(parse_status(name(s)), s);
  for (auto a : kAllActions) EXPECT_EQ(parse_action(name(a)), a);
  for (auto r : kAllRoles) EXPECT_EQ(parse_role(name(r)), r);
  EXPECT_FALSE(parse_status("Submitted"));
  EXPECT_EQ(national_code(S::kSubmitted), 1);
  EXPECT_EQ(national_code(S::kAwaitingSupplement), 5);
  EXPECT_EQ(national_code(S::kAwaitingPayment), 6);
  EXPECT_EQ(national_code(S::kReturned), 10);
  EXPECT_EQ(national_code(S::kDraft), 0);
}

TEST(Lifecycle, TheDocumentedDiagramIsTheTable) {
  std::ifstream in(std::string(SEN_SOURCE_DIR) + "/docs/dossier-lifecycle.md");
  std::stringstream text;
  text << in.rdbuf();
  EXPECT_EQ(text.str(), lifecycle_markdown())
      << "docs/dossier-lifecycle.md is out of date: run `sen lifecycle > docs/dossier-lifecycle.md`";
}

// ---- long random walks, checking the clock's invariants after every change -------------------

const calendar::WorkingCalendar& vn() {
  static const auto cal = [] {
    auto c = calendar::WorkingCalendar::load_directory(std::string(SEN_SOURCE_DIR) + "/packs/vn/calendar");
    EXPECT_TRUE(c.has_value());
    return *c;
  }();
  return cal;
}

Procedure four_steps() {
  Procedure p;
  p.code = "1.001193";
  p.channels = {Channel{"online", TimeLimit{"working_days", 5, 15}, 0}};
  p.steps = {{"receive", "Tiếp nhận", "receiving_officer", 0.2, false},
             {"assess", "Thẩm định", "processing_officer", 0.5, false},
             {"approve", "Phê duyệt", "approving_leader", 0.2, true},
             {"return", "Trả kết quả", "receiving_officer", 0.1, false}};
  return p;
}

bool finished_status(S s) {
  return s == S::kRefused || s == S::kRejected || s == S::kResultReady || s == S::kReturned;
}

TEST(Lifecycle, RandomWalksKeepTheClockHonest) {
  const Procedure p = four_steps();
  std::mt19937_64 rng(20261202);
  const std::chrono::system_clock::time_point start =
      std::chrono::sys_days(
          std::chrono::year_month_day(std::chrono::year(2026), std::chrono::month(11), std::chrono::day(2))) +
      std::chrono::hours(1);
  int applied = 0;
  for (int walk = 0; walk < 2000; ++walk) {
    Dossier d;
    d.code = "D" + std::to_string(walk);
    d.channel = "online";
    d.step = "receive";
    d.fee_vnd = walk % 3 == 0 ? 50000 : 0;
    d.time_limit = p.channels.front().time_limit;  // kept on the dossier when it is submitted
    d.created_at = format_rfc3339(start);
    auto now = start;
    std::optional<std::string> due_before;
    for (int n = 0; n < 80; ++n) {
      now += std::chrono::minutes(std::uniform_int_distribution<int>(1, 3 * 24 * 60)(rng));
      // Mostly an action the table allows now; sometimes any action by anyone, which must change nothing.
      std::vector<std::pair<A, R>> possible;
      for (auto r : kAllRoles) {
        for (const auto& t : allowed_action_terms(p, workflow_state(d), {r}))
          possible.emplace_back(*parse_action(t.action), r);
      }
      if (possible.empty()) break;
      A action = kAllActions[std::uniform_int_distribution<std::size_t>(0, kAllActions.size() - 1)(rng)];
      R role = kAllRoles[std::uniform_int_distribution<std::size_t>(0, kAllRoles.size() - 1)(rng)];
      if (std::uniform_int_distribution<int>(0, 9)(rng) < 8) {
        std::tie(action, role) =
            possible[std::uniform_int_distribution<std::size_t>(0, possible.size() - 1)(rng)];
      }
      auto planned = plan(p, workflow_state(d), action, {role});
      if (!planned) {
        EXPECT_EQ(std::find(possible.begin(), possible.end(), std::pair{action, role}), possible.end());
        continue;
      }
      const Dossier before = d;
      ASSERT_TRUE(apply_transition(d, p, *planned, now, vn()));
      ++applied;
      const std::string where = fmt::format("walk {} step {}: {} by {} from {}", walk, n, name(action),
                                            name(role), name(before.status));
      // Timeliness is decided exactly when processing finishes, and only once the clock had started.
      EXPECT_EQ(d.finished_at.has_value(), finished_status(d.status) || (before.finished_at.has_value()))
          << where;
      EXPECT_EQ(d.timeliness.has_value(), d.finished_at.has_value() && d.received_at.has_value()) << where;
      if (before.timeliness) {
        EXPECT_EQ(d.timeliness, before.timeliness) << where;
      }
      // The clock is paused exactly while the applicant supplements a dossier already accepted.
      EXPECT_EQ(d.paused_at.has_value(), d.status == S::kAwaitingSupplement && d.received_at.has_value())
          << where;
      // Due times never move backwards; they move forwards only when a pause ends.
      if (due_before && d.due_at) {
        EXPECT_GE(*d.due_at, *due_before) << where;
        if (*d.due_at != *due_before) {
          EXPECT_TRUE(planned->effects().resumes_clock) << where;
        }
      }
      if (d.due_at) due_before = d.due_at;
      // A step is never due at night or on a day off.
      if (d.step_due_at && d.step_due_at != before.step_due_at) {
        const auto t = *parse_rfc3339(*d.step_due_at);
        EXPECT_TRUE(vn().is_working_day(local_date(t))) << where << " " << *d.step_due_at;
        EXPECT_GE(local_hour(t), kOfficeDayStartHour) << where << " " << *d.step_due_at;
        EXPECT_TRUE(local_hour(t) < kOfficeDayEndHour || t == end_of_office_day(local_date(t))) << where;
      }
      // The role stored for the queue is the one the table expects next.
      EXPECT_EQ(d.step_role, acting_role_text(p, workflow_state(d))) << where;
    }
  }
  EXPECT_GT(applied, 5000);
}

}  // namespace
}  // namespace sen::services
