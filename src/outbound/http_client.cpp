#include "outbound/http_client.hpp"

#include <openssl/evp.h>
#include <openssl/ssl.h>
#include <openssl/x509_vfy.h>

#include <algorithm>
#include <boost/asio/co_spawn.hpp>
#include <boost/asio/io_context.hpp>
#include <boost/asio/redirect_error.hpp>
#include <boost/asio/ssl.hpp>
#include <boost/asio/steady_timer.hpp>
#include <boost/asio/use_awaitable.hpp>
#include <boost/beast/core.hpp>
#include <boost/beast/http.hpp>
#include <boost/url/parse.hpp>
#include <boost/url/url_view.hpp>
#include <exception>
#include <variant>

namespace sen::outbound {
namespace {

namespace asio = boost::asio;
namespace beast = boost::beast;
namespace http = boost::beast::http;
namespace ssl = boost::asio::ssl;
using tcp = asio::ip::tcp;
using boost::system::error_code;

tl::unexpected<Error> unavailable(std::string internal) {
  return tl::unexpected<Error>(
      Error{ErrorCode::kUnavailable, "An external service is unavailable", {}, std::move(internal)});
}

tl::unexpected<Error> bad_request(std::string internal) {
  return tl::unexpected<Error>(
      Error{ErrorCode::kInvalidArgument, "Invalid outbound request", {}, std::move(internal)});
}

// The parts of a URL a request needs. `origin` (scheme://host:port/path, no query) is what errors
// may mention: queries can carry secrets.
struct Target {
  bool tls = false;
  std::string host;         // for DNS and certificate checks: no brackets around IPv6
  bool host_is_ip = false;  // IP literals get an IP check and no SNI
  std::string port;
  std::string host_header;  // as written in the URL, port included when explicit
  std::string target;       // path and query
  std::string origin;
};

Result<Target> parse_target(std::string_view url) {
  auto parsed = boost::urls::parse_absolute_uri(url);
  if (!parsed) return bad_request("unparseable URL");
  const boost::urls::url_view& u = *parsed;
  Target t;
  if (u.scheme_id() == boost::urls::scheme::https) {
    t.tls = true;
  } else if (u.scheme_id() != boost::urls::scheme::http) {
    return bad_request("unsupported URL scheme '" + std::string(u.scheme()) + "'");
  }
  // Credentials belong in headers, where they are not logged by proxies and servers.
  if (u.has_userinfo()) return bad_request("URL must not contain user information");
  switch (u.host_type()) {
    case boost::urls::host_type::name:
      t.host = u.host_name();
      break;
    case boost::urls::host_type::ipv4:
    case boost::urls::host_type::ipv6:
      t.host = u.host_address();
      t.host_is_ip = true;
      break;
    default:
      return bad_request("URL has no usable host");
  }
  if (t.host.empty()) return bad_request("URL has no host");
  if (u.has_port()) {
    if (u.port_number() == 0) return bad_request("URL has an invalid port");
    t.port = std::to_string(u.port_number());
  } else {
    t.port = t.tls ? "443" : "80";
  }
  t.host_header = u.encoded_host_and_port();
  t.target = u.encoded_target();
  if (t.target.empty()) t.target = "/";
  if (t.target.front() != '/') return bad_request("URL path must be absolute");
  t.origin = std::string(u.scheme()) + "://" + t.host_header + std::string(u.encoded_path());
  return t;
}

std::string base64(std::string_view in) {
  std::string out(4 * ((in.size() + 2) / 3) + 1, '\0');
  const int n =
      EVP_EncodeBlock(reinterpret_cast<unsigned char*>(out.data()),
                      reinterpret_cast<const unsigned char*>(in.data()), static_cast<int>(in.size()));
  out.resize(static_cast<std::size_t>(n));
  return out;
}

// Why a TLS handshake failed, in OpenSSL's words ("certificate has expired", "hostname mismatch").
std::string verify_failure(SSL* ssl) {
  const long result = SSL_get_verify_result(ssl);
  if (result == X509_V_OK) return {};
  return std::string(": ") + X509_verify_cert_error_string(result);
}

using PlainStream = beast::tcp_stream;
using TlsStream = ssl::stream<beast::tcp_stream>;
using Clock = std::chrono::steady_clock;

struct Limits {
  Clock::time_point deadline;  // of the whole exchange
  Clock::time_point connect_deadline;
  std::chrono::milliseconds timeout;  // for messages
  std::size_t max_response_bytes;
  std::size_t max_header_bytes;
};

tl::unexpected<Error> failed(const Target& t, std::string_view step, const error_code& ec,
                             const Limits& limits) {
  if (ec == beast::error::timeout || ec == asio::error::operation_aborted) {
    return unavailable("request to " + t.origin + " timed out after " +
                       std::to_string(limits.timeout.count()) + " ms (" + std::string(step) + ")");
  }
  return unavailable(std::string(step) + " " + t.origin + " failed: " + ec.message());
}

// After connecting, the stream's own timer (set to the overall deadline) bounds every read and
// write, TLS records included.
template <class Stream>
asio::awaitable<Result<HttpResponse>> write_and_read(Stream& stream,
                                                     const http::request<http::string_body>& req,
                                                     const Target& t, const Limits& limits) {
  error_code ec;
  co_await http::async_write(stream, req, asio::redirect_error(asio::use_awaitable, ec));
  if (ec) co_return failed(t, "sending to", ec, limits);

  beast::flat_buffer buffer;
  http::response_parser<http::string_body> parser;
  parser.body_limit(limits.max_response_bytes);
  parser.header_limit(static_cast<std::uint32_t>(limits.max_header_bytes));
  co_await http::async_read(stream, buffer, parser, asio::redirect_error(asio::use_awaitable, ec));
  if (ec == http::error::body_limit) {
    co_return unavailable("response from " + t.origin + " exceeds " +
                          std::to_string(limits.max_response_bytes) + " bytes");
  }
  if (ec) co_return failed(t, "reading from", ec, limits);

  auto res = parser.release();
  HttpResponse out;
  out.status = static_cast<int>(res.result_int());
  out.content_type = std::string(res[http::field::content_type]);
  out.body = std::move(res.body());
  co_return out;
}

// `resolver` lives outside so the caller's deadline timer can cancel a slow lookup; the stream is
// bounded by its own timer.
asio::awaitable<Result<HttpResponse>> run_exchange(tcp::resolver& resolver, ssl::context& tls_context,
                                                   const Target& t,
                                                   const http::request<http::string_body>& req,
                                                   const Limits& limits) {
  error_code ec;
  auto endpoints =
      co_await resolver.async_resolve(t.host, t.port, asio::redirect_error(asio::use_awaitable, ec));
  if (ec) co_return failed(t, "resolving", ec, limits);

  auto executor = co_await asio::this_coro::executor;
  std::variant<PlainStream, TlsStream> stream{std::in_place_type<PlainStream>, executor};
  if (t.tls) {
    auto& s = stream.emplace<TlsStream>(beast::tcp_stream(executor), tls_context);
    SSL* native = s.native_handle();
    // Host name (or IP) checks happen inside chain verification, so a mismatch fails the handshake.
    if (t.host_is_ip) {
      if (X509_VERIFY_PARAM_set1_ip_asc(SSL_get0_param(native), t.host.c_str()) != 1) {
        co_return bad_request("invalid IP address in URL");
      }
    } else {
      if (SSL_set1_host(native, t.host.c_str()) != 1 ||
          SSL_set_tlsext_host_name(native, t.host.c_str()) != 1) {
        co_return bad_request("invalid host name in URL");
      }
    }
  }

  beast::tcp_stream& tcp =
      std::visit([](auto& s) -> beast::tcp_stream& { return beast::get_lowest_layer(s); }, stream);
  tcp.expires_at(limits.connect_deadline);
  co_await tcp.async_connect(endpoints, asio::redirect_error(asio::use_awaitable, ec));
  if (ec) co_return failed(t, "connecting to", ec, limits);
  tcp.expires_at(limits.deadline);

  if (auto* s = std::get_if<TlsStream>(&stream)) {
    co_await s->async_handshake(ssl::stream_base::client, asio::redirect_error(asio::use_awaitable, ec));
    if (ec == beast::error::timeout) co_return failed(t, "TLS handshake with", ec, limits);
    if (ec) {
      co_return unavailable("TLS handshake with " + t.origin + " failed: " + ec.message() +
                            verify_failure(s->native_handle()));
    }
    co_return co_await write_and_read(*s, req, t, limits);
  }
  co_return co_await write_and_read(std::get<PlainStream>(stream), req, t, limits);
}

}  // namespace

std::string form_urlencode(std::string_view text) {
  static constexpr char kHex[] = "0123456789ABCDEF";
  std::string out;
  out.reserve(text.size());
  for (const char ch : text) {
    const auto c = static_cast<unsigned char>(ch);
    const bool unreserved = (c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') ||
                            c == '-' || c == '.' || c == '_' || c == '~';
    if (unreserved) {
      out += ch;
    } else {
      out += '%';
      out += kHex[c >> 4];
      out += kHex[c & 0x0f];
    }
  }
  return out;
}

struct HttpClient::Tls {
  ssl::context context{ssl::context::tls_client};
  std::string error;  // why the trust store could not be loaded; https requests then fail
};

HttpClient::HttpClient(HttpClientOptions options)
    : options_(std::move(options)), tls_(std::make_unique<Tls>()) {
  SSL_CTX* ctx = tls_->context.native_handle();
  SSL_CTX_set_min_proto_version(ctx, TLS1_2_VERSION);
  SSL_CTX_set_verify(ctx, SSL_VERIFY_PEER, nullptr);
  error_code ec;
  if (options_.ca_file.empty()) {
    tls_->context.set_default_verify_paths(ec);
  } else {
    tls_->context.load_verify_file(options_.ca_file, ec);
  }
  if (ec) tls_->error = "loading trusted certificates failed: " + ec.message();
}

HttpClient::~HttpClient() = default;

Result<HttpResponse> HttpClient::get(std::string_view url, std::optional<std::chrono::milliseconds> timeout) {
  HttpRequest req;
  req.method = "GET";
  req.url = url;
  req.timeout = timeout.value_or(options_.request_timeout);
  return send(req);
}

Result<HttpResponse> HttpClient::post_form(std::string_view url, const FormFields& fields,
                                           std::string_view basic_auth_user,
                                           std::string_view basic_auth_password,
                                           std::optional<std::chrono::milliseconds> timeout) {
  HttpRequest req;
  req.method = "POST";
  req.url = url;
  req.timeout = timeout.value_or(options_.request_timeout);
  req.content_type = "application/x-www-form-urlencoded";
  for (const auto& [name, value] : fields) {
    if (!req.body.empty()) req.body += '&';
    req.body += form_urlencode(name);
    req.body += '=';
    req.body += form_urlencode(value);
  }
  if (!basic_auth_user.empty()) {
    // RFC 7617: the user-id cannot contain a colon, and control characters would break the header.
    if (basic_auth_user.find(':') != std::string_view::npos)
      return bad_request("Basic user name contains ':'");
    std::string credentials;
    credentials.append(basic_auth_user).append(":").append(basic_auth_password);
    for (const char c : credentials) {
      if (static_cast<unsigned char>(c) < 0x20 || c == 0x7f)
        return bad_request("control character in credentials");
    }
    req.authorization = "Basic " + base64(credentials);
  }
  return send(req);
}

Result<HttpResponse> HttpClient::send(const HttpRequest& request) {
  auto t = parse_target(request.url);
  if (!t) return tl::unexpected(t.error());
  if (t->tls && !tls_->error.empty()) return unavailable(tls_->error);
  if (request.timeout <= std::chrono::milliseconds::zero()) return bad_request("timeout must be positive");

  if (request.method != "GET" && request.method != "POST") return bad_request("unsupported method");

  http::request<http::string_body> req;
  req.method(request.method == "POST" ? http::verb::post : http::verb::get);
  req.target(t->target);
  req.version(11);
  req.set(http::field::host, t->host_header);
  req.set(http::field::user_agent, options_.user_agent);
  req.set(http::field::connection, "close");
  if (!request.authorization.empty()) req.set(http::field::authorization, request.authorization);
  if (!request.content_type.empty()) req.set(http::field::content_type, request.content_type);
  if (request.method == "POST") {
    req.body() = request.body;
    req.prepare_payload();
  }

  const auto now = Clock::now();
  const Limits limits{now + request.timeout, now + std::min(options_.connect_timeout, request.timeout),
                      request.timeout, options_.max_response_bytes, options_.max_header_bytes};
  asio::io_context ioc(1);
  tcp::resolver resolver(ioc);
  // Name resolution has no timer of its own.
  asio::steady_timer resolve_guard(ioc);
  resolve_guard.expires_at(limits.connect_deadline);
  resolve_guard.async_wait([&](error_code ec) {
    if (!ec) resolver.cancel();
  });

  std::optional<Result<HttpResponse>> outcome;
  asio::co_spawn(ioc, run_exchange(resolver, tls_->context, *t, req, limits),
                 [&](std::exception_ptr error, Result<HttpResponse> result) {
                   resolve_guard.cancel();
                   if (!error) {
                     outcome = std::move(result);
                     return;
                   }
                   try {
                     std::rethrow_exception(error);
                   } catch (const std::exception& e) {
                     outcome = unavailable("request to " + t->origin + " failed: " + e.what());
                   } catch (...) {
                     outcome = unavailable("request to " + t->origin + " failed");
                   }
                 });
  ioc.run();
  if (!outcome) return unavailable("request to " + t->origin + " did not complete");
  return std::move(*outcome);
}

}  // namespace sen::outbound
