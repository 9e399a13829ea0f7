#include "storage/migrations.hpp"

#include <gtest/gtest.h>

#include "storage/testing/backend_test.hpp"

namespace sen::storage {
namespace {

class FixedClock final : public Clock {
 public:
  std::chrono::system_clock::time_point now() const override {
    return std::chrono::system_clock::time_point{};
  }
};

class Migrations : public testing::BackendTest {
 protected:
  void SetUp() override { open(false); }
  FixedClock fixed_clock_;
};

TEST_P(Migrations, EmbeddedMigrationsAreNumberedFromOneWithoutGaps) {
  const auto all = embedded_migrations(db().dialect());
  ASSERT_FALSE(all.empty());
  for (std::size_t i = 0; i < all.size(); ++i) EXPECT_EQ(all[i].version, static_cast<int>(i + 1));
  // Both dialects carry the same versions and names.
  const auto other =
      embedded_migrations(db().dialect() == Dialect::kSqlite ? Dialect::kPostgres : Dialect::kSqlite);
  ASSERT_EQ(all.size(), other.size());
  for (std::size_t i = 0; i < all.size(); ++i) EXPECT_EQ(all[i].name, other[i].name);
}

TEST_P(Migrations, AppliesOnceAndRecordsChecksums) {
  auto before = check_migrations(db());
  ASSERT_TRUE(before);
  EXPECT_EQ(before->applied_version, 0);
  EXPECT_FALSE(before->up_to_date());
  auto first = apply_migrations(db(), fixed_clock_);
  ASSERT_TRUE(first) << first.error().internal;
  EXPECT_EQ(*first, static_cast<int>(embedded_migrations(db().dialect()).size()));
  auto second = apply_migrations(db(), fixed_clock_);
  ASSERT_TRUE(second);
  EXPECT_EQ(*second, 0);
  auto after = check_migrations(db());
  ASSERT_TRUE(after);
  EXPECT_TRUE(after->up_to_date());
  auto conn = db().acquire();
  auto rows = (*conn)->execute("SELECT checksum, applied_at FROM schema_migrations WHERE version = 1");
  ASSERT_TRUE(rows);
  EXPECT_EQ(rows->rows[0].text(0), embedded_migrations(db().dialect())[0].checksum);
  EXPECT_EQ(rows->rows[0].text(1), "1970-01-01T07:00:00+07:00");
}

TEST_P(Migrations, RefusesAnEditedMigration) {
  ASSERT_TRUE(apply_migrations(db(), fixed_clock_));
  auto conn = db().acquire();
  ASSERT_TRUE((*conn)->execute("UPDATE schema_migrations SET checksum = 'edited' WHERE version = 1"));
  auto status = check_migrations(db());
  ASSERT_FALSE(status);
  EXPECT_NE(status.error().message.find("checksum"), std::string::npos);
  EXPECT_FALSE(apply_migrations(db(), fixed_clock_));
}

TEST_P(Migrations, RefusesANewerUnknownVersion) {
  ASSERT_TRUE(apply_migrations(db(), fixed_clock_));
  auto conn = db().acquire();
  ASSERT_TRUE(
      (*conn)->execute("INSERT INTO schema_migrations (version, name, checksum, applied_at) VALUES (9999, "
                       "'future', 'x', 'now')"));
  auto status = check_migrations(db());
  ASSERT_FALSE(status);
  EXPECT_NE(status.error().message.find("9999"), std::string::npos);
}

SEN_INSTANTIATE_FOR_BACKENDS(Migrations);

}  // namespace
}  // namespace sen::storage
