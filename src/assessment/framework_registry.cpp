#include "assessment/framework_registry.hpp"

#include <algorithm>

namespace sen::assessment {

FrameworkRegistry::FrameworkRegistry(std::vector<Framework> all) : all_(std::move(all)) {
  std::sort(all_.begin(), all_.end(), [](const Framework& a, const Framework& b) {
    return a.code != b.code ? a.code < b.code : a.version < b.version;
  });
}

const Framework* FrameworkRegistry::latest(std::string_view code) const {
  const Framework* out = nullptr;
  for (const auto& f : all_)
    if (f.code == code) out = &f;
  return out;
}

const Framework* FrameworkRegistry::get(std::string_view code, int version) const {
  for (const auto& f : all_)
    if (f.code == code && f.version == version) return &f;
  return nullptr;
}

std::vector<const Framework*> FrameworkRegistry::latest_all() const {
  std::vector<const Framework*> out;
  for (const auto& f : all_) {
    if (!out.empty() && out.back()->code == f.code) {
      out.back() = &f;
    } else {
      out.push_back(&f);
    }
  }
  return out;
}

std::vector<const Framework*> FrameworkRegistry::versions(std::string_view code) const {
  std::vector<const Framework*> out;
  for (const auto& f : all_)
    if (f.code == code) out.push_back(&f);
  return out;
}

}  // namespace sen::assessment
