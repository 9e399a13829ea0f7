#include "services/procedure_catalog.hpp"

#include <fmt/format.h>

#include <boost/json.hpp>
#include <mutex>

#include "audit/audit_log.hpp"
#include "core/text_fold.hpp"
#include "services/deadline.hpp"
#include "services/procedure_pack.hpp"

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
