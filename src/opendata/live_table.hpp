#pragma once

#include <cstdint>
#include <vector>

#include "analytics/engine.hpp"
#include "opendata/dataset.hpp"

namespace sen::opendata {

struct PublishedTable {
  std::vector<Column> columns;
  std::vector<std::vector<Value>> rows;
};

// The table a live dataset publishes now: its indicator for every place of its level with their
// parents as totals (the nation over the provinces, each province over its communes), over its
// last periods up to the current one, after disclosure control (disclosure.hpp) when the indicator
// is made of counts. kNotFound naming `indicator` when it is unknown, kForbidden when it is not
// published.
Result<PublishedTable> build_live_table(const LiveDefinition& def, const analytics::Engine& engine,
                                        analytics::Month today, std::int64_t threshold);

// The periods a live dataset covers at `today`, oldest first.
std::vector<analytics::Period> live_periods(const LiveDefinition& def, analytics::Month today);

}  // namespace sen::opendata
