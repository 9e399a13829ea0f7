#pragma once

#include <functional>
#include <string>

#include "audit/audit_log.hpp"
#include "core/language.hpp"
#include "tables/table.hpp"

namespace sen::audit {

// Who an actor id is, as a person reads it (a username); the audit log keeps only the id.
using ActorName = std::function<Result<std::string>(const std::string& actor_id)>;

// The entries a query selects, oldest first, as a table for CSV or XLSX. More than `max_rows` is
// kPayloadTooLarge: narrow the query.
Result<tables::Table> audit_table(storage::Database& db, const Query& q, Language lang, std::size_t max_rows,
                                  const ActorName& actor_name);

}  // namespace sen::audit
