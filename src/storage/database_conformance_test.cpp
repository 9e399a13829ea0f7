// One suite, run against both backends: SQLite and PostgreSQL must behave the same for everything
// the modules rely on.
#include <gtest/gtest.h>

#include <atomic>
#include <chrono>
#include <future>
#include <map>
#include <memory>
#include <mutex>
#include <stdexcept>
#include <thread>

#include "storage/database.hpp"
#include "storage/testing/backend_test.hpp"

namespace sen::storage {
namespace {

using testing::Backend;

class DatabaseConformance : public testing::BackendTest {
 protected:
  void SetUp() override {
    open(false);
    if (!ready()) return;
    auto conn = db().acquire();
    ASSERT_TRUE(conn);
    ASSERT_TRUE((*conn)->execute_script(
        "CREATE TABLE items (id BIGINT PRIMARY KEY, name TEXT NOT NULL UNIQUE, score DOUBLE PRECISION, "
        "note TEXT)"));
  }
};

TEST_P(DatabaseConformance, RoundTripsBoundValuesOfEveryType) {
  auto conn = db().acquire();
  ASSERT_TRUE(conn);
  const std::string tricky = "Phường Ba Đình'); DROP TABLE items; --";
  auto ins = (*conn)->execute("INSERT INTO items (id, name, score, note) VALUES ($1, $2, $3, $4)",
                              {std::int64_t{9007199254740993}, tricky, 2.5, nullptr});
  ASSERT_TRUE(ins) << ins.error().internal;
  EXPECT_EQ(ins->affected_rows, 1);
  auto rows = (*conn)->execute("SELECT id, name, score, note FROM items WHERE name = $1", {tricky});
  ASSERT_TRUE(rows) << rows.error().internal;
  ASSERT_EQ(rows->rows.size(), 1u);
  const auto& row = rows->rows[0];
  EXPECT_EQ(row.integer(0), 9007199254740993);
  EXPECT_EQ(row.text(1), tricky);
  EXPECT_DOUBLE_EQ(row.real(2), 2.5);
  EXPECT_TRUE(row.is_null(3));
  EXPECT_EQ(rows->columns, (std::vector<std::string>{"id", "name", "score", "note"}));
}

TEST_P(DatabaseConformance, ParametersCanRepeatAndComeInAnyOrder) {
  auto conn = db().acquire();
  ASSERT_TRUE(conn);
  ASSERT_TRUE(
      (*conn)->execute("INSERT INTO items (id, name) VALUES ($2, $1)", {std::string("a"), std::int64_t{1}}));
  auto rows = (*conn)->execute("SELECT count(*) FROM items WHERE name = $1 OR note = $1", {std::string("a")});
  ASSERT_TRUE(rows);
  EXPECT_EQ(rows->rows[0].integer(0), 1);
}

TEST_P(DatabaseConformance, UniqueViolationIsAConflict) {
  auto conn = db().acquire();
  ASSERT_TRUE(conn);
  ASSERT_TRUE(
      (*conn)->execute("INSERT INTO items (id, name) VALUES ($1, $2)", {std::int64_t{1}, std::string("x")}));
  auto dup =
      (*conn)->execute("INSERT INTO items (id, name) VALUES ($1, $2)", {std::int64_t{2}, std::string("x")});
  ASSERT_FALSE(dup);
  EXPECT_EQ(dup.error().code, ErrorCode::kConflict);
  EXPECT_EQ(dup.error().message.find("items"), std::string::npos) << "no schema details to clients";
}

TEST_P(DatabaseConformance, FailedTransactionChangesNothing) {
  auto r = db().write_transaction([](Connection& c) -> Result<int> {
    auto a = c.execute("INSERT INTO items (id, name) VALUES ($1, $2)", {std::int64_t{1}, std::string("one")});
    if (!a) return tl::unexpected(a.error());
    return fail(ErrorCode::kInvalidArgument, "stop");
  });
  ASSERT_FALSE(r);
  auto ok = db().write_transaction([](Connection& c) -> Result<int> {
    auto a = c.execute("INSERT INTO items (id, name) VALUES ($1, $2)", {std::int64_t{2}, std::string("two")});
    if (!a) return tl::unexpected(a.error());
    return 1;
  });
  ASSERT_TRUE(ok);
  auto conn = db().acquire();
  auto rows = (*conn)->execute("SELECT name FROM items ORDER BY id");
  ASSERT_TRUE(rows);
  ASSERT_EQ(rows->rows.size(), 1u);
  EXPECT_EQ(rows->rows[0].text(0), "two");
}

TEST_P(DatabaseConformance, ThrowingWorkRollsBackAndLeavesThePoolWritable) {
  EXPECT_THROW((void)db().write_transaction([](Connection& c) -> Result<int> {
    (void)c.execute("INSERT INTO items (id, name) VALUES (1, 'lost')");
    throw std::runtime_error("bug in a caller");
  }),
               std::runtime_error);
  for (int i = 0; i < test_db_->config.pool_size + 1; ++i) {  // every pooled connection can write again
    auto ok = db().write_transaction([i](Connection& c) -> Result<int> {
      auto r = c.execute("INSERT INTO items (id, name) VALUES ($1, $2)",
                         {std::int64_t{10 + i}, std::to_string(i)});
      if (!r) return tl::unexpected(r.error());
      return 1;
    });
    ASSERT_TRUE(ok) << ok.error().internal;
  }
  auto conn = db().acquire();
  auto rows = (*conn)->execute("SELECT count(*) FROM items WHERE name = 'lost'");
  ASSERT_TRUE(rows);
  EXPECT_EQ(rows->rows[0].integer(0), 0);
}

TEST_P(DatabaseConformance, CommittedWriteIsVisibleToOtherConnections) {
  auto writer = db().acquire();
  auto reader = db().acquire();
  ASSERT_TRUE(writer && reader);
  ASSERT_TRUE((*writer)->execute("INSERT INTO items (id, name) VALUES (1, 'x')"));
  auto rows = (*reader)->execute("SELECT count(*) FROM items");
  ASSERT_TRUE(rows);
  EXPECT_EQ(rows->rows[0].integer(0), 1);
}

TEST_P(DatabaseConformance, PoolIsBoundedAndReportsBusy) {
  std::vector<Database::Lease> held;
  for (int i = 0; i < test_db_->config.pool_size; ++i) {
    auto l = db().acquire();
    ASSERT_TRUE(l);
    held.push_back(std::move(*l));
  }
  auto extra = db().acquire();
  ASSERT_FALSE(extra);
  EXPECT_EQ(extra.error().code, ErrorCode::kUnavailable);
  held.pop_back();
  EXPECT_TRUE(db().acquire());
}

TEST_P(DatabaseConformance, SyntaxErrorIsInternalAndLogged) {
  auto conn = db().acquire();
  auto bad = (*conn)->execute("SELEC nonsense");
  ASSERT_FALSE(bad);
  EXPECT_EQ(bad.error().code, ErrorCode::kInternal);
  EXPECT_FALSE(bad.error().internal.empty());
  EXPECT_EQ(bad.error().message, "Internal error");
}

Status insert_item(Connection& c, std::int64_t id, const std::string& name) {
  return c.execute_deferred("INSERT INTO items (id, name) VALUES ($1, $2)", {id, name});
}

std::int64_t count_items(Database& db, const std::string& where = "1 = 1") {
  auto conn = db.acquire();
  auto rows = (*conn)->execute("SELECT count(*) FROM items WHERE " + where);
  return rows ? rows->rows[0].integer(0) : -1;
}

// Group commit: writes queued while the writer is busy share one transaction, each in its own
// savepoint; a unit that fails is undone alone, the others commit, and each caller hears its own outcome.
TEST_P(DatabaseConformance, GroupedWritesFailAloneAndCommitTogether) {
  std::atomic<bool> holding{false};
  std::atomic<bool> release{false};
  std::thread first([&] {
    auto r = db().write_transaction([&](Connection& c) -> Status {
      holding = true;
      while (!release) std::this_thread::sleep_for(std::chrono::milliseconds(1));  // holds the writer
      return insert_item(c, 1, "first");
    });
    EXPECT_TRUE(r);
  });
  // The others start only once `first` holds the writer: on a busy machine a fixed pause was not
  // always enough, and unit 5 took key 1 before `first` did.
  while (!holding) std::this_thread::sleep_for(std::chrono::milliseconds(1));
  constexpr int kWriters = 12;
  std::vector<std::thread> writers;
  std::vector<Status> outcomes(kWriters);
  std::atomic<int> after_commit_runs{0};
  for (int i = 0; i < kWriters; ++i) {
    writers.emplace_back([&, i] {
      outcomes[i] = db().write_transaction([&, i](Connection& c) -> Status {
        if (auto s = insert_item(c, 100 + i, "w" + std::to_string(i)); !s) return s;
        c.after_commit([&] { ++after_commit_runs; });
        if (i % 4 == 0) return fail(ErrorCode::kConflict, "unit " + std::to_string(i) + " gives up");
        if (i == 5) return insert_item(c, 1, "duplicate key");  // fails at the server, maybe only at commit
        return {};
      });
    });
  }
  std::this_thread::sleep_for(std::chrono::milliseconds(200));  // all of them queued behind `first`
  release = true;
  first.join();
  for (auto& t : writers) t.join();
  int committed = 0;
  for (int i = 0; i < kWriters; ++i) {
    const bool should_fail = i % 4 == 0 || i == 5;
    ASSERT_EQ(!outcomes[i], should_fail) << "unit " << i;
    if (should_fail) {
      EXPECT_EQ(outcomes[i].error().code, ErrorCode::kConflict) << "unit " << i;
      EXPECT_EQ(count_items(db(), "id = " + std::to_string(100 + i)), 0) << "unit " << i;
    } else {
      ++committed;
      EXPECT_EQ(count_items(db(), "id = " + std::to_string(100 + i)), 1) << "unit " << i;
    }
  }
  EXPECT_EQ(outcomes[0].error().message, "unit 0 gives up");
  EXPECT_EQ(after_commit_runs, committed);
  EXPECT_EQ(count_items(db()), committed + 1);
}

// storage.write_batch_max bounds a group commit: units committed together see the same row count
// in their after_commit callbacks (read on another connection), and no more than the limit share one.
TEST_P(DatabaseConformance, GroupCommitTakesAtMostWriteBatchMax) {
  StorageConfig config = test_db_->config;
  config.write_batch_max = 2;
  auto opened = open_database(config);
  ASSERT_TRUE(opened) << opened.error().internal;
  Database& limited = **opened;
  std::atomic<bool> release{false};
  std::thread first([&] {
    EXPECT_TRUE(limited.write_transaction([&](Connection& c) -> Status {
      while (!release) std::this_thread::sleep_for(std::chrono::milliseconds(1));
      return insert_item(c, 1, "first");
    }));
  });
  std::this_thread::sleep_for(std::chrono::milliseconds(50));
  constexpr int kWriters = 6;
  std::mutex seen_mutex;
  std::map<std::int64_t, int> units_per_count;
  std::vector<std::thread> writers;
  for (int i = 0; i < kWriters; ++i) {
    writers.emplace_back([&, i] {
      EXPECT_TRUE(limited.write_transaction([&, i](Connection& c) -> Status {
        c.after_commit([&] {
          const std::int64_t count = count_items(limited);
          std::lock_guard lock(seen_mutex);
          ++units_per_count[count];
        });
        return insert_item(c, 100 + i, "w" + std::to_string(i));
      }));
    });
  }
  std::this_thread::sleep_for(std::chrono::milliseconds(200));
  release = true;
  first.join();
  for (auto& t : writers) t.join();
  int units = 0;
  int largest = 0;
  for (const auto& [count, n] : units_per_count) {
    units += n;
    largest = std::max(largest, n);
  }
  EXPECT_EQ(units, kWriters);
  EXPECT_EQ(largest, 2);  // batched, and never more than the limit
}

// Many units, each writing a parent row and then its child, committed together: however the backend
// gathers and sends deferred INSERTs, a child never reaches the database before its parent.
TEST_P(DatabaseConformance, GroupedUnitsKeepParentsBeforeChildren) {
  {
    auto conn = db().acquire();
    ASSERT_TRUE((*conn)->execute_script(
        "CREATE TABLE child (id BIGINT PRIMARY KEY, item BIGINT NOT NULL REFERENCES items (id))"));
  }
  std::atomic<bool> release{false};
  std::thread first([&] {
    EXPECT_TRUE(db().write_transaction([&](Connection& c) -> Status {
      while (!release) std::this_thread::sleep_for(std::chrono::milliseconds(1));
      return insert_item(c, 1, "first");
    }));
  });
  std::this_thread::sleep_for(std::chrono::milliseconds(50));
  constexpr int kWriters = 40;
  std::vector<std::thread> writers;
  std::atomic<int> failed{0};
  for (int i = 0; i < kWriters; ++i) {
    writers.emplace_back([&, i] {
      auto r = db().write_transaction([&, i](Connection& c) -> Status {
        if (auto s = insert_item(c, 100 + i, "p" + std::to_string(i)); !s) return s;
        return c.execute_deferred("INSERT INTO child (id, item) VALUES ($1, $2)",
                                  {std::int64_t{i}, std::int64_t{100 + i}});
      });
      if (!r) {
        ++failed;
        ADD_FAILURE() << "unit " << i << ": " << r.error().internal;
      }
    });
  }
  std::this_thread::sleep_for(std::chrono::milliseconds(300));
  release = true;
  first.join();
  for (auto& t : writers) t.join();
  EXPECT_EQ(failed, 0);
  EXPECT_EQ(count_items(db()), kWriters + 1);
}

TEST_P(DatabaseConformance, TransactionValuesAreUndoneWithTheirUnit) {
  static const char key = 0;
  auto seen = db().write_transaction([&](Connection& c) -> Result<int> {
    EXPECT_EQ(c.transaction_value(&key), nullptr);
    c.set_transaction_value(&key, std::make_shared<const int>(1));
    return *std::static_pointer_cast<const int>(c.transaction_value(&key));
  });
  ASSERT_TRUE(seen);
  EXPECT_EQ(*seen, 1);
  auto conn = db().acquire();  // outside a write transaction nothing is kept
  (*conn)->set_transaction_value(&key, std::make_shared<const int>(2));
  EXPECT_EQ((*conn)->transaction_value(&key), nullptr);
  // A savepoint's rollback restores the value the unit found.
  auto undone = db().write_transaction([&](Connection& c) -> Result<int> {
    c.set_transaction_value(&key, std::make_shared<const int>(3));
    if (auto s = c.savepoint(); !s) return tl::unexpected(s.error());
    c.set_transaction_value(&key, std::make_shared<const int>(4));
    if (auto s = c.rollback_to_savepoint(); !s) return tl::unexpected(s.error());
    return *std::static_pointer_cast<const int>(c.transaction_value(&key));
  });
  ASSERT_TRUE(undone) << undone.error().internal;
  EXPECT_EQ(*undone, 3);
}

TEST_P(DatabaseConformance, NestedWriteTransactionIsRefused) {
  auto outer = db().write_transaction([&](Connection&) -> Status {
    auto inner = db().write_transaction([](Connection&) -> Status { return {}; });
    EXPECT_FALSE(inner);
    if (!inner) {
      EXPECT_EQ(inner.error().code, ErrorCode::kInternal);
    }
    return {};
  });
  EXPECT_TRUE(outer);
}

TEST_P(DatabaseConformance, DeferredStatementErrorsReachTheCaller) {
  auto r = db().write_transaction([](Connection& c) -> Status {
    if (auto s = insert_item(c, 1, "a"); !s) return s;
    if (auto s = insert_item(c, 2, "a"); !s) return s;  // duplicate name
    auto rows = c.execute("SELECT count(*) FROM items");
    if (!rows) return tl::unexpected(rows.error());
    return {};
  });
  ASSERT_FALSE(r);
  EXPECT_EQ(r.error().code, ErrorCode::kConflict);
  EXPECT_EQ(count_items(db()), 0);
  // The writer's connection is usable again.
  auto ok = db().write_transaction([](Connection& c) -> Status { return insert_item(c, 3, "b"); });
  ASSERT_TRUE(ok) << ok.error().internal;
  EXPECT_EQ(count_items(db()), 1);
}

SEN_INSTANTIATE_FOR_BACKENDS(DatabaseConformance);

// SQLite statements run in-process; only PostgreSQL has a statement timeout to test.
TEST(PostgresOnly, CancelsAStatementPastTheTimeout) {
  auto t = testing::make_test_database(Backend::kPostgres);
  if (!t) {
    if (!testing::postgres_required()) GTEST_SKIP() << "PostgreSQL not available: " << t.error().message;
    FAIL() << t.error().message;
  }
  auto config = (*t)->config;
  config.statement_timeout_ms = 200;
  auto short_db = open_database(config);
  ASSERT_TRUE(short_db);
  auto conn = (*short_db)->acquire();
  ASSERT_TRUE(conn);
  auto slow = (*conn)->execute("SELECT pg_sleep(5)");
  ASSERT_FALSE(slow);
  EXPECT_EQ(slow.error().code, ErrorCode::kUnavailable);
  EXPECT_TRUE((*conn)->execute("SELECT 1")) << "the connection stays usable";
}

// Two instances on one database: a write transaction that took an id must commit before another
// instance's later id becomes visible, or a reader following "the rows after id N" skips it for good.
TEST(PostgresOnly, WriteTransactionsOfTwoInstancesCommitInIdOrder) {
  auto t = testing::make_test_database(Backend::kPostgres);
  if (!t) {
    if (!testing::postgres_required()) GTEST_SKIP() << "PostgreSQL not available: " << t.error().message;
    FAIL() << t.error().message;
  }
  Database& first = *(*t)->db;
  auto second = open_database((*t)->config);
  ASSERT_TRUE(second);
  {
    auto conn = first.acquire();
    ASSERT_TRUE(conn);
    ASSERT_TRUE(
        (*conn)->execute_script("CREATE TABLE stream (id BIGINT GENERATED ALWAYS AS IDENTITY PRIMARY KEY)"));
  }
  auto visible = [&] {
    auto conn = first.acquire();
    auto r = (*conn)->execute("SELECT id FROM stream ORDER BY id");
    std::vector<std::int64_t> ids;
    for (const auto& row : r->rows) ids.push_back(row.integer(0));
    return ids;
  };
  std::promise<std::int64_t> first_took;
  std::promise<void> let_first_commit;
  std::thread early([&] {
    auto done = first.write_transaction([&](Connection& c) -> Status {
      auto r = c.execute("INSERT INTO stream DEFAULT VALUES RETURNING id");
      if (!r) return tl::unexpected(r.error());
      first_took.set_value(r->rows[0].integer(0));
      let_first_commit.get_future().wait();
      return {};
    });
    EXPECT_TRUE(done) << done.error().internal;
  });
  const std::int64_t early_id = first_took.get_future().get();
  std::atomic<bool> late_committed = false;
  std::thread late([&] {
    auto done = (*second)->write_transaction([&](Connection& c) -> Status {
      return c.execute("INSERT INTO stream DEFAULT VALUES").map([](auto&&) {});
    });
    EXPECT_TRUE(done) << done.error().internal;
    late_committed = true;
  });
  std::this_thread::sleep_for(std::chrono::milliseconds(500));
  EXPECT_FALSE(late_committed) << "the second instance committed while the first held an earlier id";
  EXPECT_EQ(visible(), std::vector<std::int64_t>{}) << "nothing visible before the earlier id commits";
  let_first_commit.set_value();
  early.join();
  late.join();
  const auto ids = visible();
  ASSERT_EQ(ids.size(), 2u);
  EXPECT_EQ(ids.front(), early_id);
}

}  // namespace
}  // namespace sen::storage
