#pragma once

#include <cstdint>
#include <functional>
#include <mutex>
#include <optional>
#include <string>
#include <unordered_map>
#include <vector>

#include "analytics/metadata.hpp"
#include "analytics/place_tree.hpp"
#include "assessment/assessment_aggregates.hpp"

namespace sen::analytics {

// Enterprises by their latest DX level, industry and size, read from the programme's aggregates
// (assessment_aggregates.hpp) and kept compact: place, month of the standing, and dictionary codes.
// Refreshed on start and on the follower's schedule; assessments are not in the dossier event stream.
class DxStandings {
 public:
  using Loader = std::function<Result<std::vector<assessment::Standing>>()>;
  DxStandings(const PlaceTree& tree, Loader load) : tree_(tree), load_(std::move(load)) {}

  Status refresh();
  std::size_t size() const;
  // Enterprises at or below `place` whose standing dates from `last` or earlier, matching `filters`,
  // by `by` (level, industry or size) or all under "".
  std::unordered_map<std::string, std::int64_t> count(Node place, Month last, const Filters& filters,
                                                      std::optional<Dimension> by) const;

 private:
  struct Row {
    Node node;
    std::uint16_t month;
    std::uint8_t level, industry, size;
  };
  const PlaceTree& tree_;
  Loader load_;
  mutable std::mutex mutex_;
  std::vector<Row> rows_;
  // dictionaries: level, industry, size
  std::vector<std::string> words_[3];
};

}  // namespace sen::analytics
