#pragma once

#include <cstdint>
#include <string>

#include "storage/database.hpp"

namespace sen::services {

// Where the dossiers counted were handled: one agency, the places of a commune or province, or all.
struct ServiceScope {
  enum class Kind { kAgency, kCommune, kProvince, kNation } kind = Kind::kNation;
  std::string code;
};

// Counts over the dossiers submitted in [from, to) (RFC 3339 instants), from which the rates of the
// public-service index (Decision 766) are computed. Every count is of dossiers, not of events.
struct ServiceCounts {
  std::int64_t submitted = 0;
  std::int64_t online = 0;
  std::int64_t finished_timed = 0;  // with a deadline and a timeliness
  std::int64_t early_or_on_time = 0;
  std::int64_t with_fee = 0;
  std::int64_t paid_online = 0;     // paid through the payment gateway
  std::int64_t results = 0;         // results issued
  std::int64_t signed_results = 0;  // of them, signed PDFs not revoked
  std::int64_t returned = 0;        // handed over
  std::int64_t rated = 0;
  std::int64_t satisfied = 0;  // rated 4 or 5
  std::int64_t supplemented_more_than_once = 0;
  std::int64_t refused_or_rejected = 0;
  std::int64_t refused_with_reason = 0;
  double time_ratio_sum = 0;  // Σ (time taken ÷ time allowed) over finished dossiers with a deadline
  std::int64_t time_ratio_count = 0;
};

Result<ServiceCounts> service_counts(storage::Connection& conn, const ServiceScope& scope,
                                     const std::string& from, const std::string& to);

}  // namespace sen::services
