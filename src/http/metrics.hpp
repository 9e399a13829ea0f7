#pragma once

#include <array>
#include <atomic>
#include <chrono>
#include <cstdint>
#include <deque>
#include <string>

namespace sen::http {

// Request counts by status and latency histograms per route, rendered in Prometheus text format.
// Routes are registered before serving; observe() is lock-free.
class Metrics {
 public:
  static constexpr std::array<double, 13> kBuckets = {0.0005, 0.001, 0.0025, 0.005, 0.01, 0.025, 0.05,
                                                      0.1,    0.25,  0.5,    1.0,   2.5,  5.0};

  std::size_t add_route(std::string method, std::string pattern);
  void observe(std::size_t route, int status, std::chrono::nanoseconds elapsed);
  void connection_opened() { open_connections_.fetch_add(1, std::memory_order_relaxed); }
  void connection_closed() { open_connections_.fetch_sub(1, std::memory_order_relaxed); }
  void connection_refused() { refused_connections_.fetch_add(1, std::memory_order_relaxed); }
  void connection_evicted() { evicted_connections_.fetch_add(1, std::memory_order_relaxed); }
  std::string render() const;

 private:
  struct RouteSeries {
    std::string method;
    std::string pattern;
    std::array<std::atomic<std::uint64_t>, 600> by_status{};
    std::array<std::atomic<std::uint64_t>, kBuckets.size() + 1> buckets{};
    std::atomic<std::uint64_t> sum_ns{0};
  };
  std::deque<RouteSeries> routes_;  // deque: stable addresses, series are never moved
  std::atomic<std::int64_t> open_connections_{0};
  std::atomic<std::uint64_t> refused_connections_{0};
  std::atomic<std::uint64_t> evicted_connections_{0};
};

}  // namespace sen::http
