#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "core/clock.hpp"
#include "core/status.hpp"
#include "storage/database.hpp"
#include "storage/keyset_page.hpp"

namespace sen::audit {

// One state change: who did what to which object, from where, with a short before/after summary.
// The summary never holds passwords, tokens or full identity numbers (callers mask them).
struct Entry {
  std::string actor_id;  // account id, empty for the system or an anonymous registration
  std::string actor_ip;
  std::string action;  // e.g. "account.register", "role.grant"
  std::string object_type;
  std::string object_id;
  std::string place_code;  // where the object belongs, for scoped queries; may be empty
  std::string summary;     // compact JSON object
};

struct StoredEntry {
  std::int64_t seq = 0;
  std::string at;
  Entry entry;
  std::string prev_hash;
  std::string hash;
};

inline constexpr std::string_view kGenesisHash =
    "0000000000000000000000000000000000000000000000000000000000000000";

// Appends within the caller's write transaction, so a change and its audit record commit or roll back
// together; the transaction's entries are written together just before it commits. Each entry's hash
// covers the previous entry's hash: editing or deleting a past entry breaks the chain from there on.
Status append(storage::Connection& conn, const Entry& entry, const Clock& clock);

std::string entry_hash(const StoredEntry& e);

struct VerifyReport {
  std::int64_t checked = 0;
  std::optional<std::int64_t> first_bad_seq;
  std::string problem;
};

// Walks the whole chain in order; reports the first entry whose hash, link or sequence is wrong.
Result<VerifyReport> verify(storage::Database& db);

struct Query {
  std::string object_type;
  std::string object_id;
  std::string actor_id;
  std::string place_code;
  std::optional<std::chrono::system_clock::time_point> from;  // inclusive; none: unbounded
  std::optional<std::chrono::system_clock::time_point> to;    // exclusive
  std::string action;                                         // exact, e.g. "account.admin_lock"; empty: any
  bool newest_first = false;  // an auditor's page starts from the latest; exports read oldest first
};

struct Page {
  std::vector<StoredEntry> items;
  std::int64_t total = 0;
  std::optional<std::string> next_after;
};

Result<Page> query(storage::Database& db, const Query& q, const storage::PageRequest& page);

}  // namespace sen::audit
