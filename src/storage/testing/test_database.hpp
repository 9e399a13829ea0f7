#pragma once

#include <filesystem>
#include <memory>
#include <ostream>
#include <string>

#include "storage/database.hpp"

namespace sen::storage::testing {

enum class Backend { kSqlite, kPostgres };

std::string backend_name(Backend backend);
// GoogleTest prints parameters with this, so test names read ".../sqlite" rather than raw bytes.
inline void PrintTo(Backend backend, std::ostream* os) { *os << backend_name(backend); }

// A throwaway database: a fresh SQLite file in a temporary directory, or a fresh schema on the
// PostgreSQL server whose URL the test runner wrote to $SEN_TEST_PG_URL_FILE.
struct TestDatabase {
  std::unique_ptr<Database> db;
  StorageConfig config;
  std::filesystem::path temp_dir;
  ~TestDatabase();
  TestDatabase() = default;
  TestDatabase(TestDatabase&&) = default;
};

// Error kUnavailable when no PostgreSQL server was provided; tests skip then, unless
// SEN_REQUIRE_POSTGRES=1 (CI) makes that a failure.
Result<std::unique_ptr<TestDatabase>> make_test_database(Backend backend);
bool postgres_required();

}  // namespace sen::storage::testing
