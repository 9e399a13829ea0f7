#pragma once

#include <string>
#include <vector>

#include "core/clock.hpp"
#include "storage/database.hpp"

namespace sen::storage {

// A numbered, forward-only schema change compiled into the binary (src/storage/migrations/<dialect>/).
struct Migration {
  int version = 0;
  std::string name;
  std::string sql;
  std::string checksum;  // SHA-256 of the SQL text, hex
};

std::vector<Migration> embedded_migrations(Dialect dialect);

struct MigrationStatus {
  int applied_version = 0;  // highest version recorded in schema_migrations
  int latest_version = 0;   // highest version this binary knows
  bool up_to_date() const { return applied_version == latest_version; }
};

// Fails when the database records a version this binary does not know, or an applied migration's
// checksum differs from the embedded one (someone edited a released migration).
Result<MigrationStatus> check_migrations(Database& db);

// Applies pending migrations, each in its own transaction; returns how many were applied.
Result<int> apply_migrations(Database& db, const Clock& clock);

}  // namespace sen::storage
