#include "storage/testing/test_database.hpp"

#include <fmt/format.h>
#include <unistd.h>

#include <atomic>
#include <cstdlib>
#include <fstream>
#include <random>

namespace sen::storage::testing {
namespace {

std::string unique_suffix() {
  static std::atomic<int> counter{0};
  std::random_device rd;
  return fmt::format("{}_{}_{:08x}", getpid(), counter++, rd());
}

}  // namespace

std::string backend_name(Backend backend) { return backend == Backend::kSqlite ? "sqlite" : "postgres"; }

bool postgres_required() {
  const char* v = std::getenv("SEN_REQUIRE_POSTGRES");
  return v != nullptr && std::string(v) == "1";
}

TestDatabase::~TestDatabase() {
  db.reset();
  if (!temp_dir.empty()) {
    std::error_code ec;
    std::filesystem::remove_all(temp_dir, ec);
  }
}

Result<std::unique_ptr<TestDatabase>> make_test_database(Backend backend) {
  auto t = std::make_unique<TestDatabase>();
  if (backend == Backend::kSqlite) {
    t->temp_dir = std::filesystem::temp_directory_path() / ("sen_test_" + unique_suffix());
    t->config.data_dir = t->temp_dir.string();
  } else {
    const char* file = std::getenv("SEN_TEST_PG_URL_FILE");
    std::string base;
    if (file != nullptr) std::getline(std::ifstream(file), base);
    if (base.empty())
      return fail(ErrorCode::kUnavailable, "no PostgreSQL test server (SEN_TEST_PG_URL_FILE)");
    auto admin = open_postgres(base, 10000);
    if (!admin) return tl::unexpected(admin.error());
    // A database per test keeps tests independent and leaves the connection options to Sen.
    const std::string name = "t_" + unique_suffix();
    if (auto s = (*admin)->execute_script("CREATE DATABASE " + name); !s) return tl::unexpected(s.error());
    const auto slash = base.rfind('/');
    t->config.database_url = base.substr(0, slash + 1) + name;
  }
  t->config.pool_size = 3;
  t->config.busy_timeout_ms = 2000;
  auto db = open_database(t->config);
  if (!db) return tl::unexpected(db.error());
  t->db = std::move(*db);
  return t;
}

}  // namespace sen::storage::testing
