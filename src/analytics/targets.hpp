#pragma once

#include <mutex>
#include <optional>
#include <string>
#include <vector>

#include "analytics/metadata.hpp"
#include "analytics/place_tree.hpp"
#include "core/clock.hpp"
#include "storage/database.hpp"

namespace sen::analytics {

enum class TrackStatus { kOnTrack, kAtRisk, kOffTrack };
std::string_view name(TrackStatus s);

// The expected value on the straight path from the baseline to the target, at the end of month `m`
// (held at the baseline before it and at the target after it).
double expected_at(const Target& t, Month m);
// On track at or beyond the path, at risk within the target's margin of it, off track further.
TrackStatus track_status(const Target& t, bool higher_is_better, double actual, Month m);

// Targets: the pack's national defaults and the overrides administrators set for their province
// (table analytics_targets, audited).
class Targets {
 public:
  Targets(storage::Database& db, const Metadata& meta, const PlaceTree& tree, const Clock& clock)
      : db_(db), meta_(meta), tree_(tree), clock_(clock) {}

  Status load();
  // Every target, overrides after the pack's, optionally of one indicator.
  std::vector<Target> list(std::string_view indicator) const;
  // The target an indicator is judged against at `place` in month `m`: the place's own (or its
  // province's) before the nation's, the earliest still due at `m` (else the last one).
  std::optional<Target> applying(std::string_view indicator, Node place, Month m) const;
  // The same, among `all` (one indicator's list()), for callers judging many places at once.
  std::optional<Target> applying_among(const std::vector<Target>& all, Node place, Month m) const;
  // Sets (or replaces) a province's or the nation's target due in `t.due_month`.
  Status set(const Target& t, const std::string& account_id);

 private:
  storage::Database& db_;
  const Metadata& meta_;
  const PlaceTree& tree_;
  const Clock& clock_;
  mutable std::mutex mutex_;
  std::vector<Target> overrides_;
};

}  // namespace sen::analytics
