#pragma once

#include <cstdint>
#include <filesystem>
#include <map>
#include <optional>
#include <string>
#include <vector>

#include "assessment/framework.hpp"
#include "assessment/framework_registry.hpp"
#include "core/status.hpp"

namespace sen::assessment {

// Co-funding: an enterprise of one of `sizes` gets `share` of an approved solution's cost, up to `cap_vnd`.
struct SupportRule {
  std::vector<std::string> sizes;
  double share = 0;
  std::int64_t cap_vnd = 0;
};

// The digital-transformation programme around the frameworks (packs/vn/dx-programme.json): which
// procedures carry solution approvals and support applications, the words of the solutions register
// (industries, tool categories), the support rules and the 2030 targets.
struct Programme {
  std::string solution_procedure;
  std::string support_procedure;
  std::map<std::string, Text> industries;  // by id, as the frameworks name them
  std::map<std::string, Text> categories;  // tool categories of the catalogues
  std::string support_framework;           // the assessment support is decided on
  int assessment_max_age_days = 730;
  std::vector<SupportRule> support_rules;
  std::string targets_framework;
  std::map<std::string, std::int64_t> targets;  // enterprises per level by 2030
  Text notes;
  std::vector<std::string> sources;

  // The id of an industry or category from its Vietnamese name (the procedure forms use names).
  std::optional<std::string> industry_named(const std::string& vi) const;
  std::optional<std::string> category_named(const std::string& vi) const;
  const SupportRule* rule_for(const std::string& size) const;
};

// Reads the file and checks it against the frameworks: the support and target frameworks exist, the
// target levels are bands of it, every catalogue's categories and every framework industry have words.
Result<Programme> load_programme(const std::filesystem::path& file, const FrameworkRegistry& frameworks);

}  // namespace sen::assessment
