#pragma once

#include <memory>
#include <string>

#include "core/config.hpp"
#include "core/status.hpp"
#include "http/metrics.hpp"
#include "http/router.hpp"
#include "http/static_files.hpp"

namespace sen::http {

// HTTP/1.1 server on Boost.Beast with C++20 coroutines. Every limit comes from ServerConfig:
// header size (431), body size per route (413, decided from the headers before the body is read),
// a deadline for the header (from accept on a new connection) and one for the whole request, an idle
// keep-alive timeout, a connection cap per client address and a global one (at which an idle
// connection is closed for a newcomer). Stored files are sent from disk in chunks.
// SIGTERM/SIGINT: stop accepting, finish in-flight requests (up to the grace period), exit.
class Server {
 public:
  Server(ServerConfig config, const Router& router, Metrics& metrics, const StaticFiles* static_files,
         bool access_log);
  ~Server();
  Server(const Server&) = delete;
  Server& operator=(const Server&) = delete;

  // Binds and listens; returns the base URL actually bound (port 0 resolved), e.g. http://127.0.0.1:41234.
  Result<std::string> bind();
  // Serves until a signal or stop(); returns once shut down gracefully.
  void run();
  // Thread-safe; begins the graceful shutdown.
  void stop();

 private:
  struct Impl;
  std::unique_ptr<Impl> impl_;
};

}  // namespace sen::http
