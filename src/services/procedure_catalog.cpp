#include "services/procedure_catalog.hpp"

#include <fmt/format.h>

#include <boost/json.hpp>
#include <mutex>

#include "audit/audit_log.hpp"
#include "core/text_fold.hpp"
#include "services/deadline.hpp"
#include "services/procedure_pack.hpp"
#include "services/procedure_search.hpp"

namespace sen::services {
namespace {

namespace json = boost::json;

constexpr std::string_view kSelect = "SELECT p.code, p.definition, p.version FROM procedures p";
constexpr std::string_view kCount = "SELECT count(*) FROM procedures p";
constexpr std::string_view kFilter =
    "($1 = '' OR p.search_name LIKE $2 ESCAPE '\\' OR p.code = $1) AND ($3 = '' OR p.level = $3) AND "
    "($4 = '' OR p.sector = $4) AND ($5 = '' OR p.level = $6 OR p.level = $7 OR p.level = $8)";

std::string search_text(const Procedure& p) {
  return fold_for_search(p.name + " " + p.code + " " + p.sector);
}

}  // namespace

Result<std::shared_ptr<const Procedure>> ProcedureCatalog::cached(const std::string& code,
                                                                  const std::string& definition,
                                                                  int version) const {
  {
    std::shared_lock lock(mutex_);
    if (auto it = cache_.find(code); it != cache_.end() && it->second->version == version) return it->second;
  }
  auto parsed = parse_procedure(definition, code);
  if (!parsed)
    return fail_internal("stored procedure " + code + " does not parse: " + parsed.error().message);
  parsed->version = version;
  auto shared = std::make_shared<const Procedure>(std::move(*parsed));
  std::unique_lock lock(mutex_);
  cache_[code] = shared;
  return shared;
}

Result<int> ProcedureCatalog::load_pack(const std::vector<Procedure>& procedures) {
  return db_.write_transaction([&](storage::Connection& conn) -> Result<int> {
    int changed = 0;
    const std::string now = format_rfc3339(clock_.now());
    for (const auto& p : procedures) {
      auto existing = conn.execute("SELECT version FROM procedures WHERE code = $1", {p.code});
      if (!existing) return tl::unexpected(existing.error());
      if (!existing->rows.empty() && existing->rows.front().integer(0) >= p.version) continue;
      const std::string definition = json::serialize(procedure_to_json(p));
      const std::vector<storage::Value> params{p.code,
                                               p.name,
                                               search_text(p),
                                               p.sector,
                                               p.level,
                                               std::int64_t{p.fully_online() ? 1 : 0},
                                               definition,
                                               std::int64_t{p.version},
                                               now};
      auto sql =
          existing->rows.empty()
              ? "INSERT INTO procedures (code, name, search_name, sector, level, fully_online, definition, "
                "version, updated_at) VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9)"
              : "UPDATE procedures SET name = $2, search_name = $3, sector = $4, level = $5, "
                "fully_online = $6, definition = $7, version = $8, updated_at = $9 WHERE code = $1";
      if (auto r = conn.execute(sql, params); !r) return tl::unexpected(r.error());
      ++changed;
    }
    return changed;
  });
}

std::shared_ptr<const Procedure> ProcedureCatalog::get_cached(const std::string& code) const {
  // Definitions change only through this process (pack load, administrators' edits), so a cached one is
  // current; several server processes would need a version check here.
  std::shared_lock lock(mutex_);
  if (auto it = cache_.find(code); it != cache_.end()) return it->second;
  return nullptr;
}

Result<std::shared_ptr<const Procedure>> ProcedureCatalog::get(const std::string& code) const {
  if (auto p = get_cached(code)) return p;
  auto conn = db_.acquire();
  if (!conn) return tl::unexpected(conn.error());
  auto rows = (*conn)->execute(fmt::format("{} WHERE p.code = $1", kSelect), {code});
  if (!rows) return tl::unexpected(rows.error());
  if (rows->rows.empty()) {
    return fail(ErrorCode::kNotFound, fmt::format("No procedure with code '{}'", code), "procedure");
  }
  const auto& row = rows->rows.front();
  return cached(row.text(0), row.text(1), static_cast<int>(row.integer(2)));
}

Status ProcedureCatalog::warm() const {
  auto conn = db_.acquire();
  if (!conn) return tl::unexpected(conn.error());
  auto rows = (*conn)->execute(kSelect, {});
  if (!rows) return tl::unexpected(rows.error());
  for (const auto& row : rows->rows) {
    if (auto p = cached(row.text(0), row.text(1), static_cast<int>(row.integer(2))); !p) {
      return tl::unexpected(p.error());
    }
  }
  return {};
}

Result<places::Page<std::shared_ptr<const Procedure>>> ProcedureCatalog::search(
    const ProcedureFilter& filter, const storage::PageRequest& page) const {
  if (!filter.query.empty()) return ranked_search(filter, page);
  auto conn = db_.acquire();
  if (!conn) return tl::unexpected(conn.error());
  const std::string folded = fold_for_search(filter.query);
  std::vector<std::string> levels = filter.levels_at_place;
  const bool by_place = !levels.empty();
  levels.resize(3, by_place ? levels.front() : std::string());
  auto rows =
      storage::fetch_page(**conn, kSelect, kCount, kFilter, "p.code",
                          {folded, storage::like_contains(folded), filter.level, filter.sector,
                           by_place ? std::string("1") : std::string(), levels[0], levels[1], levels[2]},
                          page);
  if (!rows) return tl::unexpected(rows.error());
  places::Page<std::shared_ptr<const Procedure>> out;
  out.total = rows->total;
  out.next_after = rows->next_after;
  for (const auto& row : rows->rows) {
    auto p = cached(row.text(0), row.text(1), static_cast<int>(row.integer(2)));
    if (!p) return tl::unexpected(p.error());
    out.items.push_back(*p);
  }
  return out;
}

// Every procedure is in the cache (warm() at start, each change re-read), so a query is ranked in
// memory; the page key orders by score, then name length, then code, as rank_procedures does.
Result<places::Page<std::shared_ptr<const Procedure>>> ProcedureCatalog::ranked_search(
    const ProcedureFilter& filter, const storage::PageRequest& page) const {
  std::vector<std::shared_ptr<const Procedure>> candidates;
  {
    std::shared_lock lock(mutex_);
    for (const auto& [code, p] : cache_) {
      if (!filter.level.empty() && p->level != filter.level) continue;
      if (!filter.sector.empty() && p->sector != filter.sector) continue;
      if (!filter.levels_at_place.empty() &&
          std::find(filter.levels_at_place.begin(), filter.levels_at_place.end(), p->level) ==
              filter.levels_at_place.end())
        continue;
      candidates.push_back(p);
    }
  }
  places::Page<std::shared_ptr<const Procedure>> out;
  const auto matches = rank_procedures(filter.query, candidates);
  out.total = page.count_total ? static_cast<std::int64_t>(matches.size()) : 0;
  for (const auto& m : matches) {
    std::string key = fmt::format("{:06d}.{:05d}.{}", 999999 - std::min(m.score, 999999),
                                  std::min<std::size_t>(m.procedure->name.size(), 99999), m.procedure->code);
    if (!page.after.empty() && key <= page.after) continue;
    if (static_cast<int>(out.items.size()) == page.limit) break;
    out.items.push_back(m.procedure);
    out.next_after = std::move(key);
  }
  // A full page is followed by more only when a match remains after it.
  if (static_cast<int>(out.items.size()) < page.limit)
    out.next_after.reset();
  else if (out.items.back() == matches.back().procedure)
    out.next_after.reset();
  return out;
}

std::chrono::year_month_day ProcedureCatalog::today() const { return local_date(clock_.now()); }

Result<std::vector<SectorCount>> ProcedureCatalog::sectors() const {
  auto conn = db_.acquire();
  if (!conn) return tl::unexpected(conn.error());
  auto rows = (*conn)->execute("SELECT sector, count(*) FROM procedures GROUP BY sector ORDER BY sector", {});
  if (!rows) return tl::unexpected(rows.error());
  std::vector<SectorCount> out;
  for (const auto& row : rows->rows) out.push_back({row.text(0), row.integer(1)});
  return out;
}

Result<std::shared_ptr<const Procedure>> ProcedureCatalog::replace(Procedure p, const std::string& actor_id,
                                                                   const std::string& actor_ip) {
  auto version = db_.write_transaction([&](storage::Connection& conn) -> Result<int> {
    auto existing = conn.execute("SELECT version FROM procedures WHERE code = $1", {p.code});
    if (!existing) return tl::unexpected(existing.error());
    if (existing->rows.empty()) {
      return fail(ErrorCode::kNotFound, fmt::format("No procedure with code '{}'", p.code), "code");
    }
    p.version = static_cast<int>(existing->rows.front().integer(0)) + 1;
    const std::string definition = json::serialize(procedure_to_json(p));
    auto r = conn.execute(
        "UPDATE procedures SET name = $2, search_name = $3, sector = $4, level = $5, fully_online = $6, "
        "definition = $7, version = $8, updated_at = $9 WHERE code = $1",
        {p.code, p.name, search_text(p), p.sector, p.level, std::int64_t{p.fully_online() ? 1 : 0},
         definition, std::int64_t{p.version}, format_rfc3339(clock_.now())});
    if (!r) return tl::unexpected(r.error());
    const json::object summary{{"version", p.version}, {"name", p.name}};
    auto a = audit::append(
        conn, {actor_id, actor_ip, "procedure.update", "procedure", p.code, "", json::serialize(summary)},
        clock_);
    if (!a) return tl::unexpected(a.error());
    return p.version;
  });
  if (!version) return tl::unexpected(version.error());
  {
    std::unique_lock lock(mutex_);
    cache_.erase(p.code);
  }
  return get(p.code);
}

}  // namespace sen::services
