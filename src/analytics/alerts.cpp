#include "analytics/alerts.hpp"

#include <fmt/format.h>
#include <sodium.h>

#include <algorithm>
#include <boost/json.hpp>
#include <cmath>

#include "audit/audit_log.hpp"
#include "services/notifier.hpp"

namespace sen::analytics {
namespace {

namespace json = boost::json;

constexpr std::string_view kColumns =
    "id, rule, indicator, place_code, province_code, period, severity, state, value, expected, detail, "
    "raised_at, "
    "updated_at, comment";

// Newest first in key order: the time is counted down, so the feed pages by id.
std::string new_alert_id(std::chrono::system_clock::time_point now) {
  const auto ms = std::chrono::duration_cast<std::chrono::milliseconds>(now.time_since_epoch()).count();
  unsigned char random[4];
  randombytes_buf(random, sizeof random);
  return fmt::format("CB{:012x}{:02x}{:02x}{:02x}{:02x}",
                     0xffffffffffffULL - static_cast<unsigned long long>(ms), random[0], random[1], random[2],
                     random[3]);
}

std::optional<Severity> severity_named(std::string_view s) {
  for (Severity v : kSeverities)
    if (name(v) == s) return v;
  return std::nullopt;
}

storage::Value optional_number(std::optional<double> v) {
  return v ? storage::Value(*v) : storage::Value(nullptr);
}

std::string province_code_of(const PlaceTree& tree, Node n) {
  switch (tree.level(n)) {
    case Level::kNation:
      return "";
    case Level::kProvince:
      return tree.code(n);
    case Level::kCommune:
      return tree.code(tree.parent(n));
  }
  return "";
}

}  // namespace

std::string_view name(AlertState s) {
  switch (s) {
    case AlertState::kOpen:
      return "open";
    case AlertState::kAcknowledged:
      return "acknowledged";
    case AlertState::kResolved:
      return "resolved";
  }
  return "";
}

std::optional<AlertState> alert_state_named(std::string_view s) {
  for (AlertState v : kAlertStates)
    if (name(v) == s) return v;
  return std::nullopt;
}

Alert alert_from_row(const storage::Row& row) {
  Alert a;
  a.id = row.text(0);
  a.rule = row.text(1);
  a.indicator = row.text(2);
  a.place_code = row.text(3);
  a.province_code = row.text(4);
  a.period = row.text(5);
  a.severity = severity_named(row.text(6)).value_or(Severity::kWarning);
  a.state = alert_state_named(row.text(7)).value_or(AlertState::kOpen);
  if (!row.is_null(8)) a.value = row.real(8);
  if (!row.is_null(9)) a.expected = row.real(9);
  a.detail = row.text(10);
  a.raised_at = row.text(11);
  a.updated_at = row.text(12);
  a.comment = row.text(13);
  return a;
}

Result<bool> AlertStore::raise(const AlertRule& rule, const Alert& alert) {
  const std::string key = rule.id + "|" + alert.place_code + "|" + alert.period;
  {
    std::lock_guard lock(raised_mutex_);
    if (!raised_) {
      auto conn = db_.acquire();
      if (!conn) return tl::unexpected(conn.error());
      auto r = (*conn)->execute("SELECT rule, place_code, period FROM alerts");
      if (!r) return tl::unexpected(r.error());
      raised_.emplace();
      for (const auto& row : r->rows) raised_->insert(row.text(0) + "|" + row.text(1) + "|" + row.text(2));
    }
    if (raised_->contains(key)) return false;
  }
  const auto now = clock_.now();
  const std::string at = format_rfc3339(now), id = new_alert_id(now);
  const auto node = tree_.find(alert.place_code);
  if (!node) return fail_internal("alert for an unknown place " + alert.place_code);
  bool raised = false;
  auto written = db_.write_transaction([&](storage::Connection& conn) -> Status {
    raised = false;
    auto r = conn.execute(
        "INSERT INTO alerts (id, rule, indicator, place_code, province_code, period, severity, state, value, "
        "expected, "
        "detail, raised_at, updated_at, updated_by, comment) VALUES ($1, $2, $3, $4, $5, $6, $7, 'open', $8, "
        "$9, $10, "
        "$11, $11, NULL, '') ON CONFLICT (rule, place_code, period) DO NOTHING",
        {id, rule.id, alert.indicator, alert.place_code, province_code_of(tree_, *node), alert.period,
         std::string(name(rule.severity)), optional_number(alert.value), optional_number(alert.expected),
         alert.detail, at});
    if (!r) return tl::unexpected(r.error());
    if (r->affected_rows == 0) return {};
    raised = true;
    if (auto ok = audit::append(
            conn,
            audit::Entry{"", "", "alert.raise", "alert", id, alert.place_code,
                         fmt::format(R"({{"rule":"{}","period":"{}"}})", rule.id, alert.period)},
            clock_);
        !ok)
      return ok;
    if (rule.notify.empty()) return {};
    std::vector<storage::Value> params;
    std::string roles, places;
    for (const auto& role : rule.notify) {
      params.emplace_back(role);
      roles += fmt::format("{}${}", roles.empty() ? "" : ", ", params.size());
    }
    for (Node n : tree_.lineage(*node)) {
      params.emplace_back(tree_.code(n));
      places += fmt::format("{}${}", places.empty() ? "" : ", ", params.size());
    }
    auto to =
        conn.execute(fmt::format("SELECT DISTINCT a.email FROM role_grants g JOIN accounts a ON a.id = "
                                 "g.account_id WHERE g.revoked_at IS NULL AND g.scope_kind = 'place' AND "
                                 "g.role IN ({}) AND g.scope_code IN ({}) AND a.email IS NOT NULL AND "
                                 "a.email <> '' ORDER BY a.email",
                                 roles, places),
                     params);
    if (!to) return tl::unexpected(to.error());
    const std::string value = alert.value ? fmt::format("{:.1f}", *alert.value) : "-";
    const std::string subject =
        fmt::format("[Sen] Cảnh báo / Alert: {} — {}", rule.name.vi, tree_.name(*node));
    const std::string body = fmt::format(
        "{} — {}, kỳ {}: giá trị {}.\nXem và xử lý cảnh báo trên bảng điều hành của Sen.\n\n"
        "{} — {}, period {}: value {}.\nSee and handle the alert on Sen's dashboard.\n",
        rule.name.vi, tree_.name(*node), alert.period, value, rule.name.en, tree_.name(*node), alert.period,
        value);
    for (const auto& row : to->rows)
      if (auto ok = services::queue_email(conn, row.text(0), subject, body, clock_); !ok) return ok;
    return {};
  });
  if (!written) return tl::unexpected(written.error());
  std::lock_guard lock(raised_mutex_);
  raised_->insert(key);
  return raised;
}

Result<Alert> AlertStore::get(const std::string& id) const {
  auto conn = db_.acquire();
  if (!conn) return tl::unexpected(conn.error());
  auto r = (*conn)->execute(fmt::format("SELECT {} FROM alerts WHERE id = $1", kColumns), {id});
  if (!r) return tl::unexpected(r.error());
  if (r->rows.empty()) return fail(ErrorCode::kNotFound, "No alert with this id", "id");
  return alert_from_row(r->rows.front());
}

Result<storage::RowPage> AlertStore::list(const AlertFilter& filter, const storage::PageRequest& page) const {
  auto conn = db_.acquire();
  if (!conn) return tl::unexpected(conn.error());
  std::string place = filter.place == "VN" ? "" : filter.place;
  return storage::fetch_page(
      **conn, fmt::format("SELECT {} FROM alerts", kColumns), "SELECT count(*) FROM alerts",
      "($1 = '' OR place_code = $1 OR province_code = $1) AND ($2 = '' OR state = $2) AND "
      "($3 = '' OR rule = $3)",
      "id", {place, filter.state ? std::string(name(*filter.state)) : std::string(), filter.rule}, page);
}

Result<Alert> AlertStore::change(const std::string& id, AlertState to, const std::string& comment,
                                 const std::string& account_id) {
  const std::string at = format_rfc3339(clock_.now());
  auto written = db_.write_transaction([&](storage::Connection& conn) -> Status {
    auto r = conn.execute(fmt::format("SELECT {} FROM alerts WHERE id = $1", kColumns), {id});
    if (!r) return tl::unexpected(r.error());
    if (r->rows.empty()) return fail(ErrorCode::kNotFound, "No alert with this id", "id");
    const Alert a = alert_from_row(r->rows.front());
    const bool allowed = (a.state == AlertState::kOpen && to != AlertState::kOpen) ||
                         (a.state == AlertState::kAcknowledged && to == AlertState::kResolved);
    if (!allowed)
      return fail(ErrorCode::kConflict,
                  fmt::format("This alert is {}: it cannot become {}", name(a.state), name(to)), "state");
    if (auto ok = conn.execute_deferred(
            "UPDATE alerts SET state = $2, comment = $3, updated_at = $4, updated_by = $5 WHERE id = $1",
            {id, std::string(name(to)), comment, at,
             account_id.empty() ? storage::Value(nullptr) : storage::Value(account_id)});
        !ok)
      return ok;
    json::object summary{{"from", name(a.state)}, {"to", name(to)}};
    return audit::append(
        conn,
        audit::Entry{account_id, "", to == AlertState::kResolved ? "alert.resolve" : "alert.acknowledge",
                     "alert", id, a.place_code, json::serialize(summary)},
        clock_);
  });
  if (!written) return tl::unexpected(written.error());
  return get(id);
}

std::optional<double> AlertEvaluator::indicator_value(const AlertRule& rule, const Indicator& ind, Node place,
                                                      const Period& period) const {
  const auto cells = engine_.evaluate(ind, place, period, {}, std::nullopt);
  if (cells.empty() || !cells.front().value) return std::nullopt;
  if (ind.is_ratio() && cells.front().denominator.value_or(0) < rule.min_denominator) return std::nullopt;
  return cells.front().value;
}

std::optional<AlertEvaluator::Breach> AlertEvaluator::peer_check(const AlertRule& rule, const Indicator& ind,
                                                                 Node place, const Period& period) const {
  const auto v = indicator_value(rule, ind, place, period);
  if (!v) return std::nullopt;
  const PlaceTree& tree = engine_.tree();
  std::vector<double> peers;
  for (Node n : tree.children(tree.parent(place)))
    if (auto x = indicator_value(rule, ind, n, period)) peers.push_back(*x);
  if (peers.size() < 5) return std::nullopt;
  const auto median_of = [](std::vector<double> xs) {
    std::sort(xs.begin(), xs.end());
    const std::size_t m = xs.size() / 2;
    return xs.size() % 2 ? xs[m] : (xs[m - 1] + xs[m]) / 2;
  };
  const double median = median_of(peers);
  std::vector<double> deviations;
  for (double x : peers) deviations.push_back(std::abs(x - median));
  const double mad = median_of(deviations);
  if (mad <= 0) return std::nullopt;
  const double z = 0.6745 * (*v - median) / mad;
  const bool bad = ind.higher_is_better ? z < -rule.value : z > rule.value;
  if (!bad) return std::nullopt;
  return Breach{
      *v, median,
      fmt::format(R"({{"modified_z":{:.2f},"peers":{},"median":{:.2f}}})", z, peers.size(), median)};
}

std::optional<AlertEvaluator::Breach> AlertEvaluator::check(const AlertRule& rule, Node place,
                                                            const Period& period) const {
  const Metadata& meta = engine_.metadata();
  if (rule.kind == RuleKind::kConsistency) {
    std::vector<double> values;
    for (const auto& id : rule.elements) {
      const auto f = engine_.element_value(*meta.element(id), place, period);
      if (!f.value) return std::nullopt;
      values.push_back(*f.value);
    }
    for (std::size_t i = 0; i + 1 < values.size(); ++i)
      if (values[i] > values[i + 1])
        return Breach{
            values[i], values[i + 1],
            fmt::format(R"({{"larger":"{}","smaller":"{}"}})", rule.elements[i], rule.elements[i + 1])};
    return std::nullopt;
  }
  if (rule.kind == RuleKind::kMissingReports) {
    const DataElement& e = *meta.element(rule.elements.front());
    // A series nobody has reported yet is not expected of anyone.
    const auto started = engine_.statistics().first_month(e.id);
    if (!started || *started > period.first) return std::nullopt;
    const Figure f = engine_.element_value(e, place, period);
    if (f.value) return std::nullopt;
    return Breach{0, std::nullopt, fmt::format(R"({{"element":"{}"}})", e.id)};
  }
  const Indicator& ind = *meta.indicator(rule.indicator);
  if (rule.kind == RuleKind::kPeerOutlier) return peer_check(rule, ind, place, period);
  const auto v = indicator_value(rule, ind, place, period);
  if (!v) return std::nullopt;
  switch (rule.kind) {
    case RuleKind::kThreshold: {
      const bool breach = (rule.op == "<" && *v < rule.value) || (rule.op == "<=" && *v <= rule.value) ||
                          (rule.op == ">" && *v > rule.value) || (rule.op == ">=" && *v >= rule.value);
      if (!breach) return std::nullopt;
      return Breach{*v, rule.value, fmt::format(R"({{"op":"{}"}})", rule.op)};
    }
    case RuleKind::kTrajectory: {
      const auto target = targets_.applying(ind.id, place, period.last);
      if (!target || track_status(*target, ind.higher_is_better, *v, period.last) != TrackStatus::kOffTrack)
        return std::nullopt;
      return Breach{
          *v, expected_at(*target, period.last),
          fmt::format(R"({{"target":{},"due":"{}"}})", target->value, month_period(target->due_month).id())};
    }
    case RuleKind::kChange: {
      const Period before =
          rule.compare == "last_year" ? same_period_last_year(period) : previous_period(period);
      const auto was = indicator_value(rule, ind, place, before);
      if (!was || *was == 0) return std::nullopt;
      const double change = (*v - *was) / std::abs(*was) * 100;
      const bool bad = ind.higher_is_better ? change <= -rule.value : change >= rule.value;
      if (!bad) return std::nullopt;
      return Breach{*v, *was,
                    fmt::format(R"({{"change_percent":{:.1f},"compared_with":"{}"}})", change, before.id())};
    }
    case RuleKind::kBaseline: {
      std::vector<double> history;
      Period p = period;
      for (int i = 0; i < rule.window; ++i) {
        p = previous_period(p);
        if (auto x = indicator_value(rule, ind, place, p)) history.push_back(*x);
      }
      if (history.size() < 3) return std::nullopt;
      double mean = 0;
      for (double x : history) mean += x;
      mean /= static_cast<double>(history.size());
      double var = 0;
      for (double x : history) var += (x - mean) * (x - mean);
      const double sd = std::sqrt(var / static_cast<double>(history.size() - 1));
      const double bound = ind.higher_is_better ? mean - rule.deviations * sd : mean + rule.deviations * sd;
      const bool bad = ind.higher_is_better ? *v < bound : *v > bound;
      if (!bad) return std::nullopt;
      return Breach{*v, mean,
                    fmt::format(R"({{"mean":{:.2f},"sd":{:.2f},"periods":{}}})", mean, sd, history.size())};
    }
    case RuleKind::kPeerOutlier:
    case RuleKind::kConsistency:
    case RuleKind::kMissingReports:
      break;
  }
  return std::nullopt;
}

Result<int> AlertEvaluator::run(Month today) {
  const Metadata& meta = engine_.metadata();
  const PlaceTree& tree = engine_.tree();
  int raised = 0;
  for (const auto& rule : meta.rules) {
    Period current;
    switch (rule.period) {
      case PeriodType::kMonth:
      case PeriodType::kYearToDate:
        current = month_period(today);
        break;
      case PeriodType::kQuarter:
        current = quarter_period(year_of(today), (month_in_year(today) - 1) / 3 + 1);
        break;
      case PeriodType::kYear:
        current = year_period(year_of(today));
        break;
    }
    std::vector<Period> periods{previous_period(current)};
    // Reports are missing only once their period is over.
    if (rule.kind != RuleKind::kMissingReports) periods.push_back(current);
    for (Node place : tree.at_level(0, rule.level)) {
      for (const Period& period : periods) {
        auto breach = check(rule, place, period);
        if (!breach) continue;
        bool persistent = true;
        Period p = period;
        for (int i = 1; i < rule.persistence && persistent; ++i)
          persistent = check(rule, place, p = previous_period(p)).has_value();
        if (!persistent) continue;
        Alert a;
        a.rule = rule.id;
        a.indicator = rule.indicator.empty() ? rule.elements.front() : rule.indicator;
        a.place_code = tree.code(place);
        a.period = period.id();
        a.value = breach->value;
        a.expected = breach->expected;
        a.detail = breach->detail;
        auto r = store_.raise(rule, a);
        if (!r) return tl::unexpected(r.error());
        raised += *r ? 1 : 0;
      }
    }
  }
  return raised;
}

}  // namespace sen::analytics
