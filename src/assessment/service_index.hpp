#pragma once

#include <boost/json/object.hpp>
#include <string>

#include "assessment/framework_registry.hpp"
#include "assessment/scoring.hpp"
#include "services/service_metrics.hpp"
#include "storage/database.hpp"

namespace sen::assessment {

// The rates of `computed` items from the counts of an agency's (or place's) dossiers; a rate whose
// denominator is zero is left out, so its item is not applicable.
PlatformData platform_data(const services::ServiceCounts& counts);

// The public-service index of Decision 766 (framework psi-766), computed for an agency or a place from
// the dossiers submitted in a period: nobody answers it, so it is always current.
class ServiceIndex {
 public:
  ServiceIndex(storage::Database& db, const FrameworkRegistry& frameworks)
      : db_(db), frameworks_(frameworks) {}

  // `from`, `to`: RFC 3339 instants bounding the submissions counted.
  Result<boost::json::object> compute(const services::ServiceScope& scope, const std::string& from,
                                      const std::string& to);

 private:
  storage::Database& db_;
  const FrameworkRegistry& frameworks_;
};

inline constexpr std::string_view kServiceIndexFramework = "psi-766";

}  // namespace sen::assessment
