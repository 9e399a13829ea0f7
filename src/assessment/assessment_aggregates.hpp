#pragma once

#include <boost/json/object.hpp>
#include <cstdint>
#include <map>
#include <string>
#include <vector>

#include "assessment/framework_registry.hpp"
#include "assessment/programme.hpp"
#include "storage/database.hpp"

namespace sen::assessment {

// The aggregates of the DX programme, the one interface other modules (the data brain, open data) read
// it through (docs/assessment.md). Each subject counts once, as its latest submitted or confirmed
// assessment of the framework stands; no row identifies a subject.
enum class GroupBy { kIndustry, kSize, kLevel, kProvince };

struct AggregateFilter {
  std::string framework;
  std::string province;  // "" for the nation
  std::string place;     // a commune, or "" for the whole province or nation
};

// One subject's standing: its latest submitted or confirmed assessment, without who it is.
struct Standing {
  std::string place, province, industry, size, level;
  std::string submitted_at;
  double score = 0;
};

struct AggregateRow {
  std::string key;  // the industry, size, level or province
  std::int64_t subjects = 0;
  double mean_score = 0;
  std::map<std::string, std::int64_t> by_level;  // level id -> subjects
};

class AssessmentAggregates {
 public:
  AssessmentAggregates(storage::Database& db, const FrameworkRegistry& frameworks, const Programme& programme)
      : db_(db), frameworks_(frameworks), programme_(programme) {}

  Result<std::vector<AggregateRow>> group(const AggregateFilter& filter, GroupBy by);
  // Every subject's standing under the filter, for the data brain to count as it needs.
  Result<std::vector<Standing>> standings(const AggregateFilter& filter);
  // Subjects per level of the targets' framework against the 2030 targets, nationwide.
  Result<boost::json::object> progress_to_2030();

 private:
  storage::Database& db_;
  const FrameworkRegistry& frameworks_;
  const Programme& programme_;
};

}  // namespace sen::assessment
