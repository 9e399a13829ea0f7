#pragma once

#include "services/dossier_core.hpp"

namespace sen::services {

// The applicant's side before processing: drafts, their form and documents, and submission.
class DossierDrafts {
 public:
  explicit DossierDrafts(DossierCore& core) : core_(core), d_(core.d_) {}

  Result<boost::json::object> create_draft(const identity::Principal& who, const DraftInput& in,
                                           const identity::Origin& origin);
  // A receiving officer registers a dossier for a citizen who came in person or sent it by post; the
  // citizen's account, or one held for them, is its applicant.
  Result<boost::json::object> create_at_counter(const identity::Principal& officer, const CounterInput& in,
                                                const identity::Origin& origin);
  Result<boost::json::object> update_form(const identity::Principal& who, const std::string& code,
                                          const boost::json::value& form, const std::string* contact_email,
                                          const identity::Origin& origin);
  Result<boost::json::object> put_document(const identity::Principal& who, const std::string& code,
                                           const std::string& component, std::string_view bytes,
                                           const identity::Origin& origin);
  Result<boost::json::object> reuse_document(const identity::Principal& who, const std::string& code,
                                             const std::string& component, const std::string& result_dossier,
                                             const identity::Origin& origin);
  Status delete_document(const identity::Principal& who, const std::string& code,
                         const std::string& component, const identity::Origin& origin);
  // A reading by anyone but the applicant is recorded for them (DossierReaders).
  Result<Download> read_document(const identity::Principal& who, const std::string& code,
                                 const std::string& component, const identity::Origin& origin);
  Result<boost::json::object> submit(const identity::Principal& who, const std::string& code,
                                     const identity::Origin& origin);

 private:
  // With `created`, `d` is new and not stored yet (created and submitted in one step), and the rows
  // written besides the dossier's are added to it.
  // `who` submits for `applicant`: themselves, or a counter officer for them.
  Status submit_draft(storage::Connection& conn, Dossier& d, const Procedure& p,
                      const identity::Principal& applicant, const identity::Principal& who,
                      const identity::Origin& origin, DossierCore::Related* created = nullptr);
  // `applicant` is `who` online; at the counter (`counter` given) it is the citizen `who` acts for.
  Result<boost::json::object> create(const identity::Principal& applicant, const identity::Principal& who,
                                     const DraftInput& in, const identity::Origin& origin,
                                     const CounterInput* counter = nullptr);

  DossierCore& core_;
  const ServicesDeps& d_;
};

}  // namespace sen::services
