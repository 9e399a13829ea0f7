#pragma once

#include <filesystem>

#include "core/config.hpp"
#include "core/status.hpp"

namespace sen::storage {

// A consistent copy of the database while the server keeps writing: SQLite's online backup API into
// a new SQLite file at `target` (one read transaction, so one point in time; writers go on in WAL
// mode), or pg_dump's custom format for PostgreSQL (one repeatable-read snapshot).
Status snapshot_database(const StorageConfig& config, const std::filesystem::path& target);

// The snapshot into an empty database: the SQLite file becomes `<data_dir>/sen.db` (kConflict when one
// exists), or pg_restore loads it into `database_url` (kConflict when that database holds tables).
Status restore_database(const StorageConfig& config, const std::filesystem::path& snapshot);

// The file that holds a database of this configuration in a backup.
std::filesystem::path snapshot_file_name(const StorageConfig& config);

}  // namespace sen::storage
