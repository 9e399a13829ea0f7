#pragma once

#include <optional>
#include <string>
#include <string_view>

#include "core/clock.hpp"
#include "core/language.hpp"
#include "core/status.hpp"
#include "identity/account_service.hpp"
#include "services/dossier.hpp"
#include "storage/database.hpp"

namespace sen::services {

// "17:00 ngày 03/12/2026": how people read a time in Vietnam (UTC+7).
std::string vietnamese_time(std::chrono::system_clock::time_point t);
// "17:00 ngày 03/12/2026" in Vietnamese, "3 Dec 2026, 17:00" in English; Vietnam's time either way.
std::string people_time(std::chrono::system_clock::time_point t, Language lang);

enum class NotificationKind {
  kStatusChange,   // the note is the official's comment, as written
  kResultRevoked,  // the note is the reason the result was revoked
};
std::optional<NotificationKind> parse_notification_kind(std::string_view text);
std::string_view name(NotificationKind k);

// What a notification says, kept as facts and put into words when it is read, in the reader's
// language; notes are shown as their author wrote them.
struct NotificationFacts {
  NotificationKind kind = NotificationKind::kStatusChange;
  std::string dossier_code;
  std::string procedure_name;
  DossierStatus status = DossierStatus::kDraft;
  std::string note;
  std::optional<std::chrono::system_clock::time_point> due;
};
std::string notification_text(const NotificationFacts& n, Language lang);

// Tells the applicant about a status change, in the same transaction as the change: an in-app
// notification, and an e-mail queued in the outbox when the dossier has a contact address. The outbox
// worker delivers it later and retries, so a mail server being down never blocks or loses a change.
Status notify_applicant(storage::Connection& conn, const Dossier& d, const std::string& procedure_name,
                        NotificationKind kind, const std::string& note, const std::string& public_url,
                        const Clock& clock);

// Queues an e-mail in the outbox, in the caller's transaction; the outbox worker delivers it.
Status queue_email(storage::Connection& conn, const std::string& to, const std::string& subject,
                   const std::string& body, const Clock& clock);

// The message carrying an official's one-time password (an identity::MailQueue), in Vietnamese and
// English. The password appears only in the message, never in a log.
Status queue_one_time_password(storage::Connection& conn, const identity::OneTimePasswordMail& mail,
                               const std::string& public_url, const Clock& clock);

}  // namespace sen::services
