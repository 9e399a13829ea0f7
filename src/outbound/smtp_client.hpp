#pragma once

#include <chrono>
#include <string>

#include "core/status.hpp"

namespace sen::outbound {

struct SmtpSettings {
  std::string host;
  int port = 25;
  std::string helo_name = "sen.local";        // our name in EHLO and in Message-IDs
  std::chrono::milliseconds timeout{10'000};  // the whole conversation, connecting included
};

struct MailMessage {
  std::string from;  // bare ASCII addresses ("noreply@example.gov.vn"), no display names
  std::string to;
  std::string subject;  // UTF-8
  std::string text;     // UTF-8 plain text; may hold personal data: never log it
};

// Sends one message in one blocking SMTP conversation (EHLO, MAIL FROM, RCPT TO, DATA, QUIT) under
// a single deadline. The message is MIME: the subject as RFC 2047 encoded words, the body as
// text/plain; charset=UTF-8 in base64, so any Vietnamese text passes 7-bit servers unchanged.
//
// Plain SMTP only, no STARTTLS or AUTH: meant for a relay on loopback or a trusted network segment
// that does the onward delivery.
//
// Errors: kInvalidArgument for unusable settings or a message that could inject headers or
// commands (CR, LF or other control characters in addresses or subject; non-ASCII addresses).
// kUnavailable for everything on the wire (resolution, connect, timeout, a 4xx/5xx or unexpected
// reply); Error::internal then names the server, the step and the server's reply, never the body.
Status send_mail(const SmtpSettings& settings, const MailMessage& message);

}  // namespace sen::outbound
