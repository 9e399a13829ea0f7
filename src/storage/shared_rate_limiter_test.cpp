#include "storage/shared_rate_limiter.hpp"

#include <gtest/gtest.h>

#include "storage/testing/backend_test.hpp"

namespace sen::storage {
namespace {

// The seconds to wait; 0 when admitted, -1 when the attempt could not be counted.
int wait_of(const Result<std::optional<int>>& hit) { return hit ? hit->value_or(0) : -1; }

class ManualClock final : public Clock {
 public:
  std::chrono::system_clock::time_point now() const override { return t; }
  // 10:00:00 UTC on a day: the start of a one-minute window.
  std::chrono::system_clock::time_point t{std::chrono::seconds(1'796'000'400)};
};

std::string tagged(std::string_view key) { return "hash(" + std::string(key) + ")"; }

class SharedRateLimiterTest : public testing::BackendTest {
 protected:
  // Two instances' limiters on one database: what one counts, the other sees.
  SharedRateLimiter limiter(std::string scope, int limit) {
    return SharedRateLimiter(db(), std::move(scope), limit, std::chrono::seconds(60), manual_, tagged);
  }
  ManualClock manual_;
};

TEST_P(SharedRateLimiterTest, InstancesShareOneCountPerKeyAndWindow) {
  if (!ready()) return;
  auto first = limiter("login", 3), second = limiter("login", 3);
  EXPECT_EQ(wait_of(first.hit("001099012345")), 0);
  EXPECT_EQ(wait_of(second.hit("001099012345")), 0);
  manual_.t += std::chrono::seconds(15);
  EXPECT_EQ(wait_of(first.hit("001099012345")), 0);
  EXPECT_EQ(wait_of(second.hit("001099012345")), 45) << "the fourth attempt, on either instance";
  EXPECT_EQ(wait_of(first.hit("001099012345")), 45);
  EXPECT_EQ(wait_of(second.hit("10.0.0.7")), 0) << "keys are counted apart";
  EXPECT_EQ(wait_of(limiter("writes", 3).hit("001099012345")), 0) << "so are scopes";
  manual_.t += std::chrono::seconds(45);
  EXPECT_EQ(wait_of(second.hit("001099012345")), 0) << "a new window";
}

TEST_P(SharedRateLimiterTest, StoresKeysOnlyAsTheirHashes) {
  if (!ready()) return;
  auto limit = limiter("login", 3);
  ASSERT_TRUE(limit.hit("001099012345"));
  auto conn = db().acquire();
  ASSERT_TRUE(conn);
  auto rows = (*conn)->execute("SELECT key, hits FROM rate_windows");
  ASSERT_TRUE(rows) << rows.error().internal;
  ASSERT_EQ(rows->rows.size(), 1u);
  EXPECT_EQ(rows->rows[0].text(0), "login:hash(001099012345)");
  EXPECT_EQ(rows->rows[0].integer(1), 1);
}

TEST_P(SharedRateLimiterTest, DeletesEndedWindowsNowAndThen) {
  if (!ready()) return;
  auto limit = limiter("login", 5000);
  ASSERT_TRUE(limit.hit("an ended window"));
  manual_.t += std::chrono::seconds(60);
  for (int i = 1; i < 1000; ++i) ASSERT_TRUE(limit.hit("the current window"));
  auto conn = db().acquire();
  ASSERT_TRUE(conn);
  auto rows = (*conn)->execute("SELECT key, hits FROM rate_windows");
  ASSERT_TRUE(rows) << rows.error().internal;
  ASSERT_EQ(rows->rows.size(), 1u) << "the thousandth attempt swept the ended window";
  EXPECT_EQ(rows->rows[0].text(0), "login:hash(the current window)");
  EXPECT_EQ(rows->rows[0].integer(1), 999);
}

SEN_INSTANTIATE_FOR_BACKENDS(SharedRateLimiterTest);

}  // namespace
}  // namespace sen::storage
