#include "storage/leadership.hpp"

#include <gtest/gtest.h>

#include <chrono>
#include <random>
#include <thread>

#include "storage/testing/backend_test.hpp"

namespace sen::storage {
namespace {

using testing::Backend;

// pg_locks shows the whole cluster, where other tests run side by side: a key of its own finds this
// test's session only.
std::int64_t fresh_key() {
  std::random_device random;
  return ((static_cast<std::int64_t>(random()) << 32) | random()) & 0x7fffffffffffffff;
}

// A session PostgreSQL is told to end (a closed connection, pg_terminate_backend) lets go of its locks
// a moment later, when its backend has noticed: another instance takes the lead at a later check.
bool takes_lead_soon(Leadership& leadership) {
  for (int i = 0; i < 100; ++i) {
    if (leadership.check()) return true;
    std::this_thread::sleep_for(std::chrono::milliseconds(50));
  }
  return false;
}

TEST(Leadership, OneProcessOnSqliteAlwaysLeads) {
  auto t = testing::make_test_database(Backend::kSqlite);
  ASSERT_TRUE(t) << t.error().message;
  Leadership leadership((*t)->config);
  EXPECT_TRUE(leadership.check());
  EXPECT_TRUE(leadership.check());
}

class PostgresLeadership : public testing::PostgresTest {
 protected:
  std::int64_t key_ = fresh_key();
};

TEST_F(PostgresLeadership, OnlyOneInstanceLeadsUntilItLetsGo) {
  // Two instances' leaderships on the same database.
  auto first = std::make_unique<Leadership>(test_->config, key_);
  Leadership second(test_->config, key_);
  EXPECT_TRUE(first->check());
  EXPECT_FALSE(second.check());
  EXPECT_TRUE(first->check()) << "a leader stays the leader";
  EXPECT_FALSE(second.check());
  first.reset();  // the process ends: its session, and the lock with it, are gone
  EXPECT_TRUE(takes_lead_soon(second));
}

TEST_F(PostgresLeadership, ALeaderWhoseSessionDiesLosesTheLeadToAnother) {
  Leadership first(test_->config, key_);
  Leadership second(test_->config, key_);
  ASSERT_TRUE(first.check());
  ASSERT_FALSE(second.check());
  // What PostgreSQL does when the leader's process is killed or its network is cut.
  auto admin = test_->db->acquire();
  ASSERT_TRUE(admin);
  auto killed = (*admin)->execute(
      "SELECT pg_terminate_backend(pid) FROM pg_locks WHERE locktype = 'advisory' AND granted "
      "AND ((classid::bigint << 32) | objid::bigint) = $1",
      {key_});
  ASSERT_TRUE(killed) << killed.error().internal;
  ASSERT_EQ(killed->rows.size(), 1u);
  EXPECT_TRUE(takes_lead_soon(second)) << "the lock went with the session";
  EXPECT_FALSE(first.check()) << "the old leader notices and does not run jobs beside the new one";
}

}  // namespace
}  // namespace sen::storage
