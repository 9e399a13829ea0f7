#include "outbound/http_client.hpp"

#include <gtest/gtest.h>
#include <openssl/evp.h>
#include <openssl/pem.h>
#include <openssl/x509.h>
#include <openssl/x509v3.h>

#include <atomic>
#include <boost/asio/connect.hpp>
#include <boost/asio/io_context.hpp>
#include <boost/asio/ip/tcp.hpp>
#include <boost/asio/read.hpp>
#include <boost/asio/read_until.hpp>
#include <boost/asio/ssl.hpp>
#include <boost/asio/write.hpp>
#include <filesystem>
#include <fstream>
#include <functional>
#include <mutex>
#include <thread>

namespace sen::outbound {
namespace {

namespace asio = boost::asio;
using asio::ip::tcp;
using namespace std::chrono_literals;

// What the test server does with one request: raw bytes to send, then close the connection or
// (`hang`) keep it open and silent until the client gives up.
struct Reply {
  std::string bytes;
  bool hang = false;
};
using Handler = std::function<Reply(const std::string& request)>;

Reply response(int status, std::string_view content_type, std::string_view body) {
  return Reply{"HTTP/1.1 " + std::to_string(status) + " X\r\nContent-Type: " + std::string(content_type) +
               "\r\nContent-Length: " + std::to_string(body.size()) + "\r\nConnection: close\r\n\r\n" +
               std::string(body)};
}

// A one-thread HTTP(S) server on 127.0.0.1 that answers each connection with `handler`.
class TestServer {
 public:
  explicit TestServer(Handler handler, asio::ssl::context* tls = nullptr)
      : handler_(std::move(handler)),
        tls_(tls),
        acceptor_(ioc_, tcp::endpoint(asio::ip::make_address("127.0.0.1"), 0)) {
    port_ = acceptor_.local_endpoint().port();
    thread_ = std::thread([this] { serve(); });
  }

  ~TestServer() {
    stop_ = true;
    // Wake the blocking accept with a connection of our own.
    asio::io_context wake;
    tcp::socket s(wake);
    boost::system::error_code ec;
    s.connect(tcp::endpoint(asio::ip::make_address("127.0.0.1"), port_), ec);
    thread_.join();
  }

  unsigned short port() const { return port_; }
  std::string url(std::string_view host, std::string_view path) const {
    return std::string(tls_ ? "https://" : "http://") + std::string(host) + ":" + std::to_string(port_) +
           std::string(path);
  }
  std::string last_request() {
    std::lock_guard lock(mutex_);
    return last_request_;
  }

 private:
  template <class Stream>
  void exchange(Stream& stream) {
    boost::system::error_code ec;
    std::string data;
    const std::size_t header_end = asio::read_until(stream, asio::dynamic_buffer(data), "\r\n\r\n", ec);
    if (ec) return;
    std::size_t length = 0;
    const auto cl = data.find("Content-Length: ");
    if (cl != std::string::npos && cl < header_end) length = std::stoul(data.substr(cl + 16));
    if (data.size() < header_end + length) {
      asio::read(stream, asio::dynamic_buffer(data),
                 asio::transfer_exactly(header_end + length - data.size()), ec);
    }
    {
      std::lock_guard lock(mutex_);
      last_request_ = data;
    }
    const Reply reply = handler_(data);
    asio::write(stream, asio::buffer(reply.bytes), ec);
    if (reply.hang) {
      char c;
      stream.read_some(asio::buffer(&c, 1), ec);  // returns when the client closes
    }
  }

  void serve() {
    while (true) {
      tcp::socket socket(ioc_);
      boost::system::error_code ec;
      acceptor_.accept(socket, ec);
      if (stop_ || ec) return;
      if (tls_) {
        asio::ssl::stream<tcp::socket&> stream(socket, *tls_);
        stream.handshake(asio::ssl::stream_base::server, ec);
        if (!ec) exchange(stream);
      } else {
        exchange(socket);
      }
    }
  }

  Handler handler_;
  asio::ssl::context* tls_;
  asio::io_context ioc_;
  tcp::acceptor acceptor_;
  unsigned short port_ = 0;
  std::atomic<bool> stop_{false};
  std::mutex mutex_;
  std::string last_request_;
  std::thread thread_;
};

unsigned short unused_port() {
  asio::io_context ioc;
  tcp::acceptor a(ioc, tcp::endpoint(asio::ip::make_address("127.0.0.1"), 0));
  return a.local_endpoint().port();
}

TEST(HttpClient, GetReturnsStatusBodyAndContentType) {
  TestServer server([](const std::string&) { return response(200, "application/json", R"({"ok":true})"); });
  HttpClient client;
  auto r = client.get(server.url("127.0.0.1", "/a/b?x=1&y=%20"));
  ASSERT_TRUE(r) << r.error().internal;
  EXPECT_EQ(r->status, 200);
  EXPECT_EQ(r->body, R"({"ok":true})");
  EXPECT_EQ(r->content_type, "application/json");
  const std::string req = server.last_request();
  EXPECT_TRUE(req.starts_with("GET /a/b?x=1&y=%20 HTTP/1.1\r\n")) << req;
  EXPECT_NE(req.find("\r\nHost: 127.0.0.1:" + std::to_string(server.port()) + "\r\n"), std::string::npos)
      << req;
  EXPECT_EQ(req.find("Authorization"), std::string::npos);
}

TEST(HttpClient, ErrorStatusesAreValuesNotFailures) {
  TestServer server([](const std::string&) { return response(404, "text/plain", "missing"); });
  HttpClient client;
  auto r = client.get(server.url("127.0.0.1", "/"));
  ASSERT_TRUE(r) << r.error().internal;
  EXPECT_EQ(r->status, 404);
  EXPECT_EQ(r->body, "missing");
}

TEST(HttpClient, ReadsChunkedResponses) {
  TestServer server([](const std::string&) {
    return Reply{"HTTP/1.1 200 OK\r\nTransfer-Encoding: chunked\r\n\r\n3\r\nabc\r\n2\r\nde\r\n0\r\n\r\n"};
  });
  HttpClient client;
  auto r = client.get(server.url("127.0.0.1", "/"));
  ASSERT_TRUE(r) << r.error().internal;
  EXPECT_EQ(r->body, "abcde");
  EXPECT_EQ(r->content_type, "");
}

TEST(HttpClient, PostFormEncodesFieldsAndBasicCredentials) {
  TestServer server([](const std::string&) { return response(200, "application/json", "{}"); });
  HttpClient client;
  auto r = client.post_form(server.url("127.0.0.1", "/token"),
                            {{"grant_type", "authorization_code"}, {"v", "a b&c=d/é"}}, "client", "pa ss");
  ASSERT_TRUE(r) << r.error().internal;
  const std::string req = server.last_request();
  EXPECT_TRUE(req.starts_with("POST /token HTTP/1.1\r\n")) << req;
  EXPECT_NE(req.find("\r\nContent-Type: application/x-www-form-urlencoded\r\n"), std::string::npos) << req;
  EXPECT_NE(req.find("\r\nAuthorization: Basic Y2xpZW50OnBhIHNz\r\n"), std::string::npos)
      << req;  // client:pa ss
  EXPECT_TRUE(req.ends_with("\r\n\r\ngrant_type=authorization_code&v=a%20b%26c%3Dd%2F%C3%A9")) << req;
}

TEST(HttpClient, RejectsUnusableUrlsAndCredentials) {
  HttpClient client;
  for (const char* url :
       {"not a url", "ftp://example.com/", "/relative", "http://user:pw@127.0.0.1/", "http:///x"}) {
    auto r = client.get(url);
    ASSERT_FALSE(r) << url;
    EXPECT_EQ(r.error().code, ErrorCode::kInvalidArgument) << url;
  }
  auto r = client.post_form("http://127.0.0.1:1/", {}, "a:b", "c");
  ASSERT_FALSE(r);
  EXPECT_EQ(r.error().code, ErrorCode::kInvalidArgument);
  r = client.post_form("http://127.0.0.1:1/", {}, "a", "c\r\nX: y");
  ASSERT_FALSE(r);
  EXPECT_EQ(r.error().code, ErrorCode::kInvalidArgument);
}

TEST(HttpClient, RefusedConnectionIsUnavailableAndErrorsOmitTheQuery) {
  HttpClient client;
  auto r = client.get("http://127.0.0.1:" + std::to_string(unused_port()) + "/cb?code=secret-code");
  ASSERT_FALSE(r);
  EXPECT_EQ(r.error().code, ErrorCode::kUnavailable);
  EXPECT_NE(r.error().internal.find("connecting to http://127.0.0.1:"), std::string::npos)
      << r.error().internal;
  EXPECT_EQ(r.error().internal.find("secret-code"), std::string::npos) << r.error().internal;
  EXPECT_EQ(r.error().message.find("127.0.0.1"), std::string::npos) << "clients never see hosts";
}

TEST(HttpClient, SilentServerTimesOut) {
  TestServer server([](const std::string&) { return Reply{"", true}; });
  HttpClient client;
  const auto start = std::chrono::steady_clock::now();
  auto r = client.get(server.url("127.0.0.1", "/"), 300ms);
  const auto elapsed = std::chrono::steady_clock::now() - start;
  ASSERT_FALSE(r);
  EXPECT_EQ(r.error().code, ErrorCode::kUnavailable);
  EXPECT_NE(r.error().internal.find("timed out"), std::string::npos) << r.error().internal;
  EXPECT_GE(elapsed, 250ms);
  EXPECT_LT(elapsed, 5s);
}

TEST(HttpClient, StalledResponseTimesOut) {
  TestServer server([](const std::string&) {
    return Reply{"HTTP/1.1 200 OK\r\nContent-Length: 100\r\n\r\nonly part of it", true};
  });
  HttpClient client;
  auto r = client.get(server.url("127.0.0.1", "/"), 300ms);
  ASSERT_FALSE(r);
  EXPECT_EQ(r.error().code, ErrorCode::kUnavailable);
  EXPECT_NE(r.error().internal.find("timed out after 300 ms (reading from)"), std::string::npos)
      << r.error().internal;
}

TEST(HttpClient, ServerThatNeverAnswersTheTlsHandshakeTimesOut) {
  TestServer plain([](const std::string&) { return Reply{"", true}; });  // waits for an HTTP header
  HttpClient client;
  auto r = client.get("https://127.0.0.1:" + std::to_string(plain.port()) + "/", 300ms);
  ASSERT_FALSE(r);
  EXPECT_EQ(r.error().code, ErrorCode::kUnavailable);
  EXPECT_NE(r.error().internal.find("(TLS handshake with)"), std::string::npos) << r.error().internal;
}

TEST(HttpClient, ResponseOverTheSizeCapFails) {
  TestServer server([](const std::string&) { return response(200, "text/plain", std::string(5000, 'x')); });
  HttpClientOptions options;
  options.max_response_bytes = 1000;
  HttpClient client(options);
  auto r = client.get(server.url("127.0.0.1", "/"));
  ASSERT_FALSE(r);
  EXPECT_EQ(r.error().code, ErrorCode::kUnavailable);
  EXPECT_NE(r.error().internal.find("exceeds 1000 bytes"), std::string::npos) << r.error().internal;

  options.max_response_bytes = 5000;
  auto exact = HttpClient(options).get(server.url("127.0.0.1", "/"));
  ASSERT_TRUE(exact) << exact.error().internal;
  EXPECT_EQ(exact->body.size(), 5000u);
}

TEST(HttpClient, FormEncodingKeepsOnlyUnreservedCharacters) {
  EXPECT_EQ(form_urlencode("AZaz09-._~"), "AZaz09-._~");
  EXPECT_EQ(form_urlencode("a+b c/?#=&%"), "a%2Bb%20c%2F%3F%23%3D%26%25");
  EXPECT_EQ(form_urlencode("Việt"), "Vi%E1%BB%87t");
}

// A self-signed certificate for IP 127.0.0.1 and DNS other.test, made fresh for each run.
struct TestCertificate {
  std::string cert_pem;
  std::string key_pem;

  TestCertificate() {
    EVP_PKEY* key = EVP_EC_gen("P-256");
    X509* x = X509_new();
    X509_set_version(x, 2);
    ASN1_INTEGER_set(X509_get_serialNumber(x), 1);
    X509_gmtime_adj(X509_getm_notBefore(x), -60);
    X509_gmtime_adj(X509_getm_notAfter(x), 3600);
    X509_set_pubkey(x, key);
    X509_NAME* name = X509_get_subject_name(x);
    X509_NAME_add_entry_by_txt(name, "CN", MBSTRING_ASC, reinterpret_cast<const unsigned char*>("sen test"),
                               -1, -1, 0);
    X509_set_issuer_name(x, name);
    X509V3_CTX ctx;
    X509V3_set_ctx_nodb(&ctx);
    X509V3_set_ctx(&ctx, x, x, nullptr, nullptr, 0);
    X509_EXTENSION* san =
        X509V3_EXT_conf_nid(nullptr, &ctx, NID_subject_alt_name, "IP:127.0.0.1,DNS:other.test");
    X509_add_ext(x, san, -1);
    X509_EXTENSION_free(san);
    X509_sign(x, key, EVP_sha256());

    BIO* bio = BIO_new(BIO_s_mem());
    PEM_write_bio_X509(bio, x);
    cert_pem = drain(bio);
    PEM_write_bio_PrivateKey(bio, key, nullptr, nullptr, 0, nullptr, nullptr);
    key_pem = drain(bio);
    BIO_free(bio);
    X509_free(x);
    EVP_PKEY_free(key);
  }

  static std::string drain(BIO* bio) {
    char* data = nullptr;
    const long n = BIO_get_mem_data(bio, &data);
    std::string out(data, static_cast<std::size_t>(n));
    (void)BIO_reset(bio);
    return out;
  }
};

class HttpClientTls : public ::testing::Test {
 protected:
  void SetUp() override {
    server_tls_.use_certificate_chain(asio::buffer(cert_.cert_pem));
    server_tls_.use_private_key(asio::buffer(cert_.key_pem), asio::ssl::context::pem);
    ca_file_ = std::filesystem::temp_directory_path() /
               ("sen_http_client_ca_" + std::to_string(::testing::UnitTest::GetInstance()->random_seed()) +
                "_" + std::to_string(reinterpret_cast<std::uintptr_t>(this)) + ".pem");
    std::ofstream(ca_file_) << cert_.cert_pem;
  }
  void TearDown() override { std::filesystem::remove(ca_file_); }

  HttpClientOptions trusting_test_ca() const {
    HttpClientOptions o;
    o.ca_file = ca_file_.string();
    return o;
  }

  TestCertificate cert_;
  asio::ssl::context server_tls_{asio::ssl::context::tls_server};
  std::filesystem::path ca_file_;
};

TEST_F(HttpClientTls, TrustedCertificateForTheHostSucceeds) {
  TestServer server([](const std::string&) { return response(200, "text/plain", "secure"); }, &server_tls_);
  HttpClient client(trusting_test_ca());
  auto r = client.get(server.url("127.0.0.1", "/"));
  ASSERT_TRUE(r) << r.error().internal;
  EXPECT_EQ(r->body, "secure");
}

TEST_F(HttpClientTls, UntrustedCertificateFails) {
  TestServer server([](const std::string&) { return response(200, "text/plain", "secure"); }, &server_tls_);
  HttpClient client;  // system trust store: does not know the test certificate
  auto r = client.get(server.url("127.0.0.1", "/"));
  ASSERT_FALSE(r);
  EXPECT_EQ(r.error().code, ErrorCode::kUnavailable);
  EXPECT_NE(r.error().internal.find("self-signed certificate"), std::string::npos) << r.error().internal;
}

TEST_F(HttpClientTls, CertificateForAnotherHostFails) {
  TestServer server([](const std::string&) { return response(200, "text/plain", "secure"); }, &server_tls_);
  HttpClient client(trusting_test_ca());
  auto r = client.get(server.url("localhost", "/"));  // the certificate names 127.0.0.1 and other.test only
  ASSERT_FALSE(r);
  EXPECT_EQ(r.error().code, ErrorCode::kUnavailable);
  EXPECT_NE(r.error().internal.find("hostname mismatch"), std::string::npos) << r.error().internal;
}

TEST(HttpClient, UnreadableTrustFileFailsHttpsOnly) {
  HttpClientOptions options;
  options.ca_file = "/nonexistent/sen-ca.pem";
  HttpClient client(options);
  auto r = client.get("https://127.0.0.1:1/");
  ASSERT_FALSE(r);
  EXPECT_EQ(r.error().code, ErrorCode::kUnavailable);
  EXPECT_NE(r.error().internal.find("trusted certificates"), std::string::npos) << r.error().internal;
}

}  // namespace
}  // namespace sen::outbound
