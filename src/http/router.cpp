#include "http/router.hpp"

#include <stdexcept>

namespace sen::http {

struct Router::Node {
  std::map<std::string, std::unique_ptr<Node>, std::less<>> statics;
  std::unique_ptr<Node> param;
  std::string param_name;
  std::map<std::string, std::size_t, std::less<>> methods;  // method -> route index
};

namespace {

// Depth-first, static before parameter; a static dead end falls back to the parameter branch.
template <class Node>
const Node* walk(const Node* node, const std::vector<std::string>& segments, std::size_t i, Fields& params) {
  if (i == segments.size()) return node->methods.empty() ? nullptr : node;
  if (auto it = node->statics.find(segments[i]); it != node->statics.end()) {
    if (const Node* found = walk(it->second.get(), segments, i + 1, params)) return found;
  }
  if (node->param && !segments[i].empty()) {
    params.emplace_back(node->param_name, segments[i]);
    if (const Node* found = walk(node->param.get(), segments, i + 1, params)) return found;
    params.pop_back();
  }
  return nullptr;
}

}  // namespace

Router::Router() : root_(std::make_unique<Node>()) {}
Router::~Router() = default;

std::vector<std::string> split_pattern(std::string_view pattern) {
  std::vector<std::string> segments;
  std::size_t start = 1;
  while (start <= pattern.size()) {
    auto slash = pattern.find('/', start);
    if (slash == std::string_view::npos) slash = pattern.size();
    segments.emplace_back(pattern.substr(start, slash - start));
    start = slash + 1;
  }
  return segments;
}

void Router::add(Route route) {
  Node* node = root_.get();
  for (const auto& seg : split_pattern(route.pattern)) {
    if (seg.size() > 2 && seg.front() == '{' && seg.back() == '}') {
      const std::string name = seg.substr(1, seg.size() - 2);
      if (!node->param) {
        node->param = std::make_unique<Node>();
        node->param_name = name;
      } else if (node->param_name != name) {
        // Programmer error at start-up, not a runtime condition.
        throw std::logic_error("conflicting parameter names at " + route.pattern);
      }
      node = node->param.get();
    } else {
      auto& child = node->statics[seg];
      if (!child) child = std::make_unique<Node>();
      node = child.get();
    }
  }
  if (!node->methods.emplace(route.method, routes_.size()).second) {
    throw std::logic_error("duplicate route " + route.method + " " + route.pattern);
  }
  routes_.push_back(std::move(route));
}

RouteMatch Router::match(std::string_view method, const std::vector<std::string>& segments) const {
  RouteMatch result;
  const Node* node = walk(root_.get(), segments, 0, result.path_params);
  if (node == nullptr) return result;
  if (auto it = node->methods.find(method); it != node->methods.end()) {
    result.index = it->second;
    result.route = &routes_[it->second];
    return result;
  }
  for (const auto& [m, _] : node->methods) result.allow += (result.allow.empty() ? "" : ", ") + m;
  return result;
}

}  // namespace sen::http
