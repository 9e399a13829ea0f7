#include "core/rate_limiter.hpp"

#include <gtest/gtest.h>

namespace sen {
namespace {

// The seconds to wait; 0 when admitted, -1 when the attempt could not be counted.
int wait_of(const Result<std::optional<int>>& hit) { return hit ? hit->value_or(0) : -1; }

class ManualClock final : public Clock {
 public:
  std::chrono::system_clock::time_point now() const override { return t; }
  std::chrono::system_clock::time_point t{};
};

TEST(MemoryRateLimiter, AllowsTheLimitThenAsksToWaitUntilTheWindowEnds) {
  ManualClock clock;
  MemoryRateLimiter limiter(3, std::chrono::seconds(60), clock);
  for (int i = 0; i < 3; ++i) EXPECT_EQ(wait_of(limiter.hit("1.2.3.4")), 0);
  clock.t += std::chrono::seconds(20);
  EXPECT_EQ(wait_of(limiter.hit("1.2.3.4")), 40);
  EXPECT_EQ(wait_of(limiter.hit("5.6.7.8")), 0) << "keys are independent";
  clock.t += std::chrono::seconds(40);
  EXPECT_EQ(wait_of(limiter.hit("1.2.3.4")), 0) << "a new window";
}

// A limiter whose count cannot be kept, as a shared one whose database is unreachable.
class BrokenLimiter final : public RateLimiter {
 public:
  Result<std::optional<int>> hit(const std::string&) override {
    ++hits;
    return fail(ErrorCode::kUnavailable, "The database is unreachable");
  }
  int hits = 0;
};

TEST(Admit, CountsEveryKeyAndRefusesWithTheLongestWait) {
  ManualClock clock;
  MemoryRateLimiter per_client(1, std::chrono::seconds(60), clock);
  MemoryRateLimiter per_user(2, std::chrono::seconds(30), clock);
  EXPECT_TRUE(admit({{per_client, "a"}, {per_user, "u"}}, "attempts"));
  auto refused = admit({{per_client, "a"}, {per_user, "u"}}, "attempts");
  ASSERT_FALSE(refused);
  EXPECT_EQ(refused.error().code, ErrorCode::kTooManyRequests);
  EXPECT_EQ(refused.error().retry_after_seconds, 60) << "the client's window, the longer one";
  EXPECT_EQ(refused.error().message, "Too many attempts; try again in 60 s");
  // The user's key was counted although the client's refused: its third attempt is over its limit.
  auto by_user = admit({{per_user, "u"}}, "attempts");
  ASSERT_FALSE(by_user);
  EXPECT_EQ(by_user.error().retry_after_seconds, 30);
}

TEST(Admit, RefusesWhenACountCannotBeKeptAndStillCountsTheOthers) {
  ManualClock clock;
  BrokenLimiter broken;
  MemoryRateLimiter per_client(1, std::chrono::seconds(60), clock);
  auto refused = admit({{broken, "a"}, {per_client, "a"}}, "changes");
  ASSERT_FALSE(refused);
  EXPECT_EQ(refused.error().code, ErrorCode::kUnavailable) << "not admitted, and not a 429";
  EXPECT_EQ(broken.hits, 1);
  EXPECT_EQ(wait_of(per_client.hit("a")), 60) << "the other key was counted";
}

}  // namespace
}  // namespace sen
