#pragma once

#include <cstdint>
#include <filesystem>
#include <functional>
#include <string>
#include <string_view>
#include <vector>

#include "core/clock.hpp"
#include "core/config.hpp"
#include "core/status.hpp"
#include "storage/database.hpp"

namespace sen::backup {

// The stored files ("<kind>/<name>" under files/) the rows of a database refer to; the application
// knows which tables hold them.
using ReferencedFiles = std::function<Result<std::vector<std::string>>(storage::Connection&)>;

// Called as files are copied or checked: done so far, of total.
using Progress = std::function<void(std::size_t done, std::size_t total)>;

struct Summary {
  std::size_t files = 0;  // the database's snapshot included
  std::uintmax_t bytes = 0;
};

// A backup of a running installation into `target` (created; kConflict if it exists and is not
// empty): a consistent snapshot of the database (storage/snapshot.hpp), then every file of the data
// directory (uploaded papers, signed results, keys) under data/, and last manifest.json with each
// file's size and SHA-256. On SQLite, every stored file the snapshot refers to must be in the backup
// (a paper replaced while it ran is kConflict: run it again); nothing is left behind on failure.
Result<Summary> create_backup(const StorageConfig& config, const std::filesystem::path& target,
                              const Clock& clock, std::string_view version, const ReferencedFiles& referenced,
                              const Progress& progress);

// Every file of the backup against its manifest: kInvalidArgument naming the first that is missing or
// differs.
Result<Summary> verify_backup(const std::filesystem::path& backup, const Progress& progress);

// Checks the backup, then restores it into an empty installation: the data directory (absent or
// empty; kConflict otherwise) and the database (storage::restore_database).
Result<Summary> restore_backup(const std::filesystem::path& backup, const StorageConfig& into,
                               const Progress& progress);

}  // namespace sen::backup
