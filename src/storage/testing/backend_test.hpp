#pragma once

#include <gtest/gtest.h>

#include "core/clock.hpp"
#include "storage/migrations.hpp"
#include "storage/testing/test_database.hpp"

namespace sen::storage::testing {

// A test run once per backend on a fresh database. PostgreSQL is skipped when no server was provided,
// unless SEN_REQUIRE_POSTGRES=1 (CI) makes that a failure. Subclasses extending SetUp() return early
// when IsSkipped() or HasFatalFailure().
class BackendTest : public ::testing::TestWithParam<Backend> {
 protected:
  void SetUp() override { open(true); }

  void open(bool migrate) {
    auto t = make_test_database(GetParam());
    if (!t) {
      if (GetParam() == Backend::kPostgres && !postgres_required()) {
        GTEST_SKIP() << "PostgreSQL not available: " << t.error().message;
      }
      FAIL() << t.error().message << " " << t.error().internal;
    }
    test_db_ = std::move(*t);
    if (migrate) {
      auto applied = apply_migrations(db(), clock_);
      ASSERT_TRUE(applied) << applied.error().internal;
    }
  }
  bool ready() const { return !IsSkipped() && !HasFatalFailure(); }
  Database& db() { return *test_db_->db; }

  SystemClock clock_;
  std::unique_ptr<TestDatabase> test_db_;
};

// A test of what only PostgreSQL has (advisory locks, notifications) on a fresh, unmigrated database;
// skipped like BackendTest's PostgreSQL half when no server was provided.
class PostgresTest : public ::testing::Test {
 protected:
  void SetUp() override {
    auto t = make_test_database(Backend::kPostgres);
    if (!t) {
      if (!postgres_required()) GTEST_SKIP() << "PostgreSQL not available: " << t.error().message;
      FAIL() << t.error().message;
    }
    test_ = std::move(*t);
  }

  std::unique_ptr<TestDatabase> test_;
};

#define SEN_INSTANTIATE_FOR_BACKENDS(Suite)                           \
  INSTANTIATE_TEST_SUITE_P(                                           \
      Backends, Suite,                                                \
      ::testing::Values(::sen::storage::testing::Backend::kSqlite,    \
                        ::sen::storage::testing::Backend::kPostgres), \
      [](const auto& info) { return ::sen::storage::testing::backend_name(info.param); })

}  // namespace sen::storage::testing
