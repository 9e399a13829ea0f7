#include "storage/change_feed.hpp"

#include <gtest/gtest.h>

#include <atomic>
#include <random>
#include <thread>

#include "storage/testing/backend_test.hpp"

namespace sen::storage {
namespace {

using namespace std::chrono_literals;
using testing::Backend;

// pg_stat_activity shows the whole cluster, where other tests run side by side: a channel of its own
// finds this test's listening session only.
std::string fresh_channel() {
  std::random_device random;
  std::string channel = "sen_test_";
  for (int i = 0; i < 12; ++i) channel += static_cast<char>('a' + random() % 26);
  return channel;
}

// Waits up to 5 s for `counter` to reach `want`.
bool reaches(const std::atomic<int>& counter, int want) {
  for (int i = 0; i < 500 && counter.load() < want; ++i) std::this_thread::sleep_for(10ms);
  return counter.load() >= want;
}

TEST(ChangeFeed, OnSqliteThereIsNothingToAnnounceOrHear) {
  auto t = testing::make_test_database(Backend::kSqlite);
  ASSERT_TRUE(t) << t.error().message;
  ChangeFeed feed((*t)->config);
  feed.on("sen_rights", [] { FAIL() << "nothing to hear on SQLite"; });
  EXPECT_TRUE(feed.start());
  auto done =
      (*t)->db->write_transaction([](Connection& c) { return ChangeFeed::announce(c, "sen_rights"); });
  EXPECT_TRUE(done);
}

class PostgresChangeFeed : public testing::PostgresTest {
 protected:
  void SetUp() override {
    testing::PostgresTest::SetUp();
    if (IsSkipped() || HasFatalFailure()) return;
    auto other = open_database(test_->config);  // another instance
    ASSERT_TRUE(other) << other.error().message;
    other_ = std::move(*other);
  }

  Status announce_from_other(bool commit) {
    return other_->write_transaction([&](Connection& c) -> Status {
      if (auto told = ChangeFeed::announce(c, channel_); !told) return told;
      if (!commit) return tl::unexpected(Error{ErrorCode::kConflict, "undone", "", {}});
      return {};
    });
  }

  std::unique_ptr<Database> other_;
  std::string channel_ = fresh_channel();
};

TEST_F(PostgresChangeFeed, AnotherInstancesCommittedChangeIsHeardAndAnUndoneOneIsNot) {
  std::atomic<int> heard = 0;
  ChangeFeed feed(test_->config);
  feed.on(channel_, [&] { ++heard; });
  feed.on(fresh_channel(), [] { FAIL() << "another channel's handler ran"; });
  ASSERT_TRUE(feed.start());
  ASSERT_TRUE(announce_from_other(true));
  EXPECT_TRUE(reaches(heard, 1));
  ASSERT_FALSE(announce_from_other(false));
  std::this_thread::sleep_for(500ms);
  EXPECT_EQ(heard.load(), 1) << "a rolled-back change is never announced";
  ASSERT_TRUE(announce_from_other(true));
  EXPECT_TRUE(reaches(heard, 2));
}

TEST_F(PostgresChangeFeed, AListenerThatLostItsSessionAssumesItMissedChangesAndListensAgain) {
  std::atomic<int> heard = 0;
  ChangeFeed feed(test_->config, 50ms);
  feed.on(channel_, [&] { ++heard; });
  ASSERT_TRUE(feed.start());
  auto admin = other_->acquire();
  ASSERT_TRUE(admin);
  auto killed = (*admin)->execute("SELECT pg_terminate_backend(pid) FROM pg_stat_activity WHERE query = $1",
                                  {"LISTEN " + channel_});
  ASSERT_TRUE(killed) << killed.error().internal;
  ASSERT_EQ(killed->rows.size(), 1u);
  EXPECT_TRUE(reaches(heard, 1)) << "handlers run once the session is back";
  ASSERT_TRUE(announce_from_other(true));
  EXPECT_TRUE(reaches(heard, 2)) << "and it hears what comes after";
}

}  // namespace
}  // namespace sen::storage
