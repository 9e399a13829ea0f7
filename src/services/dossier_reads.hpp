#pragma once

#include "services/dossier_core.hpp"

namespace sen::services {

// Reading dossiers: the full view, the status clients poll, lists and their exports, public
// tracking, an applicant's results and notifications.
class DossierReads {
 public:
  explicit DossierReads(DossierCore& core) : core_(core), d_(core.d_) {}

  // The full view; a reading by anyone but the applicant is recorded for them (DossierReaders).
  Result<boost::json::object> get(const identity::Principal& who, const std::string& code,
                                  const identity::Origin& origin);
  // Just the status and deadline, for clients that poll: one read, or none while the dossier is in
  // memory (it is kept there services.status_cache_ms after it was last read or written here).
  Result<boost::json::object> status_of(const identity::Principal& who, const std::string& code);
  // Memory only (network threads): nullopt when status_of would need the database.
  std::optional<Result<boost::json::object>> status_from_memory(const identity::Principal& who,
                                                                const std::string& code);
  Result<boost::json::object> list(const identity::Principal& who, const DossierListFilter& filter) const {
    return core_.lists_.list(who, filter);
  }
  // Exports (dossier_exports.cpp): a list with its filters, every page to its end, and a dossier's
  // process-control sheet (officials only), as tables to write as CSV or XLSX. A list longer than
  // `max_rows` is kPayloadTooLarge: narrow the filters.
  Result<tables::Table> list_table(const identity::Principal& who, DossierListFilter filter, Language lang,
                                   std::size_t max_rows) const;
  Result<tables::Table> control_sheet_table(const identity::Principal& who, const std::string& code,
                                            Language lang);
  Result<boost::json::object> my_results(const identity::Principal& who);
  // The codes of every dossier the caller applied for (drafts too), oldest first.
  Result<std::vector<std::string>> codes_of_applicant(const identity::Principal& who) const;
  // Public: the dossier's status for whoever knows its code and the applicant's identity number.
  Result<boost::json::object> track(const std::string& code, const std::string& id_number);
  // The caller's notifications, newest first, in `lang`; `after` is the id a previous page ended at.
  struct Notifications {
    boost::json::array items;
    std::int64_t unread = 0;
    std::optional<std::string> next_after;
  };
  Result<Notifications> notifications(const identity::Principal& who, Language lang,
                                      const storage::PageRequest& page);
  Status mark_notification_read(const identity::Principal& who, std::int64_t id);

 private:
  Result<boost::json::object> status_view(const identity::Principal& who, const Dossier& d,
                                          const Procedure& p) const;

  DossierCore& core_;
  const ServicesDeps& d_;
};

}  // namespace sen::services
