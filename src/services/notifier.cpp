#include "services/notifier.hpp"

#include <fmt/format.h>

#include "services/labels.hpp"
#include "services/workflow.hpp"

namespace sen::services {

std::string vietnamese_time(std::chrono::system_clock::time_point t) {
  const auto [date, time] = vietnam_civil_time(t);
  return fmt::format("{:02}:{:02} ngày {:02}/{:02}/{:04}", time.hours().count(), time.minutes().count(),
                     unsigned(date.day()), unsigned(date.month()), int(date.year()));
}

std::string people_time(std::chrono::system_clock::time_point t, Language lang) {
  switch (lang) {
    case Language::kVietnamese:
      return vietnamese_time(t);
    case Language::kEnglish: {
      static constexpr const char* kMonths[] = {"Jan", "Feb", "Mar", "Apr", "May", "Jun",
                                                "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"};
      const auto [date, time] = vietnam_civil_time(t);
      return fmt::format("{} {} {}, {:02}:{:02}", unsigned(date.day()), kMonths[unsigned(date.month()) - 1],
                         int(date.year()), time.hours().count(), time.minutes().count());
    }
  }
  return {};
}

std::optional<NotificationKind> parse_notification_kind(std::string_view text) {
  if (text == "status_change") return NotificationKind::kStatusChange;
  if (text == "result_revoked") return NotificationKind::kResultRevoked;
  return std::nullopt;
}

std::string_view name(NotificationKind k) {
  switch (k) {
    case NotificationKind::kStatusChange:
      return "status_change";
    case NotificationKind::kResultRevoked:
      return "result_revoked";
  }
  return {};
}

std::string notification_text(const NotificationFacts& n, Language lang) {
  std::string text = fmt::format("{} {} ({}): {}.", in_language(lang, "Hồ sơ", "Application"), n.dossier_code,
                                 n.procedure_name, status_label(n.status, lang));
  if (!n.note.empty()) {
    switch (n.kind) {
      case NotificationKind::kStatusChange:
        text += fmt::format(" {}: {}", in_language(lang, "Ghi chú", "Note"), n.note);
        break;
      case NotificationKind::kResultRevoked:
        text += fmt::format(" {}: {}", in_language(lang, "Kết quả đã bị thu hồi", "The result was revoked"),
                            n.note);
        break;
    }
  }
  if (n.due)
    text += fmt::format(" {}: {}.", in_language(lang, "Hẹn trả kết quả", "Result due"),
                        people_time(*n.due, lang));
  return text;
}

Status notify_applicant(storage::Connection& conn, const Dossier& d, const std::string& procedure_name,
                        NotificationKind kind, const std::string& note, const std::string& public_url,
                        const Clock& clock) {
  const std::string now = format_rfc3339(clock.now());
  NotificationFacts facts{kind, d.code, procedure_name, d.status, note, std::nullopt};
  if (d.due_at && clock_running(d.status)) {
    auto due = stored_time(d.due_at, "due_at");
    if (!due) return tl::unexpected(due.error());
    facts.due = *due;
  }
  // `message` keeps the Vietnamese words as e-mailed; readers get the facts put in their language.
  const std::string message = notification_text(facts, Language::kVietnamese);
  auto n = conn.execute_deferred(
      "INSERT INTO notifications (account_id, dossier_code, status, message, created_at, kind, "
      "procedure_name, "
      "note, due_at) VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9)",
      {d.applicant_id, d.code, std::string(name(d.status)), message, now, std::string(name(kind)),
       procedure_name, note,
       facts.due ? storage::Value(format_rfc3339(*facts.due)) : storage::Value(nullptr)});
  if (!n) return tl::unexpected(n.error());
  if (d.contact_email.empty()) return {};
  const std::string body = fmt::format(
      "Kính gửi {},\n\n{}\n\nTra cứu hồ sơ: {}/#/track?code={}\n\nThư này được gửi tự động, vui lòng không "
      "trả lời.\n",
      d.applicant_name, message, public_url, d.code);
  return queue_email(conn, d.contact_email,
                     fmt::format("[Sen] Hồ sơ {}: {}", d.code, status_label(d.status, Language::kVietnamese)),
                     body, clock);
}

Status queue_email(storage::Connection& conn, const std::string& to, const std::string& subject,
                   const std::string& body, const Clock& clock) {
  const std::string now = format_rfc3339(clock.now());
  auto o = conn.execute_deferred(
      "INSERT INTO outbox (recipient, subject, body, next_attempt_at, created_at) VALUES ($1, $2, $3, $4, "
      "$4)",
      {to, subject, body, now});
  if (!o) return tl::unexpected(o.error());
  return {};
}

Status queue_one_time_password(storage::Connection& conn, const identity::OneTimePasswordMail& mail,
                               const std::string& public_url, const Clock& clock) {
  const auto expires = parse_rfc3339(mail.expires_at);
  if (!expires) return fail_internal("one-time password expiry is not a time: " + mail.expires_at);
  const std::string body = fmt::format(
      "Kính gửi {name},\n\nTài khoản Sen của bạn: {user}\nMật khẩu dùng một lần: {password}\n"
      "Hãy đăng nhập tại {url}/#/sign-in và đổi mật khẩu trước {expires}.\n\n"
      "Dear {name},\n\nYour Sen account: {user}\nOne-time password: {password}\n"
      "Sign in at {url}/#/sign-in and choose your own password before {expires} (Vietnam time).\n\n"
      "Thư này được gửi tự động, vui lòng không trả lời. / This message was sent automatically.\n",
      fmt::arg("name", mail.display_name), fmt::arg("user", mail.username),
      fmt::arg("password", mail.password), fmt::arg("url", public_url),
      fmt::arg("expires", vietnamese_time(*expires)));
  return queue_email(conn, mail.to, "[Sen] Mật khẩu dùng một lần / One-time password", body, clock);
}

}  // namespace sen::services
