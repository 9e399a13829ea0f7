#include "audit/audit_log.hpp"

#include <fmt/format.h>

#include <algorithm>
#include <memory>
#include <vector>

#include "core/sha256.hpp"

namespace sen::audit {
namespace {

constexpr std::string_view kColumns =
    "SELECT seq, at, actor_id, actor_ip, action, object_type, object_id, place_code, summary, prev_hash, "
    "hash "
    "FROM audit_log";

StoredEntry to_entry(const storage::Row& r) {
  auto text = [&](std::size_t i) { return r.is_null(i) ? std::string() : r.text(i); };
  return StoredEntry{r.integer(0), r.text(1),
                     Entry{text(2), text(3), r.text(4), r.text(5), r.text(6), text(7), r.text(8)}, r.text(9),
                     r.text(10)};
}

storage::Value nullable(const std::string& s) {
  return s.empty() ? storage::Value(nullptr) : storage::Value(s);
}

}  // namespace

std::string entry_hash(const StoredEntry& e) {
  // Unit separators keep field boundaries unambiguous.
  const auto& x = e.entry;
  return sha256_hex(fmt::format("{}\x1f{}\x1f{}\x1f{}\x1f{}\x1f{}\x1f{}\x1f{}\x1f{}\x1f{}\x1f{}", e.prev_hash,
                                e.seq, e.at, x.actor_id, x.actor_ip, x.action, x.object_type, x.object_id,
                                x.place_code, x.summary, "v1"));
}

namespace {

// Entries appended in the current transaction, newest first; a list of immutable nodes, so a
// savepoint's snapshot of the head stays valid and appending costs no copying.
struct Pending {
  Entry entry;
  std::string at;
  std::shared_ptr<const Pending> previous;
};
constexpr char kPendingKey = 0;
constexpr char kFlushKey = 0;

// Links `entries` (oldest first) to the chain's last entry and inserts them.
Status insert_linked(storage::Connection& conn, const std::vector<const Pending*>& entries) {
  if (entries.empty()) return {};
  // Inside a write transaction, which on PostgreSQL holds the lock that lets one write transaction
  // at a time through across processes (storage/postgres_connection.cpp), no other transaction links
  // to the same predecessor. Outside one, a race ends in a conflict on `seq`, never a forked chain.
  auto last = conn.execute("SELECT seq, hash FROM audit_log ORDER BY seq DESC LIMIT 1");
  if (!last) return tl::unexpected(last.error());
  std::int64_t seq = last->rows.empty() ? 0 : last->rows[0].integer(0);
  std::string prev = last->rows.empty() ? std::string(kGenesisHash) : last->rows[0].text(1);
  // One statement per entry; the PostgreSQL connection sends them on as one multi-row INSERT.
  for (const Pending* p : entries) {
    StoredEntry e;
    e.seq = ++seq;
    e.at = p->at;
    e.entry = p->entry;
    e.prev_hash = prev;
    e.hash = entry_hash(e);
    prev = e.hash;
    const Entry& x = e.entry;
    auto inserted = conn.execute_deferred(
        "INSERT INTO audit_log (seq, at, actor_id, actor_ip, action, object_type, object_id, place_code, "
        "summary, prev_hash, hash) VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11)",
        {e.seq, e.at, nullable(x.actor_id), nullable(x.actor_ip), x.action, x.object_type, x.object_id,
         nullable(x.place_code), x.summary, e.prev_hash, e.hash});
    if (!inserted) return inserted;
  }
  return {};
}

Status flush_pending(storage::Connection& conn) {
  std::vector<const Pending*> entries;
  auto head = std::static_pointer_cast<const Pending>(conn.transaction_value(&kPendingKey));
  for (const Pending* p = head.get(); p != nullptr; p = p->previous.get()) entries.push_back(p);
  std::reverse(entries.begin(), entries.end());
  return insert_linked(conn, entries);
}

}  // namespace

Status append(storage::Connection& conn, const Entry& entry, const Clock& clock) {
  auto node = std::make_shared<const Pending>(
      Pending{entry, format_rfc3339(clock.now(), 0),
              std::static_pointer_cast<const Pending>(conn.transaction_value(&kPendingKey))});
  if (!conn.in_write_transaction()) return insert_linked(conn, {node.get()});
  // Entries wait for the commit and go in together: the chain's lock is held only from there.
  conn.set_transaction_value(&kPendingKey, std::move(node));
  return conn.before_commit(&kFlushKey, flush_pending);
}

Result<VerifyReport> verify(storage::Database& db) {
  auto conn = db.acquire();
  if (!conn) return tl::unexpected(conn.error());
  VerifyReport report;
  std::string prev(kGenesisHash);
  std::int64_t expected_seq = 1;
  for (;;) {
    auto rows =
        (*conn)->execute(fmt::format("{} WHERE seq >= $1 ORDER BY seq LIMIT 1000", kColumns), {expected_seq});
    if (!rows) return tl::unexpected(rows.error());
    if (rows->rows.empty()) break;
    for (const auto& row : rows->rows) {
      const StoredEntry e = to_entry(row);
      auto bad = [&](std::string problem) {
        report.first_bad_seq = e.seq;
        report.problem = std::move(problem);
        return report;
      };
      if (e.seq != expected_seq)
        return bad(fmt::format("entry {} is missing (next is {})", expected_seq, e.seq));
      if (e.prev_hash != prev)
        return bad(fmt::format("entry {} does not link to entry {}", e.seq, e.seq - 1));
      if (entry_hash(e) != e.hash) return bad(fmt::format("entry {} was altered (hash mismatch)", e.seq));
      prev = e.hash;
      ++expected_seq;
      ++report.checked;
    }
  }
  return report;
}

Result<Page> query(storage::Database& db, const Query& q, const storage::PageRequest& page) {
  auto conn = db.acquire();
  if (!conn) return tl::unexpected(conn.error());
  // The key column is the zero-padded sequence so keyset paging compares text in both dialects;
  // newest first pages over its complement, which sorts the other way.
  const std::string seq = q.newest_first ? "(999999999999999999 - seq)" : "seq";
  const std::string key = db.dialect() == storage::Dialect::kSqlite
                              ? fmt::format("printf('%020d', {})", seq)
                              : fmt::format("lpad({}::text, 20, '0')", seq);
  auto rows = storage::fetch_page(
      **conn, fmt::format("SELECT {} AS k, * FROM ({}) a", key, kColumns), "SELECT count(*) FROM audit_log a",
      "($1 = '' OR object_type = $1) AND ($2 = '' OR object_id = $2) AND ($3 = '' OR actor_id = $3) AND "
      "($4 = '' OR place_code = $4) AND ($5 = '' OR at >= $5) AND ($6 = '' OR at < $6) AND "
      "($7 = '' OR action = $7)",
      key,
      {q.object_type, q.object_id, q.actor_id, q.place_code,
       // Entries are stamped in UTC ("Z"), so instants compare as text once written the same way.
       q.from ? format_rfc3339(*q.from, 0) : std::string(), q.to ? format_rfc3339(*q.to, 0) : std::string(),
       q.action},
      page);
  if (!rows) return tl::unexpected(rows.error());
  Page out;
  out.total = rows->total;
  out.next_after = rows->next_after;
  for (auto& row : rows->rows) {
    row.values.erase(row.values.begin());  // the key column
    out.items.push_back(to_entry(row));
  }
  return out;
}

}  // namespace sen::audit
