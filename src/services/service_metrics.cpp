#include "services/service_metrics.hpp"

#include <fmt/format.h>

#include "core/clock.hpp"

namespace sen::services {
namespace {

std::string scope_condition(const ServiceScope& scope) {
  switch (scope.kind) {
    case ServiceScope::Kind::kAgency:
      return "d.agency_code = $3";
    case ServiceScope::Kind::kCommune:
      return "d.place_code = $3";
    case ServiceScope::Kind::kProvince:
      return "d.province_code = $3";
    case ServiceScope::Kind::kNation:
      return "$3 = ''";
  }
  return "$3 = ''";
}

}  // namespace

Result<ServiceCounts> service_counts(storage::Connection& conn, const ServiceScope& scope,
                                     const std::string& from, const std::string& to) {
  const std::string where =
      fmt::format("d.submitted_at IS NOT NULL AND d.submitted_at >= $1 AND d.submitted_at < $2 AND {}",
                  scope_condition(scope));
  const std::string code = scope.kind == ServiceScope::Kind::kNation ? "" : scope.code;
  auto totals =
      conn.execute(fmt::format("SELECT count(*), "
                               "coalesce(sum(CASE WHEN d.channel = 'online' THEN 1 ELSE 0 END), 0), "
                               "coalesce(sum(CASE WHEN d.timeliness IS NOT NULL AND d.finished_at IS NOT "
                               "NULL THEN 1 ELSE 0 END), 0), "
                               "coalesce(sum(CASE WHEN d.timeliness IN ('early', 'on_time') AND "
                               "d.finished_at IS NOT NULL THEN 1 ELSE 0 END), 0), "
                               "coalesce(sum(CASE WHEN d.fee_vnd > 0 THEN 1 ELSE 0 END), 0), "
                               "coalesce(sum(CASE WHEN d.status = 'returned' THEN 1 ELSE 0 END), 0) "
                               "FROM dossiers d WHERE {}",
                               where),
                   {from, to, code});
  if (!totals) return tl::unexpected(totals.error());
  ServiceCounts c;
  const auto& t = totals->rows.front();
  c.submitted = t.integer(0);
  c.online = t.integer(1);
  c.finished_timed = t.integer(2);
  c.early_or_on_time = t.integer(3);
  c.with_fee = t.integer(4);
  c.returned = t.integer(5);

  const auto count = [&](std::string_view from_where) -> Result<std::int64_t> {
    auto r = conn.execute(fmt::format("SELECT count(*) {} AND {}", from_where, where), {from, to, code});
    if (!r) return tl::unexpected(r.error());
    return r->rows.front().integer(0);
  };
  struct Part {
    std::int64_t* out;
    std::string_view sql;
  };
  const Part parts[] = {
      {&c.paid_online,
       "FROM payments p JOIN dossiers d ON d.code = p.dossier_code WHERE p.status = 'paid' AND "
       "p.transaction_id IS NOT NULL"},
      {&c.results, "FROM results r JOIN dossiers d ON d.code = r.dossier_code WHERE 1 = 1"},
      {&c.signed_results,
       "FROM results r JOIN dossiers d ON d.code = r.dossier_code WHERE r.revoked_at IS NULL"},
      {&c.rated, "FROM ratings g JOIN dossiers d ON d.code = g.dossier_code WHERE 1 = 1"},
      {&c.satisfied, "FROM ratings g JOIN dossiers d ON d.code = g.dossier_code WHERE g.score >= 4"},
      {&c.supplemented_more_than_once,
       "FROM dossiers d WHERE (SELECT count(*) FROM dossier_events e WHERE e.dossier_code = d.code AND "
       "e.action = 'request_supplement') > 1"},
      {&c.refused_or_rejected, "FROM dossiers d WHERE d.status IN ('refused', 'rejected')"},
      {&c.refused_with_reason,
       "FROM dossiers d WHERE d.status IN ('refused', 'rejected') AND EXISTS (SELECT 1 FROM dossier_events e "
       "WHERE "
       "e.dossier_code = d.code AND e.action IN ('refuse', 'reject') AND e.comment <> '')"},
  };
  for (const auto& p : parts) {
    auto n = count(p.sql);
    if (!n) return tl::unexpected(n.error());
    *p.out = *n;
  }
  // Time taken against time allowed, from receipt: read row by row, as instants.
  auto times = conn.execute(
      fmt::format(
          "SELECT d.received_at, d.due_at, d.finished_at FROM dossiers d WHERE {} AND d.received_at IS NOT "
          "NULL AND d.due_at IS NOT NULL AND d.finished_at IS NOT NULL AND d.timeliness IS NOT NULL",
          where),
      {from, to, code});
  if (!times) return tl::unexpected(times.error());
  for (const auto& row : times->rows) {
    const auto received = parse_rfc3339(row.text(0));
    const auto due = parse_rfc3339(row.text(1));
    const auto finished = parse_rfc3339(row.text(2));
    if (!received || !due || !finished || *due <= *received) continue;
    c.time_ratio_sum += std::chrono::duration<double>(*finished - *received).count() /
                        std::chrono::duration<double>(*due - *received).count();
    ++c.time_ratio_count;
  }
  return c;
}

}  // namespace sen::services
