#include "outbound/smtp_client.hpp"

#include <gtest/gtest.h>
#include <poll.h>
#include <signal.h>
#include <sys/wait.h>
#include <unistd.h>

#include <boost/asio/io_context.hpp>
#include <boost/asio/ip/tcp.hpp>
#include <boost/json/parse.hpp>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <sstream>
#include <vector>

namespace sen::outbound {
namespace {

namespace asio = boost::asio;
namespace json = boost::json;
namespace fs = std::filesystem;
using asio::ip::tcp;
using namespace std::chrono_literals;

// Debian's python3-aiosmtpd, installed for the system interpreter (not a pyenv one on PATH).
constexpr const char* kPython = "/usr/bin/python3";

// A real SMTP server (aiosmtpd). It refuses recipients starting with "reject" and records every
// accepted message as one JSON line, parsed by Python's own email package so the test checks what
// a standard MIME reader makes of our encoding.
constexpr const char* kServerScript = R"PY(
import email, email.policy, json, sys, threading
from aiosmtpd.controller import Controller

out_path, port = sys.argv[1], int(sys.argv[2])

class Handler:
    async def handle_RCPT(self, server, session, envelope, address, rcpt_options):
        if address.startswith('reject'):
            return '550 5.1.1 No such user here'
        envelope.rcpt_tos.append(address)
        return '250 OK'

    async def handle_DATA(self, server, session, envelope):
        raw = envelope.original_content
        msg = email.message_from_bytes(raw, policy=email.policy.default)
        record = {
            'helo': session.host_name,
            'mail_from': envelope.mail_from,
            'rcpt_tos': envelope.rcpt_tos,
            'raw': raw.decode('ascii'),  # fails (and the server answers 500) on any 8-bit byte
            'subject': str(msg['subject']),
            'subject_defects': len(msg['subject'].defects),
            'body': msg.get_content(),
            'content_type': msg.get_content_type(),
            'charset': msg.get_content_charset(),
            'date_parsed': msg['date'].datetime is not None,
            'message_id': str(msg['message-id']),
            'defects': len(msg.defects),
        }
        with open(out_path, 'a') as f:
            f.write(json.dumps(record) + '\n')
        return '250 2.0.0 Accepted'

controller = Controller(Handler(), hostname='127.0.0.1', port=port)
controller.start()
print('ready', flush=True)
threading.Event().wait()
)PY";

unsigned short free_port() {
  asio::io_context ioc;
  tcp::acceptor acceptor(ioc, tcp::endpoint(asio::ip::make_address("127.0.0.1"), 0));
  return acceptor.local_endpoint().port();
}

class SmtpServer {
 public:
  static bool available() {
    return std::system((std::string(kPython) + " -c 'import aiosmtpd' >/dev/null 2>&1").c_str()) == 0;
  }

  SmtpServer() : dir_(fs::temp_directory_path() / ("sen-smtp-test-" + std::to_string(::getpid()))) {
    fs::create_directories(dir_);
    std::ofstream(dir_ / "server.py") << kServerScript;
    port_ = free_port();
    int out[2];
    if (::pipe(out) != 0) return;
    pid_ = ::fork();
    if (pid_ == 0) {
      ::dup2(out[1], STDOUT_FILENO);
      ::close(out[0]);
      ::close(out[1]);
      const std::string script = (dir_ / "server.py").string();
      const std::string file = messages_file().string();
      const std::string port = std::to_string(port_);
      ::execl(kPython, kPython, script.c_str(), file.c_str(), port.c_str(), static_cast<char*>(nullptr));
      ::_exit(127);
    }
    ::close(out[1]);
    stdout_ = out[0];
  }

  ~SmtpServer() {
    if (pid_ > 0) {
      ::kill(pid_, SIGTERM);
      ::waitpid(pid_, nullptr, 0);
    }
    if (stdout_ >= 0) ::close(stdout_);
    std::error_code ec;
    fs::remove_all(dir_, ec);
  }

  // Waits for the script's "ready" line.
  bool wait_ready() {
    std::string seen;
    const auto deadline = std::chrono::steady_clock::now() + 20s;
    while (pid_ > 0 && seen.find("ready\n") == std::string::npos) {
      const auto left =
          std::chrono::duration_cast<std::chrono::milliseconds>(deadline - std::chrono::steady_clock::now());
      pollfd p{stdout_, POLLIN, 0};
      if (left <= 0ms || ::poll(&p, 1, static_cast<int>(left.count())) <= 0) return false;
      char buf[256];
      const ssize_t n = ::read(stdout_, buf, sizeof buf);
      if (n <= 0) return false;
      seen.append(buf, static_cast<std::size_t>(n));
    }
    return pid_ > 0;
  }

  SmtpSettings settings() const {
    SmtpSettings s;
    s.host = "127.0.0.1";
    s.port = port_;
    s.helo_name = "sen.test";
    s.timeout = 10s;
    return s;
  }

  std::vector<json::object> messages() const {
    std::vector<json::object> out;
    std::ifstream in(messages_file());
    for (std::string line; std::getline(in, line);) out.push_back(json::parse(line).as_object());
    return out;
  }

 private:
  fs::path messages_file() const { return dir_ / "messages.jsonl"; }

  fs::path dir_;
  unsigned short port_ = 0;
  pid_t pid_ = -1;
  int stdout_ = -1;
};

class SmtpClientTest : public ::testing::Test {
 protected:
  void SetUp() override {
    if (!SmtpServer::available())
      GTEST_SKIP() << kPython << " has no aiosmtpd (apt install python3-aiosmtpd)";
    server_.emplace();
    ASSERT_TRUE(server_->wait_ready()) << "SMTP test server did not start";
  }

  std::optional<SmtpServer> server_;
};

MailMessage vietnamese_message() {
  MailMessage m;
  m.from = "thongbao@dichvucong.example.vn";
  m.to = "nguyen.van.an@example.vn";
  // Long enough for several encoded words, so word splitting on character boundaries is exercised.
  m.subject =
      "Thông báo kết quả giải quyết hồ sơ đăng ký khai sinh số 2025-000123 của công dân Nguyễn Văn An";
  m.text =
      "Kính gửi ông Nguyễn Văn An,\n"
      "\n"
      "Hồ sơ đăng ký khai sinh của quý vị đã được giải quyết. Vui lòng đến Ủy ban nhân dân phường "
      "Hoàn Kiếm để nhận kết quả.\n"
      ".\n"
      "Trân trọng.";
  return m;
}

TEST_F(SmtpClientTest, DeliversAVietnameseMessage) {
  const MailMessage m = vietnamese_message();
  const Status sent = send_mail(server_->settings(), m);
  ASSERT_TRUE(sent) << sent.error().internal;

  const auto messages = server_->messages();
  ASSERT_EQ(messages.size(), 1u);
  const json::object& got = messages[0];
  EXPECT_EQ(got.at("helo").as_string(), "sen.test");
  EXPECT_EQ(got.at("mail_from").as_string(), m.from);
  ASSERT_EQ(got.at("rcpt_tos").as_array().size(), 1u);
  EXPECT_EQ(got.at("rcpt_tos").as_array()[0].as_string(), m.to);
  EXPECT_EQ(got.at("subject").as_string(), m.subject);
  EXPECT_EQ(got.at("subject_defects").as_int64(), 0);
  EXPECT_EQ(got.at("defects").as_int64(), 0);
  EXPECT_EQ(got.at("content_type").as_string(), "text/plain");
  EXPECT_EQ(got.at("charset").as_string(), "utf-8");
  EXPECT_TRUE(got.at("date_parsed").as_bool());
  EXPECT_TRUE(got.at("message_id").as_string().ends_with("@sen.test>"));

  // The body arrives in MIME's canonical form: CRLF line breaks, the lone "." line intact.
  std::string expected_body;
  for (const char c : m.text) {
    if (c == '\n') expected_body += '\r';
    expected_body += c;
  }
  EXPECT_EQ(got.at("body").as_string(), expected_body);

  // Every line fits RFC 5322's 78 characters; base64 body lines RFC 2045's 76.
  std::istringstream raw(std::string(got.at("raw").as_string()));
  bool in_body = false;
  for (std::string line; std::getline(raw, line);) {
    if (!line.empty() && line.back() == '\r') line.pop_back();
    EXPECT_LE(line.size(), in_body ? 76u : 78u) << line;
    if (line.empty()) in_body = true;
  }
  EXPECT_TRUE(in_body);
}

TEST_F(SmtpClientTest, RefusedRecipientIsUnavailableWithTheServersReply) {
  MailMessage m = vietnamese_message();
  m.to = "reject-me@example.vn";
  const Status sent = send_mail(server_->settings(), m);
  ASSERT_FALSE(sent);
  EXPECT_EQ(sent.error().code, ErrorCode::kUnavailable);
  EXPECT_NE(sent.error().internal.find("RCPT TO"), std::string::npos) << sent.error().internal;
  EXPECT_NE(sent.error().internal.find("550 5.1.1 No such user here"), std::string::npos)
      << sent.error().internal;
  EXPECT_EQ(sent.error().internal.find("Kính gửi"), std::string::npos);
  EXPECT_TRUE(server_->messages().empty());
}

TEST_F(SmtpClientTest, EmptySubjectAndBodyAreFine) {
  MailMessage m = vietnamese_message();
  m.subject.clear();
  m.text.clear();
  const Status sent = send_mail(server_->settings(), m);
  ASSERT_TRUE(sent) << sent.error().internal;
  const auto messages = server_->messages();
  ASSERT_EQ(messages.size(), 1u);
  EXPECT_EQ(messages[0].at("subject").as_string(), "");
  EXPECT_EQ(messages[0].at("body").as_string(), "");
}

SmtpSettings loopback(unsigned short port, std::chrono::milliseconds timeout) {
  SmtpSettings s;
  s.host = "127.0.0.1";
  s.port = port;
  s.timeout = timeout;
  return s;
}

TEST(SmtpClient, ClosedPortIsUnavailableAtOnce) {
  const auto start = std::chrono::steady_clock::now();
  const Status sent = send_mail(loopback(free_port(), 5s), vietnamese_message());
  ASSERT_FALSE(sent);
  EXPECT_EQ(sent.error().code, ErrorCode::kUnavailable);
  EXPECT_NE(sent.error().internal.find("connecting"), std::string::npos) << sent.error().internal;
  EXPECT_LT(std::chrono::steady_clock::now() - start, 2s);
}

TEST(SmtpClient, SilentServerTimesOutWithinTheDeadline) {
  // The kernel completes the handshake on a listening socket; nobody ever answers.
  asio::io_context ioc;
  tcp::acceptor silent(ioc, tcp::endpoint(asio::ip::make_address("127.0.0.1"), 0));
  const auto start = std::chrono::steady_clock::now();
  const Status sent = send_mail(loopback(silent.local_endpoint().port(), 300ms), vietnamese_message());
  const auto elapsed = std::chrono::steady_clock::now() - start;
  ASSERT_FALSE(sent);
  EXPECT_EQ(sent.error().code, ErrorCode::kUnavailable);
  EXPECT_NE(sent.error().internal.find("timed out"), std::string::npos) << sent.error().internal;
  EXPECT_GE(elapsed, 250ms);
  EXPECT_LT(elapsed, 2s);
}

TEST(SmtpClient, RefusesHeaderAndCommandInjection) {
  // Checked before any connection: port 1 would fail differently.
  const SmtpSettings settings = loopback(1, 1s);
  const auto code_of = [&](const MailMessage& m) {
    const Status sent = send_mail(settings, m);
    return sent ? std::optional<ErrorCode>() : sent.error().code;
  };
  MailMessage m = vietnamese_message();
  m.subject = "Thông báo\r\nBcc: everyone@example.vn";
  EXPECT_EQ(code_of(m), ErrorCode::kInvalidArgument);
  m.subject = "Thông báo\nX: y";
  EXPECT_EQ(code_of(m), ErrorCode::kInvalidArgument);

  m = vietnamese_message();
  m.to = "an@example.vn\r\nBcc: everyone@example.vn";
  EXPECT_EQ(code_of(m), ErrorCode::kInvalidArgument);
  m.to = "an@example.vn>\r\nRCPT TO:<everyone@example.vn";
  EXPECT_EQ(code_of(m), ErrorCode::kInvalidArgument);
  m.to = "an@example.vn> SMTPUTF8";
  EXPECT_EQ(code_of(m), ErrorCode::kInvalidArgument);
  m.to = "nguyễn@example.vn";
  EXPECT_EQ(code_of(m), ErrorCode::kInvalidArgument);
  m.to = "";
  EXPECT_EQ(code_of(m), ErrorCode::kInvalidArgument);

  m = vietnamese_message();
  m.from = "noreply@example.vn\nData: x";
  EXPECT_EQ(code_of(m), ErrorCode::kInvalidArgument);

  SmtpSettings bad = settings;
  bad.helo_name = "sen.local\r\nMAIL FROM:<x@y>";
  EXPECT_EQ(send_mail(bad, vietnamese_message()).error().code, ErrorCode::kInvalidArgument);
  bad = settings;
  bad.timeout = 0ms;
  EXPECT_EQ(send_mail(bad, vietnamese_message()).error().code, ErrorCode::kInvalidArgument);
}

}  // namespace
}  // namespace sen::outbound
