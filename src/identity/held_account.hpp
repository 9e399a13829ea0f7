#pragma once

#include <string>

#include "core/clock.hpp"
#include "core/status.hpp"
#include "identity/account_service.hpp"
#include "identity/identity_vault.hpp"
#include "storage/database.hpp"

namespace sen::identity {

// The applicant of a dossier registered at a one-stop counter, for someone who came in person or sent
// it by post.
struct CounterApplicant {
  std::string account_id;
  std::string display_name;
  bool held = false;  // an account opened for them now: no password, no sign-in until they use VNeID
};

// The citizen's own account when one has this identity number; otherwise a held account, opened in
// the caller's transaction. A held account has no password, so nobody signs in to it with one; the
// identity provider links it on the citizen's first sign-in (AccountService::external_citizen), and
// from then on they see the dossiers registered for them. kInvalidArgument ("applicant.id_number")
// when the number belongs to a business or an official.
Result<CounterApplicant> counter_applicant(storage::Connection& conn, const Clock& clock,
                                           const IdentityNumberVault& ids, const std::string& id_number,
                                           const std::string& name, const Origin& origin);

}  // namespace sen::identity
