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

}  // namespace
}  // namespace sen
