#include "core/rate_limiter.hpp"

#include <gtest/gtest.h>

namespace sen {
namespace {

class ManualClock final : public Clock {
 public:
  std::chrono::system_clock::time_point now() const override { return t; }
  std::chrono::system_clock::time_point t{};
};

TEST(RateLimiter, AllowsTheLimitThenAsksToWaitUntilTheWindowEnds) {
  ManualClock clock;
  RateLimiter limiter(3, std::chrono::seconds(60), clock);
  for (int i = 0; i < 3; ++i) EXPECT_FALSE(limiter.hit("1.2.3.4"));
  clock.t += std::chrono::seconds(20);
  EXPECT_EQ(limiter.hit("1.2.3.4"), 40);
  EXPECT_FALSE(limiter.hit("5.6.7.8")) << "keys are independent";
  clock.t += std::chrono::seconds(40);
  EXPECT_FALSE(limiter.hit("1.2.3.4")) << "a new window";
}

}  // namespace
}  // namespace sen
