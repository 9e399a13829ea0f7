#pragma once

#include <optional>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "core/file_location.hpp"

namespace sen::http {

using Fields = std::vector<std::pair<std::string, std::string>>;

// What a handler sees of a request: decoded path and query, path parameters from the route pattern,
// the body, and the request id. Free of Beast so handlers and their tests stay light.
struct Request {
  std::string method;
  std::string path;
  Fields query;
  Fields path_params;
  Fields headers;  // names in lower case
  std::string body;
  std::string request_id;
  std::string remote;  // client address

  std::optional<std::string_view> query_param(std::string_view name) const;
  std::string_view path_param(std::string_view name) const;
  std::optional<std::string_view> header(std::string_view lower_name) const;
  // The path with control characters escaped, for plain-text logs.
  std::string printable_path() const;
};

struct Response {
  int status = 200;
  std::string content_type = "application/json";
  std::string body;
  Fields headers;
  // Set instead of `body` for a stored file: the server sends it from disk in chunks.
  std::optional<FileLocation> file;
};

}  // namespace sen::http
