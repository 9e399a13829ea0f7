#pragma once

#include "services/dossier_core.hpp"

namespace sen::services {

// The agencies' side: workflow actions through the lifecycle table, the signed result the approving
// leader issues, its revocation, and the applicant's rating.
class DossierWorkflow {
 public:
  explicit DossierWorkflow(DossierCore& core) : core_(core), d_(core.d_) {}

  Result<boost::json::object> act(const identity::Principal& who, const std::string& code,
                                  const ActionInput& in, const identity::Origin& origin);
  // The approving leader withdraws an issued result (e.g. issued in error); verification then says so.
  Result<boost::json::object> revoke_result(const identity::Principal& who, const std::string& code,
                                            const std::string& reason, const identity::Origin& origin);
  Result<boost::json::object> rate(const identity::Principal& who, const std::string& code, int score,
                                   const std::string& comment, const identity::Origin& origin);

 private:
  Result<ResultRow> issue_result(const DossierCore::Loaded& l, const identity::Principal& leader,
                                 const std::string& issued_at);

  DossierCore& core_;
  const ServicesDeps& d_;
};

}  // namespace sen::services
