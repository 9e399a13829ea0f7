#pragma once

#include <filesystem>
#include <memory>
#include <vector>

#include "analytics/alerts.hpp"
#include "analytics/dx_standings.hpp"
#include "analytics/engine.hpp"
#include "analytics/follower.hpp"
#include "analytics/metadata.hpp"
#include "analytics/place_tree.hpp"
#include "analytics/statistics.hpp"
#include "analytics/targets.hpp"

namespace sen::analytics {

// The data brain as the application wires it: the place tree and the 2025 mapping, the pack's
// metadata, the stores, the engine and its follower. Built once at start.
class DataBrain {
 public:
  struct Inputs {
    storage::Database& db;
    storage::Leadership& leadership;  // which instance raises alerts
    std::vector<places::Place> places;
    std::filesystem::path pack_dir;  // reads analytics/indicators.json and admin-units/old-to-new.csv
    assessment::AssessmentAggregates& aggregates;
    std::string dx_framework;  // the framework whose levels count (the programme's targets framework)
    ServiceIndexFn service_index;
    const Clock& clock;
    AnalyticsConfig config;
  };
  // kInvalidArgument naming the pack file for bad metadata.
  static Result<std::unique_ptr<DataBrain>> open(Inputs in);

  // Reads everything from the database (events, statistics, targets, standings), then follows.
  Status start();
  void stop() { follower_.stop(); }

  const PlaceTree& tree() const { return tree_; }
  const UnitMapping& mapping() const { return mapping_; }
  const Metadata& metadata() const { return meta_; }
  Engine& engine() { return engine_; }
  Targets& targets() { return targets_; }
  AlertStore& alerts() { return alerts_; }
  StatisticsImport& statistics_import() { return import_; }
  Follower& follower() { return follower_; }
  const StatisticsStore& statistics() const { return statistics_; }
  const AnalyticsConfig& config() const { return config_; }

 private:
  DataBrain(Inputs& in, PlaceTree tree, UnitMapping mapping, Metadata meta);

  storage::Database& db_;
  AnalyticsConfig config_;
  PlaceTree tree_;
  UnitMapping mapping_;
  Metadata meta_;
  StatisticsStore statistics_;
  DxStandings dx_;
  Engine engine_;
  Targets targets_;
  AlertStore alerts_;
  AlertEvaluator evaluator_;
  StatisticsImport import_;
  Follower follower_;
};

}  // namespace sen::analytics
