#pragma once

#include <cstdint>
#include <functional>
#include <optional>
#include <shared_mutex>
#include <span>
#include <string>
#include <vector>

#include "analytics/dx_standings.hpp"
#include "analytics/event_cube.hpp"
#include "analytics/metadata.hpp"
#include "analytics/statistics.hpp"

namespace sen::analytics {

// One value of an indicator for a place and period (and a category when broken down). Ratios are the
// sums of their numerators over the sums of their denominators at every level, never averages.
struct Cell {
  std::string category;  // the breakdown's value; "" when not broken down
  std::optional<double> value, numerator, denominator;
  bool mapped = false;  // includes figures reported on pre-2025 units
};

// The Decision 766 index of a place for a period, from the assessment module (not counted here).
using ServiceIndexFn =
    std::function<std::optional<double>(const std::string& place, Level level, const Period& period)>;

// The data brain's in-process engine: the dossier events as facts and live sums (EventCube), imported
// statistics, and the DX standings, behind one evaluation of indicator expressions. Thread-safe:
// the follower applies events under a unique lock, queries read under a shared one.
class Engine {
 public:
  Engine(const PlaceTree& tree, const Metadata& meta, StatisticsStore& statistics, DxStandings& dx,
         ServiceIndexFn service_index)
      : tree_(tree),
        meta_(meta),
        statistics_(statistics),
        dx_(dx),
        service_index_(std::move(service_index)),
        cube_(tree) {}

  // Counts events with ids above the last one applied, in order, and remembers the last id.
  void apply(std::span<const services::EventRow> events);
  std::int64_t last_event_id() const;
  // Recomputes every sum from the facts held (the live sums must equal it).
  void rebuild();

  std::vector<Cell> evaluate(const Indicator& indicator, Node place, const Period& period,
                             const Filters& filters, std::optional<Dimension> by) const;
  // One data element's figure, for consistency and completeness rules.
  Figure element_value(const DataElement& e, Node place, const Period& period) const;

  struct Size {
    std::size_t facts = 0, bytes = 0, standings = 0;
    std::int64_t last_event_id = 0;
  };
  Size size() const;

  const PlaceTree& tree() const { return tree_; }
  const Metadata& metadata() const { return meta_; }
  const StatisticsStore& statistics() const { return statistics_; }

 private:
  struct Values {
    std::unordered_map<std::string, double> by_category;
    bool known = false;  // false when a statistic has no value here
    bool mapped = false;
  };
  Values term_values(const Term& term, Node place, const Period& period, const Filters& filters,
                     std::optional<Dimension> by) const;

  const PlaceTree& tree_;
  const Metadata& meta_;
  StatisticsStore& statistics_;
  DxStandings& dx_;
  ServiceIndexFn service_index_;
  mutable std::shared_mutex mutex_;
  EventCube cube_;
  std::int64_t last_event_id_ = 0;
};

}  // namespace sen::analytics
