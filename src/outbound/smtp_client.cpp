#include "outbound/smtp_client.hpp"

#include <fmt/format.h>
#include <openssl/evp.h>
#include <openssl/rand.h>

#include <algorithm>
#include <array>
#include <boost/asio/co_spawn.hpp>
#include <boost/asio/io_context.hpp>
#include <boost/asio/read_until.hpp>
#include <boost/asio/redirect_error.hpp>
#include <boost/asio/steady_timer.hpp>
#include <boost/asio/use_awaitable.hpp>
#include <boost/asio/write.hpp>
#include <boost/beast/core/error.hpp>
#include <boost/beast/core/tcp_stream.hpp>
#include <exception>
#include <optional>
#include <string_view>

namespace sen::outbound {
namespace {

namespace asio = boost::asio;
namespace beast = boost::beast;
using tcp = asio::ip::tcp;
using boost::system::error_code;
using Clock = std::chrono::steady_clock;

// RFC 5321 limits a reply line to 512 octets; allow generous slack, but not an endless stream.
constexpr std::size_t kMaxReplyLineBytes = 4096;
constexpr std::size_t kMaxReplyBytes = 64 * 1024;
constexpr std::size_t kBase64LineChars = 76;  // RFC 2045
// 42 bytes of text are 56 base64 characters: "Subject: =?UTF-8?B?...?=" is then 77 characters,
// within RFC 5322's 78 per line (and the word within RFC 2047's 75).
constexpr std::size_t kEncodedWordBytes = 42;

tl::unexpected<Error> unavailable(std::string internal) {
  return tl::unexpected<Error>(
      Error{ErrorCode::kUnavailable, "The mail service is unavailable", {}, std::move(internal)});
}

// ---- validation ------------------------------------------------------------------------------

bool is_control(char c) { return static_cast<unsigned char>(c) < 0x20 || c == 0x7f; }

// Addresses are copied into commands ("RCPT TO:<...>") and headers, so anything that could end a
// line or the angle brackets is refused. Non-ASCII would need SMTPUTF8, which we do not speak.
Status check_address(std::string_view address, std::string_view field) {
  const std::string name = field == "from" ? "Sender" : "Recipient";
  if (address.empty())
    return fail(ErrorCode::kInvalidArgument, name + " address is empty", std::string(field));
  for (const char c : address) {
    const auto u = static_cast<unsigned char>(c);
    if (u <= 0x20 || u >= 0x7f || c == '<' || c == '>') {
      return fail(ErrorCode::kInvalidArgument,
                  name + " address must be ASCII without spaces, line breaks or angle brackets",
                  std::string(field));
    }
  }
  if (address.find('@') == std::string_view::npos) {
    return fail(ErrorCode::kInvalidArgument, name + " address is not an email address", std::string(field));
  }
  return {};
}

Status check_input(const SmtpSettings& settings, const MailMessage& message) {
  const auto bad_setting = [](std::string what) {
    return fail(ErrorCode::kInvalidArgument, "Invalid mail settings: " + what);
  };
  if (settings.host.empty() || std::any_of(settings.host.begin(), settings.host.end(), is_control)) {
    return bad_setting("host");
  }
  if (settings.port < 1 || settings.port > 65535) return bad_setting("port");
  if (settings.timeout <= std::chrono::milliseconds::zero()) return bad_setting("timeout must be positive");
  // The EHLO argument and the right side of Message-IDs: a domain or an address literal.
  const bool helo_ok = !settings.helo_name.empty() &&
                       std::all_of(settings.helo_name.begin(), settings.helo_name.end(), [](char c) {
                         return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') ||
                                c == '.' || c == '-' || c == '[' || c == ']' || c == ':';
                       });
  if (!helo_ok) return bad_setting("helo_name");

  if (auto ok = check_address(message.from, "from"); !ok) return ok;
  if (auto ok = check_address(message.to, "to"); !ok) return ok;
  if (std::any_of(message.subject.begin(), message.subject.end(), is_control)) {
    return fail(ErrorCode::kInvalidArgument, "Subject must not contain line breaks or control characters",
                "subject");
  }
  return {};
}

// ---- the message -----------------------------------------------------------------------------

std::string base64(std::string_view in) {
  std::string out(4 * ((in.size() + 2) / 3) + 1, '\0');
  const int n =
      EVP_EncodeBlock(reinterpret_cast<unsigned char*>(out.data()),
                      reinterpret_cast<const unsigned char*>(in.data()), static_cast<int>(in.size()));
  out.resize(static_cast<std::size_t>(n));
  return out;
}

// RFC 2047 encoded words, each holding whole UTF-8 characters (a word must decode on its own),
// folded onto continuation lines.
std::string encode_subject(std::string_view subject) {
  std::string out;
  while (!subject.empty()) {
    std::size_t n = std::min(subject.size(), kEncodedWordBytes);
    // Back up to a character boundary, unless the input is not UTF-8 at all.
    while (n < subject.size() && n > 0 && (static_cast<unsigned char>(subject[n]) & 0xC0) == 0x80) --n;
    if (n == 0) n = std::min(subject.size(), kEncodedWordBytes);
    if (!out.empty()) out += "\r\n ";
    out += "=?UTF-8?B?" + base64(subject.substr(0, n)) + "?=";
    subject.remove_prefix(n);
  }
  return out;
}

// MIME text is encoded from its canonical form, where every line break is CRLF (RFC 2045 6.8).
std::string canonical_line_breaks(std::string_view text) {
  std::string out;
  out.reserve(text.size() + text.size() / 32);
  for (std::size_t i = 0; i < text.size(); ++i) {
    if (text[i] == '\r') {
      out += "\r\n";
      if (i + 1 < text.size() && text[i + 1] == '\n') ++i;
    } else if (text[i] == '\n') {
      out += "\r\n";
    } else {
      out += text[i];
    }
  }
  return out;
}

std::string base64_lines(std::string_view bytes) {
  const std::string encoded = base64(bytes);
  std::string out;
  for (std::size_t i = 0; i < encoded.size(); i += kBase64LineChars) {
    out.append(encoded, i, kBase64LineChars).append("\r\n");
  }
  return out;
}

// RFC 5322 date-time in UTC, e.g. "Tue, 03 Jun 2025 01:02:03 +0000".
std::string rfc5322_date(std::chrono::system_clock::time_point now) {
  static constexpr std::array<std::string_view, 7> kDays = {"Sun", "Mon", "Tue", "Wed", "Thu", "Fri", "Sat"};
  static constexpr std::array<std::string_view, 12> kMonths = {"Jan", "Feb", "Mar", "Apr", "May", "Jun",
                                                               "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"};
  const auto seconds = std::chrono::floor<std::chrono::seconds>(now);
  const auto days = std::chrono::floor<std::chrono::days>(seconds);
  const std::chrono::year_month_day date{days};
  const std::chrono::hh_mm_ss time{seconds - days};
  return fmt::format("{}, {:02} {} {:04} {:02}:{:02}:{:02} +0000",
                     kDays[std::chrono::weekday(days).c_encoding()], static_cast<unsigned>(date.day()),
                     kMonths[static_cast<unsigned>(date.month()) - 1], static_cast<int>(date.year()),
                     time.hours().count(), time.minutes().count(), time.seconds().count());
}

Result<std::string> message_id(std::string_view domain) {
  std::array<unsigned char, 16> random{};
  if (RAND_bytes(random.data(), static_cast<int>(random.size())) != 1)
    return fail_internal("RAND_bytes failed");
  std::string id = "<";
  for (const unsigned char b : random) id += fmt::format("{:02x}", b);
  return id + "@" + std::string(domain) + ">";
}

// A line of DATA that starts with "." gets another one, so it cannot end the message early
// (RFC 5321 4.5.2). Base64 never produces such a line; headers are ours.
std::string dot_stuffed(std::string_view data) {
  std::string out;
  out.reserve(data.size());
  bool line_start = true;
  for (const char c : data) {
    if (line_start && c == '.') out += '.';
    out += c;
    line_start = c == '\n';
  }
  return out;
}

Result<std::string> compose(const SmtpSettings& settings, const MailMessage& message) {
  auto id = message_id(settings.helo_name);
  if (!id) return tl::unexpected(id.error());
  std::string data;
  data += "Date: " + rfc5322_date(std::chrono::system_clock::now()) + "\r\n";
  data += "From: " + message.from + "\r\n";
  data += "To: " + message.to + "\r\n";
  data += "Subject: " + encode_subject(message.subject) + "\r\n";
  data += "Message-ID: " + *id + "\r\n";
  data += "MIME-Version: 1.0\r\n";
  data += "Content-Type: text/plain; charset=UTF-8\r\n";
  data += "Content-Transfer-Encoding: base64\r\n";
  // Notifications are machine-sent: asks vacation responders not to answer (RFC 3834).
  data += "Auto-Submitted: auto-generated\r\n";
  data += "\r\n";
  data += base64_lines(canonical_line_breaks(message.text));
  return dot_stuffed(data);
}

// ---- the conversation ------------------------------------------------------------------------

struct Conversation {
  beast::tcp_stream& stream;
  std::string server;  // "host:port", for errors
  std::chrono::milliseconds timeout;
  std::string buffer{};  // received, not yet consumed
};

tl::unexpected<Error> wire_failure(const Conversation& c, std::string_view step, const error_code& ec) {
  if (ec == beast::error::timeout || ec == asio::error::operation_aborted) {
    return unavailable(
        fmt::format("SMTP exchange with {} timed out after {} ms ({})", c.server, c.timeout.count(), step));
  }
  if (ec == asio::error::not_found) {
    return unavailable(fmt::format("SMTP server {} sent an overlong line ({})", c.server, step));
  }
  return unavailable(fmt::format("SMTP {} with {} failed: {}", step, c.server, ec.message()));
}

struct Reply {
  int code = 0;
  std::string text;  // the reply lines, codes included, joined with " | "
};

// One reply, possibly multi-line ("250-first", "250-second", "250 last").
asio::awaitable<Result<Reply>> read_reply(Conversation& c, std::string_view step) {
  Reply reply;
  while (true) {
    error_code ec;
    const std::size_t n =
        co_await asio::async_read_until(c.stream, asio::dynamic_buffer(c.buffer, kMaxReplyLineBytes), "\r\n",
                                        asio::redirect_error(asio::use_awaitable, ec));
    if (ec) co_return wire_failure(c, step, ec);
    const std::string line = c.buffer.substr(0, n - 2);
    c.buffer.erase(0, n);

    const bool well_formed =
        line.size() >= 3 &&
        std::all_of(line.begin(), line.begin() + 3, [](char ch) { return ch >= '0' && ch <= '9'; }) &&
        (line.size() == 3 || line[3] == ' ' || line[3] == '-');
    const int code = well_formed ? std::stoi(line.substr(0, 3)) : 0;
    if (!well_formed || (reply.code != 0 && code != reply.code)) {
      co_return unavailable(fmt::format("SMTP server {} sent a malformed reply ({})", c.server, step));
    }
    reply.code = code;
    if (!reply.text.empty()) reply.text += " | ";
    reply.text += line;
    if (reply.text.size() > kMaxReplyBytes) {
      co_return unavailable(fmt::format("SMTP server {} sent an overlong reply ({})", c.server, step));
    }
    if (line.size() == 3 || line[3] == ' ') co_return reply;
  }
}

// Sends `command` (unless empty) and requires a reply of class `expected` (2 for 2xx, 3 for 3xx).
asio::awaitable<Status> exchange(Conversation& c, std::string_view step, std::string_view command,
                                 int expected) {
  if (!command.empty()) {
    error_code ec;
    co_await asio::async_write(c.stream, asio::buffer(command),
                               asio::redirect_error(asio::use_awaitable, ec));
    if (ec) co_return wire_failure(c, step, ec);
  }
  auto reply = co_await read_reply(c, step);
  if (!reply) co_return tl::unexpected(reply.error());
  if (reply->code / 100 == expected) co_return Status{};
  const bool refused = reply->code >= 400;
  co_return unavailable(fmt::format("SMTP server {} {} {}: {}", c.server,
                                    refused ? "refused" : "answered unexpectedly to", step, reply->text));
}

asio::awaitable<Status> converse(tcp::resolver& resolver, const SmtpSettings& settings,
                                 const MailMessage& message, const std::string& data,
                                 Clock::time_point deadline) {
  const std::string port = std::to_string(settings.port);
  auto executor = co_await asio::this_coro::executor;
  beast::tcp_stream stream(executor);
  Conversation c{stream, settings.host + ":" + port, settings.timeout};

  error_code ec;
  auto endpoints =
      co_await resolver.async_resolve(settings.host, port, asio::redirect_error(asio::use_awaitable, ec));
  if (ec) co_return wire_failure(c, "resolving", ec);
  // The stream's timer stays armed at the one deadline for every later read and write.
  stream.expires_at(deadline);
  co_await stream.async_connect(endpoints, asio::redirect_error(asio::use_awaitable, ec));
  if (ec) co_return wire_failure(c, "connecting", ec);

  if (auto ok = co_await exchange(c, "greeting", "", 2); !ok) co_return ok;
  if (auto ok = co_await exchange(c, "EHLO", "EHLO " + settings.helo_name + "\r\n", 2); !ok) co_return ok;
  if (auto ok = co_await exchange(c, "MAIL FROM", "MAIL FROM:<" + message.from + ">\r\n", 2); !ok)
    co_return ok;
  if (auto ok = co_await exchange(c, "RCPT TO", "RCPT TO:<" + message.to + ">\r\n", 2); !ok) co_return ok;
  if (auto ok = co_await exchange(c, "DATA", "DATA\r\n", 3); !ok) co_return ok;
  if (auto ok = co_await exchange(c, "message", data + ".\r\n", 2); !ok) co_return ok;
  // The server has taken the message: a failed QUIT must not make the caller send it again.
  co_await exchange(c, "QUIT", "QUIT\r\n", 2);
  co_return Status{};
}

}  // namespace

Status send_mail(const SmtpSettings& settings, const MailMessage& message) {
  if (auto ok = check_input(settings, message); !ok) return ok;
  auto data = compose(settings, message);
  if (!data) return tl::unexpected(data.error());

  const Clock::time_point deadline = Clock::now() + settings.timeout;
  asio::io_context ioc(1);
  tcp::resolver resolver(ioc);
  // Name resolution has no timer of its own.
  asio::steady_timer resolve_guard(ioc);
  resolve_guard.expires_at(deadline);
  resolve_guard.async_wait([&](error_code ec) {
    if (!ec) resolver.cancel();
  });

  std::optional<Status> outcome;
  const std::string server = settings.host + ":" + std::to_string(settings.port);
  asio::co_spawn(ioc, converse(resolver, settings, message, *data, deadline),
                 [&](std::exception_ptr error, Status result) {
                   resolve_guard.cancel();
                   if (!error) {
                     outcome = std::move(result);
                     return;
                   }
                   try {
                     std::rethrow_exception(error);
                   } catch (const std::exception& e) {
                     outcome = unavailable("SMTP exchange with " + server + " failed: " + e.what());
                   } catch (...) {
                     outcome = unavailable("SMTP exchange with " + server + " failed");
                   }
                 });
  ioc.run();
  if (!outcome) return unavailable("SMTP exchange with " + server + " did not complete");
  return std::move(*outcome);
}

}  // namespace sen::outbound
