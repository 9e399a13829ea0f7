#pragma once

#include <chrono>
#include <cstddef>
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "core/status.hpp"

namespace sen::outbound {

struct HttpResponse {
  int status = 0;
  std::string body;
  std::string content_type;  // the Content-Type header as sent, parameters included
};

struct HttpClientOptions {
  std::chrono::milliseconds connect_timeout{5'000};   // name resolution and TCP connect together
  std::chrono::milliseconds request_timeout{10'000};  // whole exchange, unless a call passes its own
  std::size_t max_response_bytes = 1024 * 1024;       // body limit; larger responses fail
  std::size_t max_header_bytes = 16 * 1024;
  // PEM file of trusted certificates that replaces the system trust store (a private CA); empty
  // means the system store.
  std::string ca_file;
  std::string user_agent = "sen";
};

// One outgoing request as the transport sees it; also what test doubles receive.
struct HttpRequest {
  std::string method;         // "GET" or "POST"
  std::string url;            // absolute http:// or https:// URL
  std::string content_type;   // empty when there is no body
  std::string body;           // may hold secrets (codes, client credentials): never log it
  std::string authorization;  // full header value, may be empty; never log it
  std::chrono::milliseconds timeout{};
};

using FormFields = std::vector<std::pair<std::string, std::string>>;

// Percent-encodes everything but RFC 3986 unreserved characters; valid in queries and in
// application/x-www-form-urlencoded bodies.
std::string form_urlencode(std::string_view text);

// A small blocking HTTP/1.1 client for calls to other services (identity providers, ...): one
// connection per request, no redirects followed, TLS 1.2+ with certificate and host name checks.
// Thread-safe: requests share only the immutable TLS context.
//
// Errors: kInvalidArgument for an unusable URL or credentials, kUnavailable for everything on the
// wire (resolution, connect, TLS, timeout, oversized or malformed response). Error::internal names
// the host and the cause but never the query, body or credentials.
class HttpClient {
 public:
  explicit HttpClient(HttpClientOptions options = {});
  virtual ~HttpClient();
  HttpClient(const HttpClient&) = delete;
  HttpClient& operator=(const HttpClient&) = delete;

  Result<HttpResponse> get(std::string_view url, std::optional<std::chrono::milliseconds> timeout = {});

  // POSTs `fields` as application/x-www-form-urlencoded, with HTTP Basic credentials when
  // `basic_auth_user` is not empty (sent as given: callers apply any scheme-specific encoding).
  Result<HttpResponse> post_form(std::string_view url, const FormFields& fields,
                                 std::string_view basic_auth_user = {},
                                 std::string_view basic_auth_password = {},
                                 std::optional<std::chrono::milliseconds> timeout = {});

  const HttpClientOptions& options() const { return options_; }

 protected:
  // The transport. Virtual so tests of callers can answer requests without a network.
  virtual Result<HttpResponse> send(const HttpRequest& request);

 private:
  struct Tls;
  HttpClientOptions options_;
  std::unique_ptr<Tls> tls_;  // TLS context with the trust store, loaded once
};

}  // namespace sen::outbound
