#include "storage/migrations.hpp"

#include <fmt/format.h>

#include <algorithm>
#include <span>

#include "core/embedded_file.hpp"
#include "core/sha256.hpp"

namespace sen::storage::schema {
extern const std::span<const sen::EmbeddedFile> kEmbedded;
}

namespace sen::storage {
namespace {

constexpr std::string_view kCreateTable =
    "CREATE TABLE IF NOT EXISTS schema_migrations (version INTEGER PRIMARY KEY, name TEXT NOT NULL, "
    "checksum TEXT NOT NULL, applied_at TEXT NOT NULL)";

}  // namespace

std::vector<Migration> embedded_migrations(Dialect dialect) {
  const std::string prefix = dialect == Dialect::kSqlite ? "sqlite/" : "postgres/";
  std::vector<Migration> out;
  for (const auto& file : schema::kEmbedded) {
    if (!file.path.starts_with(prefix)) continue;
    const auto base = file.path.substr(prefix.size());  // "0001_name.sql"
    Migration m;
    m.version = std::stoi(std::string(base.substr(0, 4)));
    m.name = std::string(base.substr(5, base.size() - 5 - 4));
    m.sql = std::string(file.data);
    m.checksum = sha256_hex(file.data);
    out.push_back(std::move(m));
  }
  std::sort(out.begin(), out.end(), [](const auto& a, const auto& b) { return a.version < b.version; });
  return out;
}

Result<MigrationStatus> check_migrations(Database& db) {
  auto conn = db.acquire();
  if (!conn) return tl::unexpected(conn.error());
  if (auto s = (*conn)->execute_script(kCreateTable); !s) return tl::unexpected(s.error());
  auto rows = (*conn)->execute("SELECT version, checksum, name FROM schema_migrations ORDER BY version");
  if (!rows) return tl::unexpected(rows.error());
  const auto known = embedded_migrations(db.dialect());
  MigrationStatus status;
  status.latest_version = known.empty() ? 0 : known.back().version;
  for (const auto& row : rows->rows) {
    const int version = static_cast<int>(row.integer(0));
    const auto it =
        std::find_if(known.begin(), known.end(), [&](const auto& m) { return m.version == version; });
    if (it == known.end()) {
      return fail(ErrorCode::kConflict,
                  fmt::format("the database has schema version {} ({}), which this binary does not know; "
                              "run a newer sen",
                              version, row.text(2)));
    }
    if (it->checksum != row.text(1)) {
      return fail(ErrorCode::kConflict,
                  fmt::format("migration {} ({}) was changed after it was applied (checksum mismatch)",
                              version, it->name));
    }
    status.applied_version = std::max(status.applied_version, version);
  }
  return status;
}

Result<int> apply_migrations(Database& db, const Clock& clock) {
  auto status = check_migrations(db);
  if (!status) return tl::unexpected(status.error());
  int applied = 0;
  for (const auto& m : embedded_migrations(db.dialect())) {
    if (m.version <= status->applied_version) continue;
    auto done = db.write_transaction([&](Connection& conn) -> Result<int> {
      if (conn.dialect() == Dialect::kPostgres) {
        // Serialises concurrent migrators; released at commit.
        if (auto s = conn.execute_script("SELECT pg_advisory_xact_lock(7366)"); !s)
          return tl::unexpected(s.error());
      }
      auto again =
          conn.execute("SELECT 1 FROM schema_migrations WHERE version = $1", {std::int64_t{m.version}});
      if (!again) return tl::unexpected(again.error());
      if (!again->rows.empty()) return 0;  // another process applied it meanwhile
      if (auto s = conn.execute_script(m.sql); !s) {
        auto e = s.error();
        e.internal = fmt::format("migration {} ({}): {}", m.version, m.name, e.internal);
        return tl::unexpected(e);
      }
      auto rec = conn.execute(
          "INSERT INTO schema_migrations (version, name, checksum, applied_at) VALUES ($1, $2, $3, $4)",
          {std::int64_t{m.version}, m.name, m.checksum, format_rfc3339(clock.now())});
      if (!rec) return tl::unexpected(rec.error());
      return 1;
    });
    if (!done) return tl::unexpected(done.error());
    applied += *done;
  }
  return applied;
}

}  // namespace sen::storage
