#pragma once

#include <optional>
#include <string>
#include <vector>

#include "analytics/engine.hpp"
#include "analytics/targets.hpp"

namespace sen::analytics {

// A query in the spirit of DHIS2's analytics: data (indicators) × places × periods, optionally broken
// down by one dimension and kept to values of others. Read from text once, here, for the API and the
// CLI alike.
struct QueryText {
  std::string indicators;  // id[,id...]
  std::string places;      // code[,code...]; default VN
  std::string level;       // "" (the places themselves) | children | province | commune
  std::string periods;     // 2026-01[,2026-Q1,2026,2026-YTD,LAST_12_MONTHS...]
  std::string by;          // a dimension to break down by
  std::string filters;     // dimension:value[;dimension:value]
};

struct Query {
  std::vector<const Indicator*> indicators;
  std::vector<Node> places;
  std::vector<Period> periods;
  std::optional<Dimension> by;
  Filters filters;
};

// kInvalidArgument naming the parameter (indicator, place, level, period, by, filter) for anything
// unknown or malformed, and for more than `max_cells` indicator × place × period cells.
Result<Query> parse_query(const QueryText& text, const Engine& engine, Month today, std::size_t max_cells);

struct QueryRow {
  const Indicator* indicator = nullptr;
  Node place = 0;
  Period period;
  Cell cell;
  std::optional<double> expected;  // the target path's value at the period's end, when a target applies
  std::optional<TrackStatus> status;
};

std::vector<QueryRow> run_query(const Query& q, const Engine& engine, const Targets& targets);

}  // namespace sen::analytics
