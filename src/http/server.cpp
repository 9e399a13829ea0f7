#include "http/server.hpp"

#include <sodium.h>
#include <spdlog/spdlog.h>

#include <boost/asio.hpp>
#include <boost/beast/core.hpp>
#include <boost/beast/http.hpp>
#include <boost/url/parse.hpp>
#include <csignal>
#include <mutex>
#include <thread>
#include <unordered_set>

#include "http/access_log.hpp"
#include "http/problem.hpp"

namespace sen::http {
namespace {

namespace asio = boost::asio;
namespace beast = boost::beast;
namespace bhttp = beast::http;
using tcp = asio::ip::tcp;
using asio::awaitable;
using asio::use_awaitable;
constexpr auto kTuple = asio::as_tuple(use_awaitable);
using Clock = std::chrono::steady_clock;

// Runs blocking work on the worker pool and resumes the coroutine on its own executor. The resumed
// executor is kept busy (outstanding work) so the server does not stop while work is in flight.
template <class F>
auto run_on(asio::thread_pool& pool, F fn) {
  using R = std::invoke_result_t<F>;
  return asio::async_initiate<decltype(use_awaitable), void(R)>(
      [&pool](auto handler, F work) {
        auto home =
            asio::prefer(asio::get_associated_executor(handler), asio::execution::outstanding_work.tracked);
        asio::post(pool,
                   [handler = std::move(handler), work = std::move(work), home = std::move(home)]() mutable {
                     R result = work();
                     asio::post(home, [handler = std::move(handler), result = std::move(result)]() mutable {
                       std::move(handler)(std::move(result));
                     });
                   });
      },
      use_awaitable, std::move(fn));
}

bool valid_request_id(std::string_view id) {
  if (id.empty() || id.size() > 64) return false;
  for (char c : id) {
    const bool ok = (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '-' ||
                    c == '_' || c == '.';
    if (!ok) return false;
  }
  return true;
}

std::string lower(std::string_view s) {
  std::string out(s);
  for (auto& c : out) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  return out;
}

// Shared with the shutdown path, which reaches it only through `executor` (the session's strand).
bool safe_text(std::string_view s) {
  for (std::size_t i = 0; i < s.size();) {
    const auto b = static_cast<unsigned char>(s[i]);
    if (b < 0x80) {
      if (b < 0x20 || b == 0x7F) return false;
      ++i;
      continue;
    }
    const int len = (b >> 5) == 0x6 ? 2 : (b >> 4) == 0xE ? 3 : (b >> 3) == 0x1E ? 4 : 0;
    if (len == 0 || i + len > s.size()) return false;
    for (int k = 1; k < len; ++k) {
      if ((static_cast<unsigned char>(s[i + k]) & 0xC0) != 0x80) return false;
    }
    i += len;
  }
  return true;
}

// The name of the first unsafe part of the target ("path" or a query parameter), or "".
std::string find_unsafe_text(const Request& r) {
  if (!safe_text(r.path)) return "path";
  for (const auto& [k, v] : r.query) {
    if (!safe_text(k) || !safe_text(v)) return safe_text(k) ? k : "query";
  }
  return "";
}

struct SessionState {
  asio::any_io_executor executor;
  beast::tcp_stream* stream = nullptr;
  bool idle = false;
};

}  // namespace

struct Server::Impl {
  ServerConfig cfg;
  const Router& router;
  Metrics& metrics;
  const StaticFiles* files;
  std::unique_ptr<AccessLog> access;

  asio::io_context ioc;
  asio::thread_pool workers;
  tcp::acceptor acceptor{ioc};
  asio::signal_set signals{ioc, SIGINT, SIGTERM};
  asio::strand<asio::io_context::executor_type> control{asio::make_strand(ioc)};
  asio::steady_timer grace{control};
  std::atomic<bool> stopping{false};
  std::atomic<int> connections{0};
  std::mutex sessions_mutex;
  std::unordered_set<std::shared_ptr<SessionState>> sessions;

  std::size_t static_route = 0;
  std::size_t unmatched_route = 0;
  std::string id_prefix;
  std::atomic<std::uint64_t> id_counter{0};

  Impl(ServerConfig c, const Router& r, Metrics& m, const StaticFiles* f, bool access_log)
      : cfg(std::move(c)),
        router(r),
        metrics(m),
        files(f),
        workers(cfg.worker_threads > 0 ? static_cast<std::size_t>(cfg.worker_threads)
                                       : 8 * std::max(1u, std::thread::hardware_concurrency())) {
    for (const auto& route : router.routes()) metrics.add_route(route.method, route.pattern);
    static_route = metrics.add_route("GET", "static");
    unmatched_route = metrics.add_route("", "unmatched");
    unsigned char random[6];
    randombytes_buf(random, sizeof random);
    for (unsigned char b : random) id_prefix += fmt::format("{:02x}", b);
    if (access_log) access = std::make_unique<AccessLog>();
  }

  std::string next_request_id() {
    return fmt::format("{}-{:x}", id_prefix, id_counter.fetch_add(1, std::memory_order_relaxed));
  }

  awaitable<void> accept_loop() {
    for (;;) {
      auto [ec, socket] = co_await acceptor.async_accept(asio::make_strand(ioc), kTuple);
      if (ec) {
        if (stopping || ec == asio::error::operation_aborted) co_return;
        // Out of file descriptors or similar: back off briefly instead of spinning.
        asio::steady_timer pause(ioc, std::chrono::milliseconds(50));
        co_await pause.async_wait(kTuple);
        continue;
      }
      if (connections.load() >= cfg.max_connections) {
        metrics.connection_refused();
        beast::error_code ignored;
        socket.close(ignored);
        continue;
      }
      socket.set_option(tcp::no_delay(true), ec);
      connections.fetch_add(1);
      auto ex = socket.get_executor();
      asio::co_spawn(ex, session(std::move(socket)), asio::detached);
    }
  }

  awaitable<void> session(tcp::socket socket) {
    metrics.connection_opened();
    auto state = std::make_shared<SessionState>();
    state->executor = socket.get_executor();
    beast::tcp_stream stream(std::move(socket));
    state->stream = &stream;
    {
      std::lock_guard lock(sessions_mutex);
      sessions.insert(state);
    }
    beast::error_code ec;
    const auto peer = stream.socket().remote_endpoint(ec);
    const std::string remote = ec ? "" : peer.address().to_string();
    try {
      beast::flat_buffer buffer;
      for (;;) {
        if (buffer.size() == 0) {
          if (stopping) break;
          state->idle = true;
          stream.expires_after(std::chrono::milliseconds(cfg.idle_timeout_ms));
          auto [read_ec, n] = co_await stream.async_read_some(buffer.prepare(8192), kTuple);
          state->idle = false;
          if (read_ec) break;
          buffer.commit(n);
        }
        // One deadline for the whole request: a client trickling bytes cannot extend it.
        stream.expires_after(std::chrono::milliseconds(cfg.request_timeout_ms));
        if (!co_await handle_request(stream, buffer, remote)) break;
      }
    } catch (const std::exception& e) {
      spdlog::error("connection error: {}", e.what());
    }
    stream.socket().shutdown(tcp::socket::shutdown_send, ec);
    stream.close();
    state->stream = nullptr;
    {
      std::lock_guard lock(sessions_mutex);
      sessions.erase(state);
    }
    metrics.connection_closed();
    if (connections.fetch_sub(1) == 1 && stopping) {
      asio::post(control, [this] { grace.cancel(); });
    }
  }

  // Reads and answers one request; false when the connection must close.
  awaitable<bool> handle_request(beast::tcp_stream& stream, beast::flat_buffer& buffer,
                                 const std::string& remote) {
    const auto start = Clock::now();
    bhttp::request_parser<bhttp::string_body> parser;
    parser.header_limit(static_cast<std::uint32_t>(cfg.header_limit_bytes));
    // Unlimited while reading the header: Beast would otherwise reject a large Content-Length as a
    // parse error; the limit for this route is applied below, once the route is known.
    parser.body_limit(boost::none);
    auto [ec, n] = co_await bhttp::async_read_header(stream, buffer, parser, kTuple);
    Request request;
    request.remote = remote;
    if (ec) {
      if (ec == bhttp::error::header_limit) {
        request.request_id = next_request_id();
        co_await send_error(stream, request, ErrorCode::kHeaderTooLarge,
                            fmt::format("Request headers exceed {} bytes (server.header_limit_bytes)",
                                        cfg.header_limit_bytes),
                            "", start, remote);
      } else if (ec != bhttp::error::end_of_stream && ec != beast::error::timeout &&
                 ec != asio::error::operation_aborted && ec != asio::error::connection_reset &&
                 ec != asio::error::eof) {
        request.request_id = next_request_id();
        co_await send_error(stream, request, ErrorCode::kInvalidArgument, "Malformed HTTP request", "", start,
                            remote);
      }
      co_return false;
    }
    auto& raw = parser.get();
    request.method = std::string(raw.method_string());
    for (const auto& field : raw)
      request.headers.emplace_back(lower(field.name_string()), std::string(field.value()));
    const auto incoming_id = request.header("x-request-id");
    request.request_id =
        incoming_id && valid_request_id(*incoming_id) ? std::string(*incoming_id) : next_request_id();

    auto url = boost::urls::parse_origin_form(raw.target());
    if (!url) {
      co_await send_error(stream, request, ErrorCode::kInvalidArgument,
                          "The request target is not a valid path", "target", start, remote);
      co_return false;
    }
    request.path = url->path();
    std::vector<std::string> segments;
    for (auto s : url->segments()) segments.emplace_back(s);
    for (auto p : url->params()) request.query.emplace_back(p.key, p.value);
    // Decoded text reaches databases and logs: only valid UTF-8 without control characters goes on.
    if (auto bad = find_unsafe_text(request); !bad.empty()) {
      co_await send_error(stream, request, ErrorCode::kInvalidArgument,
                          "The request target holds invalid UTF-8 or control characters", bad, start, remote);
      co_return false;
    }

    RouteMatch match = router.match(request.method, segments);
    std::size_t limit = cfg.body_limit_bytes;
    if (match.route != nullptr && match.route->body_limit != 0) limit = match.route->body_limit;
    // Refuse an announced oversized body before reading a byte of it.
    if (const auto length = parser.content_length(); length && *length > limit) {
      co_await send_error(stream, request, ErrorCode::kPayloadTooLarge,
                          fmt::format("The request body exceeds {} bytes for this endpoint", limit), "",
                          start, remote, match.route ? match.index : unmatched_route);
      co_return false;
    }
    if (!parser.is_done()) {
      parser.body_limit(limit);
      auto [body_ec, body_n] = co_await bhttp::async_read(stream, buffer, parser, kTuple);
      if (body_ec == bhttp::error::body_limit) {
        co_await send_error(stream, request, ErrorCode::kPayloadTooLarge,
                            fmt::format("The request body exceeds {} bytes for this endpoint", limit), "",
                            start, remote, match.route ? match.index : unmatched_route);
        co_return false;
      }
      if (body_ec) co_return false;  // deadline passed or client went away: nothing to answer
    }
    request.body = std::move(raw.body());
    const bool keep_alive = raw.keep_alive();
    const unsigned version = raw.version();

    Response response;
    std::size_t metrics_route = unmatched_route;
    bool head = false;
    if (match.route != nullptr) {
      metrics_route = match.index;
      request.path_params = std::move(match.path_params);
      const Route& route = *match.route;
      std::optional<Response> from_memory;
      if (route.execution == Execution::kInline) {
        response = invoke(route, request);
      } else if (route.from_memory && (from_memory = answer_from_memory(route, request))) {
        response = std::move(*from_memory);
      } else {
        response = co_await run_on(workers, [&route, &request, this] { return invoke(route, request); });
      }
    } else if (!match.allow.empty()) {
      response =
          problem_response(Error{ErrorCode::kMethodNotAllowed,
                                 fmt::format("{} is not allowed here; use {}", request.method, match.allow)},
                           request.path);
      response.headers.emplace_back("Allow", match.allow);
    } else if ((request.method == "GET" || request.method == "HEAD") && files != nullptr &&
               !request.path.starts_with("/api/")) {
      head = request.method == "HEAD";
      metrics_route = static_route;
      response = serve_static(request);
    } else {
      response = problem_response(
          Error{ErrorCode::kRouteNotFound, fmt::format("No endpoint at {} {}", request.method, request.path)},
          request.path);
    }
    co_return co_await write_response(stream, request, std::move(response), version, keep_alive && !stopping,
                                      head, start, remote, metrics_route);
  }

  std::optional<Response> answer_from_memory(const Route& route, const Request& request) {
    try {
      return route.from_memory(request);
    } catch (const std::exception& e) {
      spdlog::error("request {} {} {} failed in memory: {}", request.request_id, request.method,
                    request.printable_path(), e.what());
    }
    return std::nullopt;  // the blocking handler gets its chance
  }

  Response invoke(const Route& route, const Request& request) {
    try {
      return route.handler(request);
    } catch (const std::exception& e) {
      spdlog::error("request {} {} {} failed: {}", request.request_id, request.method,
                    request.printable_path(), e.what());
    } catch (...) {
      spdlog::error("request {} {} {} failed", request.request_id, request.method, request.printable_path());
    }
    return problem_response(Error{ErrorCode::kInternal, "Internal error"}, request.path);
  }

  Response serve_static(const Request& request) {
    const StaticFile* file = files->find(request.path);
    if (file == nullptr) {
      return problem_response(Error{ErrorCode::kRouteNotFound, fmt::format("Nothing at {}", request.path)},
                              request.path);
    }
    Response r;
    r.content_type = file->content_type;
    r.headers.emplace_back("Cache-Control", file->cache_control);
    r.headers.emplace_back("ETag", file->etag);
    if (auto inm = request.header("if-none-match"); inm && *inm == file->etag) {
      r.status = 304;
      return r;
    }
    r.body = file->body;
    return r;
  }

  awaitable<void> send_error(beast::tcp_stream& stream, const Request& request, ErrorCode code,
                             std::string message, std::string field, Clock::time_point start,
                             const std::string& remote, std::optional<std::size_t> route = std::nullopt) {
    Response r = problem_response(Error{code, std::move(message), std::move(field), {}}, request.path);
    co_await write_response(stream, request, std::move(r), 11, false, false, start, remote,
                            route.value_or(unmatched_route));
    // Let the client read the answer: stop sending, then discard what it still sends for a moment, so the
    // kernel does not reset the connection over unread bytes.
    beast::error_code ec;
    stream.socket().shutdown(tcp::socket::shutdown_send, ec);
    stream.expires_after(std::chrono::seconds(1));
    std::array<char, 4096> scratch;
    std::size_t drained = 0;
    while (drained < 1024 * 1024) {
      auto [read_ec, n] = co_await stream.async_read_some(asio::buffer(scratch), kTuple);
      if (read_ec) break;
      drained += n;
    }
  }

  awaitable<bool> write_response(beast::tcp_stream& stream, const Request& request, Response response,
                                 unsigned version, bool keep_alive, bool head, Clock::time_point start,
                                 const std::string& remote, std::size_t metrics_route) {
    bhttp::response<bhttp::string_body> res{static_cast<bhttp::status>(response.status), version};
    res.set(bhttp::field::server, "sen");
    res.set("X-Request-Id", request.request_id);
    if (response.status != 304) res.set(bhttp::field::content_type, response.content_type);
    res.set("X-Content-Type-Options", "nosniff");
    res.set("Referrer-Policy", "no-referrer");
    res.set("X-Frame-Options", "DENY");
    res.set(
        "Content-Security-Policy",
        "default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data:; font-src 'self'; "
        "connect-src 'self'; object-src 'none'; frame-ancestors 'none'; base-uri 'none'; form-action 'self'");
    bool has_cache_control = false;
    for (auto& [k, v] : response.headers) {
      has_cache_control = has_cache_control || k == "Cache-Control";
      res.set(k, v);
    }
    if (!has_cache_control) res.set(bhttp::field::cache_control, "no-store");
    res.keep_alive(keep_alive);
    const std::size_t bytes = response.body.size();
    res.body() = std::move(response.body);
    res.prepare_payload();
    if (head) res.body().clear();
    stream.expires_after(std::chrono::milliseconds(cfg.request_timeout_ms));
    auto [ec, n] = co_await bhttp::async_write(stream, res, kTuple);
    const auto elapsed = Clock::now() - start;
    metrics.observe(metrics_route, response.status, elapsed);
    if (access) {
      access->write({request.request_id, remote, request.method, request.path, response.status, bytes,
                     std::chrono::duration_cast<std::chrono::microseconds>(elapsed).count()});
    }
    co_return !ec && keep_alive;
  }

  void begin_shutdown() {
    asio::post(control, [this] {
      if (stopping.exchange(true)) return;
      spdlog::info("shutting down: finishing in-flight requests");
      beast::error_code ec;
      acceptor.close(ec);
      signals.cancel(ec);
      std::lock_guard lock(sessions_mutex);
      for (const auto& s : sessions) {
        // Idle keep-alive connections are closed now; busy ones finish their request first.
        asio::post(s->executor, [weak = std::weak_ptr<SessionState>(s)] {
          if (auto state = weak.lock(); state && state->stream && state->idle) state->stream->cancel();
        });
      }
      if (connections.load() > 0) {
        grace.expires_after(std::chrono::milliseconds(cfg.shutdown_grace_ms));
        grace.async_wait([this](beast::error_code wait_ec) {
          if (!wait_ec) {
            spdlog::warn("shutdown grace period over; closing {} connections", connections.load());
            workers
                .stop();  // queued work is abandoned; running work ends at the database's statement timeout
            ioc.stop();
          }
        });
      }
    });
  }
};

Server::Server(ServerConfig config, const Router& router, Metrics& metrics, const StaticFiles* static_files,
               bool access_log)
    : impl_(std::make_unique<Impl>(std::move(config), router, metrics, static_files, access_log)) {}

Server::~Server() = default;

Result<std::string> Server::bind() {
  const std::string& listen = impl_->cfg.listen;
  const auto colon = listen.rfind(':');
  if (colon == std::string::npos) {
    return fail(ErrorCode::kInvalidArgument, "server.listen must be HOST:PORT", "server.listen");
  }
  std::string host = listen.substr(0, colon);
  const std::string port = listen.substr(colon + 1);
  if (host.size() > 1 && host.front() == '[' && host.back() == ']') host = host.substr(1, host.size() - 2);
  beast::error_code ec;
  tcp::resolver resolver(impl_->ioc);
  auto results = resolver.resolve(host, port, asio::ip::resolver_base::numeric_service, ec);
  if (ec || results.empty()) {
    return fail(ErrorCode::kInvalidArgument, fmt::format("cannot resolve {}: {}", listen, ec.message()),
                "server.listen");
  }
  const tcp::endpoint endpoint = results.begin()->endpoint();
  auto& acceptor = impl_->acceptor;
  acceptor.open(endpoint.protocol(), ec);
  if (!ec) acceptor.set_option(asio::socket_base::reuse_address(true), ec);
  if (!ec) acceptor.bind(endpoint, ec);
  if (!ec) acceptor.listen(asio::socket_base::max_listen_connections, ec);
  if (ec) {
    return fail(ErrorCode::kUnavailable, fmt::format("cannot listen on {}: {}", listen, ec.message()),
                "server.listen");
  }
  const auto local = acceptor.local_endpoint();
  const std::string address =
      local.address().is_v6() ? "[" + local.address().to_string() + "]" : local.address().to_string();
  return fmt::format("http://{}:{}", address, local.port());
}

void Server::run() {
  auto& impl = *impl_;
  // On the control strand, like acceptor.close() in begin_shutdown.
  asio::co_spawn(impl.control, impl.accept_loop(), asio::detached);
  impl.signals.async_wait([this](beast::error_code ec, int) {
    if (!ec) stop();
  });
  const unsigned threads = impl.cfg.threads > 0 ? static_cast<unsigned>(impl.cfg.threads)
                                                : std::max(1u, std::thread::hardware_concurrency());
  std::vector<std::thread> extra;
  for (unsigned i = 1; i < threads; ++i) extra.emplace_back([&impl] { impl.ioc.run(); });
  impl.ioc.run();
  for (auto& t : extra) t.join();
  impl.workers.join();
  impl.access.reset();  // flushes
}

void Server::stop() { impl_->begin_shutdown(); }

}  // namespace sen::http
