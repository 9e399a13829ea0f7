#include "assessment/service_index.hpp"

#include <boost/json.hpp>
#include <cmath>

namespace sen::assessment {
namespace {

namespace json = boost::json;

json::object text_json(const Text& t) { return json::object{{"vi", t.vi}, {"en", t.en}}; }
double shown(double v) { return std::round(v * 100) / 100; }

}  // namespace

PlatformData platform_data(const services::ServiceCounts& c) {
  PlatformData out;
  const auto rate = [&](Metric m, std::int64_t part, std::int64_t whole) {
    if (whole > 0) out[m] = static_cast<double>(part) / static_cast<double>(whole);
  };
  for (Metric m : kAllMetrics) {
    switch (m) {
      case Metric::kOnlineRate:
        rate(m, c.online, c.submitted);
        break;
      case Metric::kOnTimeRate:
        rate(m, c.early_or_on_time, c.finished_timed);
        break;
      case Metric::kOnlinePaymentRate:
        rate(m, c.paid_online, c.with_fee);
        break;
      case Metric::kDigitalResultRate:
        rate(m, c.signed_results, c.results);
        break;
      case Metric::kSatisfactionRate:
        rate(m, c.satisfied, c.rated);
        break;
      case Metric::kRatedRate:
        rate(m, c.rated, c.returned);
        break;
      // Every status change is published to the applicant's account and to public tracking.
      case Metric::kTrackedRate:
        rate(m, c.submitted, c.submitted);
        break;
      case Metric::kSupplementOnceRate:
        rate(m, c.submitted - c.supplemented_more_than_once, c.submitted);
        break;
      case Metric::kRefusalReasonedRate:
        rate(m, c.refused_with_reason, c.refused_or_rejected);
        break;
      case Metric::kProcessingTimeRatio:
        if (c.time_ratio_count > 0) out[m] = c.time_ratio_sum / static_cast<double>(c.time_ratio_count);
        break;
    }
  }
  return out;
}

Result<json::object> ServiceIndex::compute(const services::ServiceScope& scope, const std::string& from,
                                           const std::string& to) {
  const Framework* f = frameworks_.latest(kServiceIndexFramework);
  if (f == nullptr) return fail_internal("the psi-766 framework is not loaded");
  auto conn = db_.acquire();
  if (!conn) return tl::unexpected(conn.error());
  auto counts = services::service_counts(**conn, scope, from, to);
  if (!counts) return tl::unexpected(counts.error());
  const PlatformData data = platform_data(*counts);
  const Scored s = score(*f, {}, {}, data);
  json::array groups;
  for (const auto& p : s.pillars)
    groups.push_back(
        json::object{{"id", p.id},
                     {"name", text_json(p.name)},
                     {"points", shown(p.points)},
                     {"max_points", p.max_points},
                     {"percent", p.fraction ? json::value(shown(*p.fraction * 100)) : json::value(nullptr)}});
  json::object metrics;
  for (const auto& [m, v] : data) metrics[name(m)] = std::round(v * 10000) / 10000;
  const auto& c = *counts;
  return json::object{
      {"framework", json::object{{"code", f->code}, {"version", f->version}, {"name", text_json(f->name)}}},
      {"from", from},
      {"to", to},
      {"score", s.fraction ? json::value(shown(s.score)) : json::value(nullptr)},
      {"max_score", f->scale_max},
      {"groups", std::move(groups)},
      {"metrics", std::move(metrics)},
      {"counts", json::object{{"submitted", c.submitted},
                              {"online", c.online},
                              {"finished_with_deadline", c.finished_timed},
                              {"early_or_on_time", c.early_or_on_time},
                              {"with_fee", c.with_fee},
                              {"paid_online", c.paid_online},
                              {"results", c.results},
                              {"returned", c.returned},
                              {"rated", c.rated},
                              {"satisfied", c.satisfied}}}};
}

}  // namespace sen::assessment
