#pragma once

#include <cstddef>
#include <functional>
#include <map>
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "http/message.hpp"

namespace sen::http {

using Handler = std::function<Response(const Request&)>;
// Answers from memory on the network thread when it can; nullopt sends the request to `handler`.
using MemoryHandler = std::function<std::optional<Response>(const Request&)>;

// Where a handler runs: cheap in-memory handlers inline on the network thread; anything that may
// block (database, files) on the worker pool.
enum class Execution { kInline, kBlocking };

struct Route {
  std::string method;
  std::string pattern;  // "/api/v1/places/{code}/children"
  Handler handler;
  Execution execution = Execution::kBlocking;
  std::size_t body_limit = 0;    // 0: server default (server.body_limit_bytes)
  MemoryHandler from_memory;     // optional, for kBlocking routes polled often
  bool always_admitted = false;  // answered even when the worker pool is full (readiness)
};

struct RouteMatch {
  const Route* route = nullptr;  // null: no route for this method
  std::size_t index = 0;         // position in routes(), stable, used for metrics
  Fields path_params;
  std::string allow;  // methods that exist for the path when route is null ("" if the path is unknown)
};

// A segment trie: static segments win over {parameters}; no regular expressions.
class Router {
 public:
  Router();
  ~Router();
  void add(Route route);
  RouteMatch match(std::string_view method, const std::vector<std::string>& segments) const;
  const std::vector<Route>& routes() const { return routes_; }

 private:
  struct Node;
  std::unique_ptr<Node> root_;
  std::vector<Route> routes_;
};

std::vector<std::string> split_pattern(std::string_view pattern);

}  // namespace sen::http
