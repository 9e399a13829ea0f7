#include "services/notifier.hpp"

#include <fmt/format.h>

#include "services/workflow.hpp"

namespace sen::services {

std::string_view status_label_vi(std::string_view s) {
  namespace st = status;
  if (s == st::kDraft) return "Bản nháp";
  if (s == st::kAwaitingPayment) return "Chờ thanh toán phí, lệ phí";
  if (s == st::kSubmitted) return "Mới đăng ký";
  if (s == st::kReceived) return "Đã tiếp nhận";
  if (s == st::kRefused) return "Không được tiếp nhận";
  if (s == st::kProcessing) return "Đang xử lý";
  if (s == st::kAwaitingSupplement) return "Yêu cầu bổ sung hồ sơ";
  if (s == st::kWithdrawn) return "Đã rút hồ sơ";
  if (s == st::kRejected) return "Dừng xử lý";
  if (s == st::kResultReady) return "Đã có kết quả";
  if (s == st::kReturned) return "Đã trả kết quả";
  return s;
}

Status notify_applicant(storage::Connection& conn, const Dossier& d, const std::string& procedure_name,
                        const std::string& comment, const std::string& public_url, const Clock& clock) {
  const std::string now = format_rfc3339(clock.now());
  std::string message = fmt::format("Hồ sơ {} ({}): {}.", d.code, procedure_name, status_label_vi(d.status));
  if (!comment.empty()) message += " Ghi chú: " + comment;
  if (d.due_at && clock_running(d.status)) message += " Hẹn trả kết quả: " + *d.due_at + ".";
  auto n = conn.execute_deferred(
      "INSERT INTO notifications (account_id, dossier_code, status, message, created_at) VALUES ($1, $2, $3, "
      "$4, $5)",
      {d.applicant_id, d.code, d.status, message, now});
  if (!n) return tl::unexpected(n.error());
  if (d.contact_email.empty()) return {};
  const std::string body = fmt::format(
      "Kính gửi {},\n\n{}\n\nTra cứu hồ sơ: {}/#/track?code={}\n\nThư này được gửi tự động, vui lòng không "
      "trả lời.\n",
      d.applicant_name, message, public_url, d.code);
  return queue_email(conn, d.contact_email,
                     fmt::format("[Sen] Hồ sơ {}: {}", d.code, status_label_vi(d.status)), body, clock);
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
  const std::string body = fmt::format(
      "Kính gửi {name},\n\nTài khoản Sen của bạn: {user}\nMật khẩu dùng một lần: {password}\n"
      "Hãy đăng nhập tại {url}/#/sign-in và đổi mật khẩu trước {expires} (UTC).\n\n"
      "Dear {name},\n\nYour Sen account: {user}\nOne-time password: {password}\n"
      "Sign in at {url}/#/sign-in and choose your own password before {expires} (UTC).\n\n"
      "Thư này được gửi tự động, vui lòng không trả lời. / This message was sent automatically.\n",
      fmt::arg("name", mail.display_name), fmt::arg("user", mail.username),
      fmt::arg("password", mail.password), fmt::arg("url", public_url), fmt::arg("expires", mail.expires_at));
  return queue_email(conn, mail.to, "[Sen] Mật khẩu dùng một lần / One-time password", body, clock);
}

}  // namespace sen::services
