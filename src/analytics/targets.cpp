#include "analytics/targets.hpp"

#include <fmt/format.h>

#include <algorithm>

#include "audit/audit_log.hpp"

namespace sen::analytics {

std::string_view name(TrackStatus s) {
  switch (s) {
    case TrackStatus::kOnTrack:
      return "on_track";
    case TrackStatus::kAtRisk:
      return "at_risk";
    case TrackStatus::kOffTrack:
      return "off_track";
  }
  return "";
}

double expected_at(const Target& t, Month m) {
  if (m <= t.baseline_month) return t.baseline;
  if (m >= t.due_month) return t.value;
  const double share =
      static_cast<double>(m - t.baseline_month) / static_cast<double>(t.due_month - t.baseline_month);
  return t.baseline + (t.value - t.baseline) * share;
}

TrackStatus track_status(const Target& t, bool higher_is_better, double actual, Month m) {
  const double expected = expected_at(t, m);
  const double ahead = higher_is_better ? actual - expected : expected - actual;
  if (ahead >= 0) return TrackStatus::kOnTrack;
  if (ahead >= -t.at_risk_margin) return TrackStatus::kAtRisk;
  return TrackStatus::kOffTrack;
}

namespace {

Month period_last(const std::string& id) {
  auto p = parse_periods(id, month_of(2100, 1), "period");
  return p && !p->empty() ? p->front().last : -1;
}

}  // namespace

Status Targets::load() {
  auto conn = db_.acquire();
  if (!conn) return tl::unexpected(conn.error());
  auto r = (*conn)->execute(
      "SELECT indicator, place_code, due_period, value, baseline_period, baseline, at_risk_margin, note FROM "
      "analytics_targets ORDER BY indicator, place_code, due_period");
  if (!r) return tl::unexpected(r.error());
  std::vector<Target> loaded;
  for (const auto& row : r->rows) {
    if (meta_.indicator(row.text(0)) == nullptr) continue;  // an indicator the pack no longer has
    loaded.push_back(Target{row.text(0), row.text(1), period_last(row.text(4)), row.real(5),
                            period_last(row.text(2)), row.real(3), row.real(6), row.text(7)});
  }
  std::lock_guard lock(mutex_);
  overrides_ = std::move(loaded);
  return {};
}

std::vector<Target> Targets::list(std::string_view indicator) const {
  std::vector<Target> out;
  for (const auto& t : meta_.targets)
    if (indicator.empty() || t.indicator == indicator) out.push_back(t);
  std::lock_guard lock(mutex_);
  for (const auto& t : overrides_)
    if (indicator.empty() || t.indicator == indicator) out.push_back(t);
  return out;
}

std::optional<Target> Targets::applying(std::string_view indicator, Node place, Month m) const {
  return applying_among(list(indicator), place, m);
}

std::optional<Target> Targets::applying_among(const std::vector<Target>& all, Node place, Month m) const {
  for (Node n : tree_.lineage(place)) {
    std::vector<const Target*> here;
    // An override for the same place and due month replaces the pack's (overrides come last).
    for (const auto& t : all)
      if (t.place == tree_.code(n)) {
        std::erase_if(here, [&](const Target* o) { return o->due_month == t.due_month; });
        here.push_back(&t);
      }
    if (here.empty()) continue;
    std::sort(here.begin(), here.end(),
              [](const Target* a, const Target* b) { return a->due_month < b->due_month; });
    for (const Target* t : here)
      if (t->due_month >= m) return *t;
    return *here.back();
  }
  return std::nullopt;
}

Status Targets::set(const Target& t, const std::string& account_id) {
  const auto now = format_rfc3339(clock_.now());
  const std::string due = year_period(year_of(t.due_month)).id(),
                    base = year_period(year_of(t.baseline_month)).id();
  const auto due_id = month_in_year(t.due_month) == 12 ? due : month_period(t.due_month).id();
  const auto base_id = month_in_year(t.baseline_month) == 12 ? base : month_period(t.baseline_month).id();
  auto written = db_.write_transaction([&](storage::Connection& conn) -> Status {
    if (auto ok = conn.execute_deferred(
            "INSERT INTO analytics_targets (indicator, place_code, due_period, value, baseline_period, "
            "baseline, "
            "at_risk_margin, note, set_by, set_at) VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10) "
            "ON CONFLICT (indicator, place_code, due_period) DO UPDATE SET value = excluded.value, "
            "baseline_period = excluded.baseline_period, baseline = excluded.baseline, "
            "at_risk_margin = excluded.at_risk_margin, note = excluded.note, set_by = excluded.set_by, "
            "set_at = excluded.set_at",
            {t.indicator, t.place, due_id, t.value, base_id, t.baseline, t.at_risk_margin, t.note,
             account_id.empty() ? storage::Value(nullptr) : storage::Value(account_id), now});
        !ok)
      return ok;
    return audit::append(conn,
                         audit::Entry{account_id, "", "target.set", "target",
                                      fmt::format("{}:{}:{}", t.indicator, t.place, due_id), t.place,
                                      fmt::format(R"({{"value":{},"baseline":{}}})", t.value, t.baseline)},
                         clock_);
  });
  if (!written) return written;
  return load();
}

}  // namespace sen::analytics
