#include "storage/snapshot.hpp"

#include <fmt/format.h>
#include <spawn.h>
#include <sqlite3.h>
#include <sys/wait.h>

#include <string>
#include <vector>

#include "storage/database.hpp"

extern char** environ;

namespace sen::storage {
namespace {

bool is_postgres(const StorageConfig& config) { return !config.database_url.empty(); }

std::filesystem::path sqlite_path(const StorageConfig& config) {
  return std::filesystem::path(config.data_dir) / "sen.db";
}

// Runs a PostgreSQL client tool; its arguments are passed as they are, never through a shell.
Status run_tool(const std::vector<std::string>& args) {
  std::vector<char*> argv;
  for (const auto& a : args) argv.push_back(const_cast<char*>(a.c_str()));
  argv.push_back(nullptr);
  pid_t pid = 0;
  if (const int rc = posix_spawnp(&pid, argv[0], nullptr, nullptr, argv.data(), environ); rc != 0) {
    return fail(ErrorCode::kUnavailable,
                fmt::format("cannot run {}: is the PostgreSQL client installed?", args[0]));
  }
  int status = 0;
  if (waitpid(pid, &status, 0) < 0 || !WIFEXITED(status) || WEXITSTATUS(status) != 0) {
    return fail(ErrorCode::kInternal,
                fmt::format("{} failed (exit status {})", args[0], WEXITSTATUS(status)));
  }
  return {};
}

Status sqlite_backup(const std::filesystem::path& from, const std::filesystem::path& to) {
  sqlite3* source = nullptr;
  sqlite3* target = nullptr;
  auto close = [&] {
    sqlite3_close_v2(source);
    sqlite3_close_v2(target);
  };
  if (sqlite3_open_v2(from.c_str(), &source, SQLITE_OPEN_READONLY, nullptr) != SQLITE_OK ||
      sqlite3_open_v2(to.c_str(), &target, SQLITE_OPEN_READWRITE | SQLITE_OPEN_CREATE, nullptr) !=
          SQLITE_OK) {
    close();
    return fail(ErrorCode::kUnavailable, fmt::format("cannot open {} or {}", from.string(), to.string()));
  }
  sqlite3_busy_timeout(source, 5000);
  sqlite3_backup* backup = sqlite3_backup_init(target, "main", source, "main");
  if (backup == nullptr) {
    Error e{ErrorCode::kInternal, std::string("backup: ") + sqlite3_errmsg(target), "", {}};
    close();
    return tl::unexpected(e);
  }
  // Every page in one step: one read transaction, so the copy is of one moment.
  const int rc = sqlite3_backup_step(backup, -1);
  sqlite3_backup_finish(backup);
  const std::string message = rc == SQLITE_DONE ? "" : sqlite3_errstr(rc);
  close();
  if (!message.empty()) return fail(ErrorCode::kInternal, "backup: " + message);
  return {};
}

}  // namespace

std::filesystem::path snapshot_file_name(const StorageConfig& config) {
  return is_postgres(config) ? "database.pgdump" : "database.sqlite";
}

Status snapshot_database(const StorageConfig& config, const std::filesystem::path& target) {
  if (is_postgres(config)) {
    return run_tool({"pg_dump", "--format=custom", "--no-owner", "--no-privileges", "--file", target.string(),
                     "--dbname", config.database_url});
  }
  const auto source = sqlite_path(config);
  if (!std::filesystem::exists(source)) {
    return fail(ErrorCode::kNotFound, fmt::format("no database at {}", source.string()), "data_dir");
  }
  return sqlite_backup(source, target);
}

Status restore_database(const StorageConfig& config, const std::filesystem::path& snapshot) {
  if (is_postgres(config)) {
    {
      auto db = open_database(config);
      if (!db) return tl::unexpected(db.error());
      auto conn = (*db)->acquire();
      if (!conn) return tl::unexpected(conn.error());
      auto tables = (*conn)->execute(
          "SELECT count(*) FROM information_schema.tables WHERE table_schema = current_schema()", {});
      if (!tables) return tl::unexpected(tables.error());
      if (tables->rows.front().integer(0) != 0) {
        return fail(ErrorCode::kConflict, "the database to restore into already holds tables",
                    "database_url");
      }
    }
    return run_tool({"pg_restore", "--no-owner", "--no-privileges", "--exit-on-error", "--dbname",
                     config.database_url, snapshot.string()});
  }
  const auto target = sqlite_path(config);
  if (std::filesystem::exists(target)) {
    return fail(ErrorCode::kConflict, fmt::format("{} exists already", target.string()), "data_dir");
  }
  std::error_code ec;
  std::filesystem::copy_file(snapshot, target, ec);
  if (ec)
    return fail(ErrorCode::kInternal, fmt::format("cannot write {}: {}", target.string(), ec.message()));
  return {};
}

}  // namespace sen::storage
