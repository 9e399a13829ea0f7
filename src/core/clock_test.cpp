#include "core/clock.hpp"

#include <gtest/gtest.h>

namespace sen {
namespace {

TEST(Clock, FormatsRfc3339WithVietnamOffset) {
  using namespace std::chrono;
  const sys_time<seconds> t = sys_days{2026y / February / 13} + 1h + 2min + 3s;  // 01:02:03 UTC
  EXPECT_EQ(format_rfc3339(t), "2026-02-13T08:02:03+07:00");
  EXPECT_EQ(format_rfc3339(t, 0), "2026-02-13T01:02:03+00:00");
  EXPECT_EQ(format_rfc3339(t, -90), "2026-02-12T23:32:03-01:30");
}

}  // namespace
}  // namespace sen
