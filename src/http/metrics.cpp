#include "http/metrics.hpp"

#include <fmt/format.h>

#include <algorithm>

namespace sen::http {

std::size_t Metrics::add_route(std::string method, std::string pattern) {
  auto& series = routes_.emplace_back();
  series.method = std::move(method);
  series.pattern = std::move(pattern);
  return routes_.size() - 1;
}

void Metrics::observe(std::size_t route, int status, std::chrono::nanoseconds elapsed) {
  auto& s = routes_[route];
  if (status >= 100 && status < 600) s.by_status[status].fetch_add(1, std::memory_order_relaxed);
  const double seconds = std::chrono::duration<double>(elapsed).count();
  const auto bucket = std::lower_bound(kBuckets.begin(), kBuckets.end(), seconds) - kBuckets.begin();
  s.buckets[bucket].fetch_add(1, std::memory_order_relaxed);
  s.sum_ns.fetch_add(static_cast<std::uint64_t>(elapsed.count()), std::memory_order_relaxed);
}

std::string Metrics::render() const {
  std::string out;
  out += "# HELP sen_http_requests_total HTTP requests by route and status.\n";
  out += "# TYPE sen_http_requests_total counter\n";
  for (const auto& s : routes_) {
    for (int status = 100; status < 600; ++status) {
      const auto n = s.by_status[status].load(std::memory_order_relaxed);
      if (n == 0) continue;
      out += fmt::format("sen_http_requests_total{{method=\"{}\",route=\"{}\",status=\"{}\"}} {}\n", s.method,
                         s.pattern, status, n);
    }
  }
  out += "# HELP sen_http_request_duration_seconds Time from request read to response written.\n";
  out += "# TYPE sen_http_request_duration_seconds histogram\n";
  for (const auto& s : routes_) {
    std::uint64_t cumulative = 0;
    for (std::size_t b = 0; b <= kBuckets.size(); ++b) {
      cumulative += s.buckets[b].load(std::memory_order_relaxed);
      const std::string le = b < kBuckets.size() ? fmt::format("{}", kBuckets[b]) : "+Inf";
      out +=
          fmt::format("sen_http_request_duration_seconds_bucket{{method=\"{}\",route=\"{}\",le=\"{}\"}} {}\n",
                      s.method, s.pattern, le, cumulative);
    }
    out += fmt::format("sen_http_request_duration_seconds_sum{{method=\"{}\",route=\"{}\"}} {}\n", s.method,
                       s.pattern, static_cast<double>(s.sum_ns.load(std::memory_order_relaxed)) / 1e9);
    out += fmt::format("sen_http_request_duration_seconds_count{{method=\"{}\",route=\"{}\"}} {}\n", s.method,
                       s.pattern, cumulative);
  }
  out +=
      "# HELP sen_http_open_connections Open client connections.\n# TYPE sen_http_open_connections gauge\n";
  out += fmt::format("sen_http_open_connections {}\n", open_connections_.load(std::memory_order_relaxed));
  out +=
      "# HELP sen_http_refused_connections_total Connections refused at server.max_connections (no idle one "
      "to close) or server.max_connections_per_client.\n";
  out += "# TYPE sen_http_refused_connections_total counter\n";
  out += fmt::format("sen_http_refused_connections_total {}\n",
                     refused_connections_.load(std::memory_order_relaxed));
  out +=
      "# HELP sen_http_evicted_connections_total Idle connections closed at server.max_connections to let a "
      "new one in.\n";
  out += "# TYPE sen_http_evicted_connections_total counter\n";
  out += fmt::format("sen_http_evicted_connections_total {}\n",
                     evicted_connections_.load(std::memory_order_relaxed));
  return out;
}

}  // namespace sen::http
