#include "analytics/statistics.hpp"

#include <fmt/format.h>

#include <algorithm>
#include <charconv>
#include <cmath>
#include <map>
#include <mutex>

#include "audit/audit_log.hpp"
#include "identity/account_service.hpp"

namespace sen::analytics {
namespace {

Result<Period> one_period(std::string_view text, std::string_view field) {
  auto p = parse_periods(text, month_of(2100, 1), field);
  if (!p) return tl::unexpected(p.error());
  if (p->size() != 1 || p->front().type == PeriodType::kYearToDate)
    return fail(ErrorCode::kInvalidArgument, std::string(field) + " must be a month, quarter or year",
                std::string(field));
  return p->front();
}

}  // namespace

Status StatisticsStore::load(storage::Connection& conn) {
  auto r = conn.execute(
      "SELECT element, place_code, period, value, mapped, split, reported_code FROM statistics_values");
  if (!r) return tl::unexpected(r.error());
  for (const auto& row : r->rows) {
    auto node = tree_.find(row.text(1));
    auto period = one_period(row.text(2), "period");
    if (!node || !period) continue;  // a place or period no longer read: left out of the figures
    put(row.text(0),
        StatValue{*node, *period, row.real(3), row.integer(4) != 0, row.integer(5) != 0, row.text(6)});
  }
  return {};
}

void StatisticsStore::put(const std::string& element, StatValue v) {
  std::unique_lock lock(mutex_);
  auto& list = values_[element];
  for (auto& existing : list)
    if (existing.reported_code == v.reported_code && existing.mapped == v.mapped &&
        existing.period == v.period) {
      existing = std::move(v);
      return;
    }
  list.push_back(std::move(v));
}

Figure StatisticsStore::value(const DataElement& e, Node place, const Period& period) const {
  std::shared_lock lock(mutex_);
  Figure f;
  auto it = values_.find(e.id);
  if (it == values_.end()) return f;
  int matches = 0;
  for (const auto& v : it->second) {
    if (e.aggregation == Aggregation::kSum) {
      if (v.period.first < period.first || v.period.last > period.last || !tree_.within(v.node, place))
        continue;
      f.value = f.value.value_or(0) + v.value;
      f.mapped = f.mapped || v.mapped;
    } else if (v.node == place && v.period == period) {
      ++matches;
      f.value = v.value;
      f.mapped = v.mapped;
    }
  }
  if (matches > 1) return Figure{};
  return f;
}

std::optional<Month> StatisticsStore::first_month(const std::string& element) const {
  std::shared_lock lock(mutex_);
  auto it = values_.find(element);
  if (it == values_.end() || it->second.empty()) return std::nullopt;
  Month first = it->second.front().period.first;
  for (const auto& v : it->second) first = std::min(first, v.period.first);
  return first;
}

StatisticsStore::Completeness StatisticsStore::completeness(const DataElement& e, Node place,
                                                            const Period& period) const {
  Completeness out;
  if (!e.reported_by) return out;
  std::vector<Period> due;
  for (Month m = period.first; m <= period.last; ++m) {
    switch (e.reported_every) {
      case PeriodType::kMonth:
        due.push_back(month_period(m));
        break;
      case PeriodType::kQuarter:
        if (m % 3 == 2) due.push_back(quarter_period(year_of(m), (month_in_year(m) - 1) / 3 + 1));
        break;
      case PeriodType::kYear:
      case PeriodType::kYearToDate:
        if (month_in_year(m) == 12) due.push_back(year_period(year_of(m)));
        break;
    }
  }
  for (Node n : tree_.at_level(place, *e.reported_by)) {
    bool complete = true;
    for (const Period& p : due) {
      ++out.expected;
      if (reported(e, n, p))
        ++out.actual;
      else
        complete = false;
    }
    if (!complete) out.missing.push_back(n);
  }
  return out;
}

bool StatisticsStore::reported(const DataElement& e, Node place, const Period& period) const {
  std::shared_lock lock(mutex_);
  auto it = values_.find(e.id);
  if (it == values_.end()) return false;
  for (const auto& v : it->second)
    if (v.node == place && v.period == period) return true;
  return false;
}

Result<StatisticsImportOutcome> StatisticsImport::run(const tables::Records& records,
                                                      const StatisticsImportOptions& options,
                                                      const std::string& account_id) {
  StatisticsImportOutcome out;
  if (records.empty())
    return fail(ErrorCode::kInvalidArgument,
                "The file is empty: the first row names the columns element, place, "
                "period, value",
                "file");
  const auto& header = records.front();
  std::map<std::string, std::size_t> column;
  for (std::size_t i = 0; i < header.size(); ++i) {
    if (header[i] != "element" && header[i] != "place" && header[i] != "period" && header[i] != "value")
      return fail(
          ErrorCode::kInvalidArgument,
          fmt::format("Unknown column \"{}\": the columns are element, place, period, value", header[i]),
          "file");
    if (!column.emplace(header[i], i).second)
      return fail(ErrorCode::kInvalidArgument, "Column " + header[i] + " appears twice", "file");
  }
  for (const char* c : {"element", "place", "period", "value"})
    if (!column.contains(c))
      return fail(ErrorCode::kInvalidArgument, std::string("Missing column ") + c, "file");
  out.rows = records.size() - 1;
  if (out.rows > options.max_rows)
    return fail(ErrorCode::kPayloadTooLarge,
                fmt::format("The file has {} rows; at most {} are read at once (analytics.import_max_rows)",
                            out.rows, options.max_rows),
                "file");
  const Month reorganised = month_of(kReorganisationYear, kReorganisationMonth);
  struct Row {
    std::string element;
    StatValue v;
  };
  std::vector<Row> rows;
  rows.reserve(out.rows);
  for (std::size_t i = 1; i < records.size(); ++i) {
    const auto& r = records[i];
    const auto cell = [&](const char* c) -> std::string {
      auto k = column[c];
      return k < r.size() ? r[k] : "";
    };
    const auto error = [&](const char* c, std::string message) {
      out.errors.push_back({i + 1, c, std::move(message)});
    };
    const std::size_t before = out.errors.size();
    const DataElement* e = meta_.element(cell("element"));
    if (e == nullptr)
      error("element", "unknown data element \"" + cell("element").substr(0, 64) + "\"");
    else if (e->source != Source::kStatistics)
      error("element", e->id + " is counted by the platform, not imported");
    auto period = one_period(cell("period"), "period");
    if (!period) error("period", "must be a month (2026-01), a quarter (2026-Q1) or a year (2026)");
    StatValue v;
    v.reported_code = cell("place");
    if (options.pre_2025_units) {
      v.mapped = true;
      auto old = mapping_.find(v.reported_code);
      if (!old)
        error("place", "\"" + v.reported_code.substr(0, 16) + "\" is not a unit before 1 July 2025");
      else {
        v.node = old->node;
        v.split = old->split;
      }
      if (period && period->last >= reorganised)
        error("period", "units before the reorganisation report periods ending before July 2025");
    } else {
      auto node = tree_.find(v.reported_code);
      if (!node)
        error("place",
              "\"" + v.reported_code.substr(0, 16) + "\" is not a place (VN, a province or a commune)");
      else
        v.node = *node;
    }
    const std::string text = cell("value");
    double value = 0;
    auto [end, ec] = std::from_chars(text.data(), text.data() + text.size(), value);
    if (text.empty() || ec != std::errc() || end != text.data() + text.size() || !std::isfinite(value))
      error("value", "must be a number written with a dot for decimals");
    else if (e != nullptr && e->unit == "percent" && (value < 0 || value > 100))
      error("value", "a percentage is between 0 and 100");
    else if (e != nullptr && e->unit != "percent" && value < 0)
      error("value", "must not be negative");
    v.value = value;
    if (out.errors.size() == before && options.may_import_at && !options.may_import_at(tree_.code(v.node)))
      error("place", "you may not import figures of " + tree_.code(v.node));
    if (e != nullptr && e->aggregation == Aggregation::kNone && v.split && out.errors.size() == before)
      error("place", v.reported_code + " was divided in 2025: a " + e->unit +
                         " of it cannot be placed on today's units");
    if (out.errors.size() == before) {
      v.period = *period;
      out.mapped += v.mapped ? 1 : 0;
      rows.push_back({e->id, std::move(v)});
    }
  }
  if (!out.errors.empty() || options.dry_run) return out;
  out.import_id = "TK" + identity::random_token(9);
  const auto now = format_rfc3339(clock_.now());
  auto written = db_.write_transaction([&](storage::Connection& conn) -> Status {
    if (auto ok = conn.execute_deferred(
            "INSERT INTO statistics_imports (id, at, account_id, units, rows) VALUES ($1, $2, $3, $4, $5)",
            {out.import_id, now, account_id.empty() ? storage::Value(nullptr) : storage::Value(account_id),
             std::string(options.pre_2025_units ? "pre_2025" : "current"),
             static_cast<std::int64_t>(rows.size())});
        !ok)
      return ok;
    for (const auto& row : rows) {
      if (auto ok = conn.execute_deferred(
              "INSERT INTO statistics_values (element, reported_code, mapped, period, place_code, split, "
              "value, "
              "import_id) VALUES ($1, $2, $3, $4, $5, $6, $7, $8) ON CONFLICT (element, reported_code, "
              "mapped, period) "
              "DO UPDATE SET place_code = excluded.place_code, split = excluded.split, value = "
              "excluded.value, "
              "import_id = excluded.import_id",
              {row.element, row.v.reported_code, std::int64_t{row.v.mapped}, row.v.period.id(),
               tree_.code(row.v.node), std::int64_t{row.v.split}, row.v.value, out.import_id});
          !ok)
        return ok;
    }
    return audit::append(
        conn,
        audit::Entry{account_id, "", "statistics.import", "statistics_import", out.import_id, "VN",
                     fmt::format(R"({{"rows":{},"mapped":{},"units":"{}"}})", rows.size(), out.mapped,
                                 options.pre_2025_units ? "pre_2025" : "current")},
        clock_);
  });
  if (!written) return tl::unexpected(written.error());
  for (auto& row : rows) store_.put(row.element, std::move(row.v));
  out.written = true;
  return out;
}

}  // namespace sen::analytics
