// The bulk path on both backends: rows with awkward text arrive intact, indexes set aside come back
// (at finish, or at the next start after a load that died), and a key clash fails the whole batch.
#include "storage/bulk_load.hpp"

#include <gtest/gtest.h>

#include <array>
#include <string_view>

#include "storage/testing/backend_test.hpp"

namespace sen::storage {
namespace {

constexpr std::array<std::string_view, 4> kColumns = {"id", "name", "score", "note"};

class BulkLoadTest : public testing::BackendTest {
 protected:
  void SetUp() override {
    BackendTest::SetUp();
    if (!ready()) return;
    auto conn = db().acquire();
    ASSERT_TRUE(conn);
    ASSERT_TRUE((*conn)->execute_script(
        "CREATE TABLE items (id BIGINT PRIMARY KEY, name TEXT NOT NULL UNIQUE, score DOUBLE PRECISION, "
        "note TEXT); CREATE INDEX items_by_score ON items (score); CREATE INDEX items_by_note ON items "
        "(note)"));
  }

  std::vector<std::string> index_names() {
    auto conn = db().acquire();
    auto rows = db().dialect() == Dialect::kSqlite
                    ? (*conn)->execute(
                          "SELECT name FROM sqlite_master WHERE type = 'index' AND tbl_name = "
                          "'items' AND sql IS NOT NULL ORDER BY name")
                    : (*conn)->execute(
                          "SELECT indexname FROM pg_indexes WHERE schemaname = current_schema() "
                          "AND tablename = 'items' AND indexname LIKE 'items_by%' ORDER BY indexname");
    EXPECT_TRUE(rows);
    std::vector<std::string> names;
    for (const auto& r : rows->rows) names.push_back(r.text(0));
    return names;
  }

  Status copy(std::vector<std::vector<Value>> rows) {
    return db().write_transaction([&](Connection& conn) { return conn.copy_rows("items", kColumns, rows); });
  }
};

TEST_P(BulkLoadTest, CopiesRowsIntactAndBuildsTheIndexesAgain) {
  auto load = BulkLoad::begin(db(), {"items"});
  ASSERT_TRUE(load) << load.error().internal;
  EXPECT_EQ(load->suspended(), 2u);
  EXPECT_TRUE(index_names().empty()) << "the non-unique indexes are set aside";
  const std::string tricky = "Phường\tBa Đình\\n\r\nline 2, \"quoted\" \\N";
  std::vector<std::vector<Value>> rows;
  for (std::int64_t i = 0; i < 3000; ++i)
    rows.push_back({i, "name " + std::to_string(i),
                    i % 2 == 0 ? Value(0.1 * static_cast<double>(i)) : Value(nullptr),
                    i == 7 ? Value(tricky) : Value(std::string("\\N"))});
  ASSERT_TRUE(copy(rows));
  ASSERT_TRUE(load->finish());
  EXPECT_EQ(index_names(), (std::vector<std::string>{"items_by_note", "items_by_score"}));
  auto conn = db().acquire();
  auto got = (*conn)->execute("SELECT count(*), CAST(sum(id) AS BIGINT) FROM items");
  ASSERT_TRUE(got);
  EXPECT_EQ(got->rows[0].integer(0), 3000);
  EXPECT_EQ(got->rows[0].integer(1), 2999 * 3000 / 2);
  auto seven = (*conn)->execute("SELECT note, score FROM items WHERE id = 7");
  ASSERT_TRUE(seven);
  EXPECT_EQ(seven->rows[0].text(0), tricky);
  EXPECT_TRUE(seven->rows[0].is_null(1));
  auto eight = (*conn)->execute("SELECT note, score FROM items WHERE id = 8");
  EXPECT_EQ(eight->rows[0].text(0), "\\N") << "a backslash-N text is text, not NULL";
  EXPECT_DOUBLE_EQ(eight->rows[0].real(1), 0.8);
}

TEST_P(BulkLoadTest, KeepsTheIndexesItIsToldToKeep) {
  auto load = BulkLoad::begin(db(), {"items"}, {"items_by_note"});
  ASSERT_TRUE(load);
  EXPECT_EQ(load->suspended(), 1u);
  EXPECT_EQ(index_names(), (std::vector<std::string>{"items_by_note"}));
  ASSERT_TRUE(load->finish());
  EXPECT_EQ(index_names(), (std::vector<std::string>{"items_by_note", "items_by_score"}));
}

TEST_P(BulkLoadTest, AKeyClashUndoesTheWholeBatch) {
  ASSERT_TRUE(copy({{std::int64_t{1}, std::string("a"), 1.0, nullptr}}));
  auto clash = copy(
      {{std::int64_t{2}, std::string("b"), 1.0, nullptr}, {std::int64_t{3}, std::string("a"), 1.0, nullptr}});
  ASSERT_FALSE(clash);
  auto conn = db().acquire();
  auto got = (*conn)->execute("SELECT count(*) FROM items");
  EXPECT_EQ(got->rows[0].integer(0), 1);
  EXPECT_TRUE(copy({{std::int64_t{2}, std::string("b"), 1.0, nullptr}})) << "the writer carries on";
}

TEST_P(BulkLoadTest, AnInterruptedLoadsIndexesComeBackAtTheNextStart) {
  auto load = BulkLoad::begin(db(), {"items"});
  ASSERT_TRUE(load);
  ASSERT_TRUE(copy({{std::int64_t{1}, std::string("a"), 1.0, nullptr}}));
  // The process dies here: finish() never runs. A second load is refused until the next start.
  auto second = BulkLoad::begin(db(), {"items"});
  ASSERT_FALSE(second);
  EXPECT_EQ(second.error().code, ErrorCode::kConflict);
  auto restored = restore_suspended_indexes(db());
  ASSERT_TRUE(restored) << restored.error().internal;
  EXPECT_EQ(*restored, 2);
  EXPECT_EQ(index_names().size(), 2u);
  auto again = restore_suspended_indexes(db());
  ASSERT_TRUE(again);
  EXPECT_EQ(*again, 0);
  EXPECT_TRUE(BulkLoad::begin(db(), {"items"})) << "a new load may start";
}

SEN_INSTANTIATE_FOR_BACKENDS(BulkLoadTest);

}  // namespace
}  // namespace sen::storage
