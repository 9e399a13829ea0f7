#pragma once

#include <mutex>
#include <optional>
#include <string>
#include <unordered_set>
#include <vector>

#include "analytics/engine.hpp"
#include "analytics/targets.hpp"
#include "core/clock.hpp"
#include "storage/database.hpp"
#include "storage/keyset_page.hpp"

namespace sen::analytics {

enum class AlertState { kOpen, kAcknowledged, kResolved };
inline constexpr AlertState kAlertStates[] = {AlertState::kOpen, AlertState::kAcknowledged,
                                              AlertState::kResolved};
std::string_view name(AlertState s);
std::optional<AlertState> alert_state_named(std::string_view s);

struct Alert {
  std::string id, rule, indicator, place_code, province_code, period;
  Severity severity = Severity::kWarning;
  AlertState state = AlertState::kOpen;
  std::optional<double> value, expected;
  std::string detail;  // JSON object: what the rule compared
  std::string raised_at, updated_at, comment;
};

struct AlertFilter {
  std::string place;  // at or below; "" for all
  std::optional<AlertState> state;
  std::string rule;
};

// Alerts in the table `alerts`: raised once per (rule, place, period), then acknowledged and resolved
// by people with a comment. Each change is audited; a raise e-mails the holders of the rule's roles at
// the place or above, through the outbox, in the same transaction.
class AlertStore {
 public:
  AlertStore(storage::Database& db, const PlaceTree& tree, const Clock& clock)
      : db_(db), tree_(tree), clock_(clock) {}

  // True when it was new.
  Result<bool> raise(const AlertRule& rule, const Alert& alert);
  Result<Alert> get(const std::string& id) const;
  Result<storage::RowPage> list(const AlertFilter& filter, const storage::PageRequest& page) const;
  // open -> acknowledged -> resolved (open -> resolved too); anything else is kConflict.
  Result<Alert> change(const std::string& id, AlertState to, const std::string& comment,
                       const std::string& account_id);

 private:
  storage::Database& db_;
  const PlaceTree& tree_;
  const Clock& clock_;
  // (rule, place, period) of every alert already raised, so a breach that lasts costs no write.
  std::mutex raised_mutex_;
  std::optional<std::unordered_set<std::string>> raised_;
};

Alert alert_from_row(const storage::Row& row);

// Evaluates every rule of the pack for the current and the previous period of its type, raising what
// breaches. Called by the follower after new data and on its schedule.
class AlertEvaluator {
 public:
  AlertEvaluator(const Engine& engine, const Targets& targets, AlertStore& store)
      : engine_(engine), targets_(targets), store_(store) {}
  // The number of alerts raised.
  Result<int> run(Month today);

 private:
  struct Breach {
    double value = 0;
    std::optional<double> expected;
    std::string detail;
  };
  std::optional<Breach> check(const AlertRule& rule, Node place, const Period& period) const;
  std::optional<double> indicator_value(const AlertRule& rule, const Indicator& ind, Node place,
                                        const Period& period) const;
  std::optional<Breach> peer_check(const AlertRule& rule, const Indicator& ind, Node place,
                                   const Period& period) const;

  const Engine& engine_;
  const Targets& targets_;
  AlertStore& store_;
};

}  // namespace sen::analytics
