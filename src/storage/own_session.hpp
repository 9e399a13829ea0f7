#pragma once

#include <memory>

#include "core/config.hpp"
#include "storage/database.hpp"

namespace sen::storage {

// A session of its own on the shared PostgreSQL database, for a lock or a LISTEN that must outlive any
// pooled lease (storage::Leadership, storage::ChangeFeed); nullptr (no error) on SQLite, where one
// process owns the database.
Result<std::unique_ptr<Connection>> open_own_session(const StorageConfig& config);

}  // namespace sen::storage
