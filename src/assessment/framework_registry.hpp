#pragma once

#include <string_view>
#include <vector>

#include "assessment/framework.hpp"

namespace sen::assessment {

// Every loaded framework version, read-only after start: the latest version of each code answers new
// assessments, older ones stay readable for the assessments made with them.
class FrameworkRegistry {
 public:
  explicit FrameworkRegistry(std::vector<Framework> all);

  const Framework* latest(std::string_view code) const;
  const Framework* get(std::string_view code, int version) const;
  std::vector<const Framework*> latest_all() const;
  std::vector<const Framework*> versions(std::string_view code) const;

 private:
  std::vector<Framework> all_;  // sorted by code, then version
};

}  // namespace sen::assessment
