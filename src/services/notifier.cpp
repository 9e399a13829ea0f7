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

Status notify_applicant(storage::Connection& conn, const Dossier& d, const std::string& procedure_name,
                        const std::string& comment, const std::string& public_url, const Clock& clock) {
  const std::string now = format_rfc3339(clock.now());
  std::string message = fmt::format("Hồ sơ {} ({}): {}.", d.code, procedure_name,
                                    status_label(d.status, Language::kVietnamese));
  if (!comment.empty()) message += " Ghi chú: " + comment;
  if (d.due_at && clock_running(d.status)) {
    auto due = stored_time(d.due_at, "due_at");
    if (!due) return tl::unexpected(due.error());
    message += " Hẹn trả kết quả: " + vietnamese_time(*due) + ".";
  }
  auto n = conn.execute_deferred(
      "INSERT INTO notifications (account_id, dossier_code, status, message, created_at) VALUES ($1, $2, $3, "
      "$4, $5)",
      {d.applicant_id, d.code, std::string(name(d.status)), message, now});
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
