#include "http/server.hpp"

#include <sodium.h>
#include <spdlog/spdlog.h>

#include <array>
#include <atomic>
#include <boost/asio.hpp>
#include <boost/beast/core.hpp>
#include <boost/beast/http.hpp>
#include <csignal>
#include <mutex>
#include <thread>
#include <unordered_map>
#include <unordered_set>
#include <utility>

#include "http/access_log.hpp"
#include "http/client_address.hpp"
#include "http/file_chunks.hpp"
#include "http/forwarded_client.hpp"
#include "http/problem.hpp"
#include "http/request_head.hpp"

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

// A request's place among those admitted to the worker pool, given back when its work is done (or
// when the request ends some other way).
struct PendingSlot {
  std::atomic<int>* counter = nullptr;
  void release() {
    if (counter != nullptr) counter->fetch_sub(1);
    counter = nullptr;
  }
  PendingSlot() = default;
  PendingSlot(const PendingSlot&) = delete;
  PendingSlot& operator=(const PendingSlot&) = delete;
  ~PendingSlot() { release(); }
};

struct SessionState {
  asio::any_io_executor executor;
  asio::ip::address client;
  beast::tcp_stream* stream = nullptr;  // only on `executor`
  // Waiting for a request (a new connection's first byte, or the next one on a kept-alive connection).
  // Written on `executor`, read by the acceptor looking for a connection to close at the cap.
  std::atomic<bool> idle{false};
  std::atomic<bool> evicting{false};  // chosen to make room; not chosen again meanwhile
};

// Closes the connection if it still waits for a request once its strand runs this.
void close_if_idle(const std::shared_ptr<SessionState>& session) {
  asio::post(session->executor, [weak = std::weak_ptr<SessionState>(session)] {
    auto state = weak.lock();
    if (!state || state->stream == nullptr) return;
    if (state->idle) state->stream->cancel();
    state->evicting = false;  // it turned busy: it may be chosen again later
  });
}

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
  std::mutex sessions_mutex;  // guards sessions and sessions_per_client
  std::unordered_set<std::shared_ptr<SessionState>> sessions;
  std::unordered_map<asio::ip::address, int> sessions_per_client;

  // Requests admitted to the worker pool (queued or running): reads [0] and changes [1].
  std::array<std::atomic<int>, 2> pending{};

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
      beast::error_code peer_ec;
      const auto peer = socket.remote_endpoint(peer_ec);
      if (peer_ec) continue;  // already gone
      auto state = admit(peer.address(), socket.get_executor());
      if (!state) {
        metrics.connection_refused();
        socket.close(peer_ec);
        continue;
      }
      socket.set_option(tcp::no_delay(true), ec);
      auto ex = socket.get_executor();
      asio::co_spawn(ex, session(std::move(socket), std::move(state), peer.address().to_string()),
                     asio::detached);
    }
  }

  // Registers a new connection, or returns null to refuse it: its client holds
  // server.max_connections_per_client already, or the server is at server.max_connections and no
  // connection waits idle to be closed in its favour. A trusted proxy (nginx) carries every citizen's
  // connections, so only server.max_connections bounds it: capped per client, a busy hour would have
  // nginx answer 502 to citizens while the server idles.
  std::shared_ptr<SessionState> admit(const asio::ip::address& peer, asio::any_io_executor executor) {
    auto state = std::make_shared<SessionState>();
    state->executor = std::move(executor);
    state->client = client_of(peer);
    const bool proxy = is_trusted_proxy(peer.to_string(), cfg.trusted_proxies);
    std::lock_guard lock(sessions_mutex);
    if (auto it = sessions_per_client.find(state->client);
        !proxy && it != sessions_per_client.end() && it->second >= cfg.max_connections_per_client) {
      return nullptr;
    }
    if (std::cmp_greater_equal(sessions.size(), cfg.max_connections) && !evict_idle_session()) return nullptr;
    ++sessions_per_client[state->client];
    sessions.insert(state);
    return state;
  }

  // With sessions_mutex held. Until the chosen connection has closed, the count may exceed the cap by
  // the connections admitted in its place.
  bool evict_idle_session() {
    for (const auto& s : sessions) {
      if (!s->idle || s->evicting.exchange(true)) continue;
      close_if_idle(s);
      metrics.connection_evicted();
      return true;
    }
    return false;
  }

  void forget(const std::shared_ptr<SessionState>& state) {
    bool last = false;
    {
      std::lock_guard lock(sessions_mutex);
      sessions.erase(state);
      if (auto it = sessions_per_client.find(state->client); --it->second == 0) sessions_per_client.erase(it);
      last = sessions.empty();
    }
    if (last && stopping) asio::post(control, [this] { grace.cancel(); });
  }

  awaitable<void> session(tcp::socket socket, std::shared_ptr<SessionState> state, std::string remote) {
    metrics.connection_opened();
    const auto accepted = Clock::now();
    beast::tcp_stream stream(std::move(socket));
    state->stream = &stream;
    beast::error_code ec;
    try {
      beast::flat_buffer buffer;
      for (bool first = true;; first = false) {
        // A new connection's header deadline runs from accept: waiting silently for its first byte
        // counts against it. A kept-alive connection may wait idle_timeout for its next request, whose
        // deadlines then run from its first byte.
        if (buffer.size() == 0) {
          if (stopping) break;
          state->idle = true;
          if (first) {
            stream.expires_at(header_deadline(accepted));
          } else {
            stream.expires_after(std::chrono::milliseconds(cfg.idle_timeout_ms));
          }
          auto [read_ec, n] = co_await stream.async_read_some(buffer.prepare(8192), kTuple);
          state->idle = false;
          if (read_ec) break;
          buffer.commit(n);
        }
        if (!co_await handle_request(stream, buffer, remote, first ? accepted : Clock::now())) break;
      }
    } catch (const std::exception& e) {
      spdlog::error("connection error: {}", e.what());
    }
    stream.socket().shutdown(tcp::socket::shutdown_send, ec);
    stream.close();
    state->stream = nullptr;
    metrics.connection_closed();
    forget(state);
  }

  // The header is due within server.header_timeout_ms, and never after the whole request is.
  Clock::time_point header_deadline(Clock::time_point began) const {
    return began + std::chrono::milliseconds(std::min(cfg.header_timeout_ms, cfg.request_timeout_ms));
  }

  // Reads and answers one request, whose deadlines run from `began`; false when the connection must
  // close. Fixed deadlines: a client trickling bytes cannot extend them.
  awaitable<bool> handle_request(beast::tcp_stream& stream, beast::flat_buffer& buffer,
                                 const std::string& remote, Clock::time_point began) {
    const auto start = Clock::now();
    bhttp::request_parser<bhttp::string_body> parser;
    parser.header_limit(static_cast<std::uint32_t>(cfg.header_limit_bytes));
    // Unlimited while reading the header: Beast would otherwise reject a large Content-Length as a
    // parse error; the limit for this route is applied below, once the route is known.
    parser.body_limit(boost::none);
    stream.expires_at(header_deadline(began));
    auto [ec, n] = co_await bhttp::async_read_header(stream, buffer, parser, kTuple);
    stream.expires_at(began + std::chrono::milliseconds(cfg.request_timeout_ms));
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
    std::vector<std::string> segments;
    if (auto head = read_request_head(parser.get(), request, segments, [this] { return next_request_id(); });
        !head) {
      co_await send_error(stream, request, head.error().code, head.error().message, head.error().field, start,
                          remote);
      co_return false;
    }
    // From here on the request is attributed to its client, which a trusted proxy names.
    if (auto client = forwarded_client(remote, request.header("x-forwarded-for"), cfg.trusted_proxies);
        client) {
      request.remote = std::move(*client);
    } else {
      co_await send_error(stream, request, client.error().code, client.error().message, client.error().field,
                          start, remote);
      co_return false;
    }
    auto& raw = parser.get();

    RouteMatch match = router.match(request.method, segments);
    std::size_t limit = cfg.body_limit_bytes;
    if (match.route != nullptr && match.route->body_limit != 0) limit = match.route->body_limit;
    // Refuse an announced oversized body before reading a byte of it.
    if (const auto length = parser.content_length(); length && *length > limit) {
      co_await send_error(stream, request, ErrorCode::kPayloadTooLarge,
                          fmt::format("The request body exceeds {} bytes for this endpoint", limit), "",
                          start, request.remote, match.route ? match.index : unmatched_route);
      co_return false;
    }
    // Admission: past the worker pool's bounds the request is shed now, before its body is read.
    PendingSlot slot;
    if (match.route != nullptr && match.route->execution == Execution::kBlocking &&
        !match.route->always_admitted) {
      const bool reads = request.method == "GET" || request.method == "HEAD";
      auto& counter = pending[reads ? 0 : 1];
      const int bound = reads ? cfg.max_pending_reads : cfg.max_pending_writes;
      if (counter.fetch_add(1) >= bound) {
        counter.fetch_sub(1);
        Response busy =
            problem_response(Error{ErrorCode::kUnavailable, "The server is busy; try again shortly", "", "",
                                   cfg.overload_retry_after_seconds},
                             request.path);
        co_await send_response_and_close(stream, request, std::move(busy), start, request.remote,
                                         match.index);
        co_return false;
      }
      slot.counter = &counter;
    }
    if (!parser.is_done()) {
      parser.body_limit(limit);
      auto [body_ec, body_n] = co_await bhttp::async_read(stream, buffer, parser, kTuple);
      if (body_ec == bhttp::error::body_limit) {
        co_await send_error(stream, request, ErrorCode::kPayloadTooLarge,
                            fmt::format("The request body exceeds {} bytes for this endpoint", limit), "",
                            start, request.remote, match.route ? match.index : unmatched_route);
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
      slot.release();
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
                                      head, start, request.remote, metrics_route);
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
    co_await send_response_and_close(stream, request, std::move(r), start, remote,
                                     route.value_or(unmatched_route));
  }

  // Answers a request whose body is left unread, then closes the connection.
  awaitable<void> send_response_and_close(beast::tcp_stream& stream, const Request& request, Response r,
                                          Clock::time_point start, const std::string& remote,
                                          std::size_t route) {
    co_await write_response(stream, request, std::move(r), 11, false, false, start, remote, route);
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
    std::optional<FileChunks> chunks;
    if (response.file) {
      auto opened = FileChunks::open(*response.file);
      if (opened) {
        chunks.emplace(std::move(*opened));
      } else {
        spdlog::error("request {} {} {}: {}", request.request_id, request.method, request.printable_path(),
                      opened.error().internal);
        response = problem_response(Error{ErrorCode::kInternal, "Internal error"}, request.path);
      }
    }
    const std::size_t bytes = chunks ? chunks->remaining() : response.body.size();
    const bool written =
        chunks ? co_await write_streamed(stream, request, response, *chunks, version, keep_alive)
               : co_await write_in_memory(stream, request, response, version, keep_alive, head);
    const auto elapsed = Clock::now() - start;
    metrics.observe(metrics_route, response.status, elapsed);
    if (access) {
      access->write({request.request_id, remote, request.method, request.path, response.status, bytes,
                     std::chrono::duration_cast<std::chrono::microseconds>(elapsed).count()});
    }
    co_return written&& keep_alive;
  }

  template <class Body>
  void set_headers(bhttp::response<Body>& res, const Request& request, const Response& response,
                   bool keep_alive) {
    res.set(bhttp::field::server, "sen");
    res.set("X-Request-Id", request.request_id);
    if (response.status != 304) res.set(bhttp::field::content_type, response.content_type);
    res.set("X-Content-Type-Options", "nosniff");
    res.set("Referrer-Policy", "no-referrer");
    res.set("X-Frame-Options", "DENY");
    res.set(
        "Content-Security-Policy",
        // frame-src: a dossier's papers, read in the page (served inline with their own policy).
        "default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data:; font-src 'self'; "
        "connect-src 'self'; frame-src 'self'; object-src 'none'; frame-ancestors 'none'; base-uri 'none'; "
        "form-action 'self'");
    bool has_cache_control = false;
    for (const auto& [k, v] : response.headers) {
      has_cache_control = has_cache_control || k == "Cache-Control";
      res.set(k, v);
    }
    if (!has_cache_control) res.set(bhttp::field::cache_control, "no-store");
    res.keep_alive(keep_alive);
  }

  // True when the whole response went out.
  awaitable<bool> write_in_memory(beast::tcp_stream& stream, const Request& request, Response& response,
                                  unsigned version, bool keep_alive, bool head) {
    bhttp::response<bhttp::string_body> res{static_cast<bhttp::status>(response.status), version};
    set_headers(res, request, response, keep_alive);
    res.body() = std::move(response.body);
    res.prepare_payload();
    if (head) res.body().clear();
    stream.expires_after(std::chrono::milliseconds(cfg.request_timeout_ms));
    auto [ec, n] = co_await bhttp::async_write(stream, res, kTuple);
    co_return !ec;
  }

  // Sends a stored file one chunk at a time; each chunk must be taken within server.request_timeout_ms,
  // so a slow reader holds one chunk of memory, and a stalled one is cut off. True when all went out.
  awaitable<bool> write_streamed(beast::tcp_stream& stream, const Request& request, const Response& response,
                                 FileChunks& chunks, unsigned version, bool keep_alive) {
    bhttp::response<bhttp::buffer_body> res{static_cast<bhttp::status>(response.status), version};
    set_headers(res, request, response, keep_alive);
    res.content_length(chunks.remaining());
    bhttp::response_serializer<bhttp::buffer_body> serializer{res};
    do {
      auto chunk = chunks.next();
      if (!chunk) {
        // The header may be out with its length already: cutting the connection is all that is left.
        spdlog::error("request {} {} {}: {}", request.request_id, request.method, request.printable_path(),
                      chunk.error().internal);
        co_return false;
      }
      res.body().data = const_cast<char*>(chunk->data());
      res.body().size = chunk->size();
      res.body().more = chunks.remaining() > 0;
      stream.expires_after(std::chrono::milliseconds(cfg.request_timeout_ms));
      auto [ec, n] = co_await bhttp::async_write(stream, serializer, kTuple);
      if (ec && ec != bhttp::error::need_buffer) co_return false;
    } while (!serializer.is_done());
    co_return true;
  }

  void begin_shutdown() {
    asio::post(control, [this] {
      if (stopping.exchange(true)) return;
      spdlog::info("shutting down: finishing in-flight requests");
      beast::error_code ec;
      acceptor.close(ec);
      signals.cancel(ec);
      std::lock_guard lock(sessions_mutex);
      // Idle connections are closed now; busy ones finish their request first.
      for (const auto& s : sessions) close_if_idle(s);
      if (!sessions.empty()) {
        grace.expires_after(std::chrono::milliseconds(cfg.shutdown_grace_ms));
        grace.async_wait([this](beast::error_code wait_ec) {
          if (!wait_ec) {
            std::size_t open = 0;
            {
              std::lock_guard still(sessions_mutex);
              open = sessions.size();
            }
            spdlog::warn("shutdown grace period over; closing {} connections", open);
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
