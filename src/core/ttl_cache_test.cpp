#include "core/ttl_cache.hpp"

#include <gtest/gtest.h>

namespace sen {
namespace {

using std::chrono::milliseconds;

struct FakeSteady {
  std::chrono::steady_clock::time_point t{};
  TtlCache<int>::SteadyNow fn() {
    return [this] { return t; };
  }
};

TEST(TtlCache, ReturnsWhatWasStoredUntilItExpires) {
  FakeSteady clock;
  TtlCache<int> cache(10, milliseconds(100), clock.fn());
  EXPECT_FALSE(cache.get("a"));
  cache.put("a", 1);
  ASSERT_TRUE(cache.get("a"));
  EXPECT_EQ(*cache.get("a"), 1);
  clock.t += milliseconds(99);
  EXPECT_TRUE(cache.get("a"));
  clock.t += milliseconds(1);
  EXPECT_FALSE(cache.get("a"));
}

TEST(TtlCache, KeepsTheNewerValueWhenAskedTo) {
  FakeSteady clock;
  TtlCache<int> cache(10, milliseconds(100), clock.fn());
  cache.put("a", 5);
  auto newer_cached = [](int incoming) {
    return [incoming](const int& cached) { return cached > incoming; };
  };
  cache.put("a", 4, newer_cached(4));
  EXPECT_EQ(*cache.get("a"), 5);
  cache.put("a", 6, newer_cached(6));
  EXPECT_EQ(*cache.get("a"), 6);
  clock.t += milliseconds(100);  // an expired entry is replaced whatever it held
  cache.put("a", 1, newer_cached(1));
  EXPECT_EQ(*cache.get("a"), 1);
}

TEST(TtlCache, StaysWithinItsCapacity) {
  FakeSteady clock;
  TtlCache<int> cache(3, milliseconds(100), clock.fn());
  for (int i = 0; i < 10; ++i) cache.put(std::to_string(i), i);
  EXPECT_EQ(cache.size(), 3u);
  EXPECT_TRUE(cache.get("9"));
}

TEST(TtlCache, EraseClearAndDisabled) {
  TtlCache<int> cache(3, milliseconds(1000));
  cache.put("a", 1);
  cache.put("b", 2);
  cache.erase("a");
  EXPECT_FALSE(cache.get("a"));
  EXPECT_TRUE(cache.get("b"));
  cache.clear();
  EXPECT_FALSE(cache.get("b"));
  TtlCache<int> off(0, milliseconds(1000));
  off.put("a", 1);
  EXPECT_FALSE(off.get("a"));
  TtlCache<int> no_ttl(10, milliseconds(0));
  no_ttl.put("a", 1);
  EXPECT_FALSE(no_ttl.get("a"));
}

}  // namespace
}  // namespace sen
