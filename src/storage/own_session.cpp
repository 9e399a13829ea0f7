#include "storage/own_session.hpp"

namespace sen::storage {

Result<std::unique_ptr<Connection>> open_own_session(const StorageConfig& config) {
  if (config.database_url.empty()) return std::unique_ptr<Connection>();
  return open_postgres(config.database_url, config.statement_timeout_ms);
}

}  // namespace sen::storage
