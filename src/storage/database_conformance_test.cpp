// One suite, run against both backends: SQLite and PostgreSQL must behave the same for everything
// the modules rely on.
#include <gtest/gtest.h>

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

}  // namespace
}  // namespace sen::storage
