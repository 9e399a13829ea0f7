#pragma once

#include <boost/json/object.hpp>
#include <cstdint>
#include <string>

#include "assessment/assessments.hpp"
#include "assessment/programme.hpp"
#include "assessment/solution_register.hpp"
#include "core/clock.hpp"
#include "identity/account_service.hpp"
#include "identity/authorization.hpp"
#include "services/submission_check.hpp"
#include "storage/database.hpp"

namespace sen::assessment {

struct SupportPayment {
  std::string reference;
  std::int64_t amount_vnd = 0;
};

// Co-funding of approved solutions. The application is a dossier of the programme's support
// procedure; when it is submitted the programme's rule is checked over the enterprise's latest
// confirmed assessment and its size (`check()`), and what it allows is recorded with the dossier. The
// decision is the dossier's approval (or rejection, with reasons); the payment of a granted one is
// recorded by an official of the deciding agency.
class SupportApplications {
 public:
  SupportApplications(storage::Database& db, Assessments& assessments, SolutionRegister& solutions,
                      const Programme& programme, const identity::Authorizer& authorizer, const Clock& clock)
      : db_(db),
        assessments_(assessments),
        solutions_(solutions),
        programme_(programme),
        authorizer_(authorizer),
        clock_(clock) {}

  // The rule, run inside the submission's transaction.
  services::SubmissionCheck check();
  // What the rule recorded for an application (the caller has read the dossier already); kNotFound if none.
  Result<boost::json::object> get(const std::string& dossier_code);
  // Records the payment of a granted application, once; by a processing officer of its agency.
  Result<boost::json::object> record_payment(const identity::Principal& who, const std::string& dossier_code,
                                             const SupportPayment& payment, const identity::Origin& origin);

 private:
  Status check_application(storage::Connection& conn, const identity::Principal& applicant,
                           const services::Dossier& dossier, const boost::json::object& form);

  storage::Database& db_;
  Assessments& assessments_;
  SolutionRegister& solutions_;
  const Programme& programme_;
  const identity::Authorizer& authorizer_;
  const Clock& clock_;
};

}  // namespace sen::assessment
