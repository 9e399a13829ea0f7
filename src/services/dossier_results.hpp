#pragma once

#include "services/dossier_core.hpp"

namespace sen::services {

// Papers a dossier yields: the receipt, the signed result, and public verification of a result PDF.
class DossierResults {
 public:
  explicit DossierResults(DossierCore& core) : core_(core), d_(core.d_) {}

  Result<Download> receipt(const identity::Principal& who, const std::string& code);
  Result<Download> result(const identity::Principal& who, const std::string& code);
  // The result as it would be issued, unsigned and marked as a preview, for the leader who may
  // approve the dossier now (kForbidden or kConflict otherwise, as approving would answer).
  Result<Download> result_preview(const identity::Principal& who, const std::string& code);
  // Public: who issued this PDF, when, for which dossier, and whether it was altered or revoked.
  Result<boost::json::object> verify(std::string_view pdf);

 private:
  DossierCore& core_;
  const ServicesDeps& d_;
};

}  // namespace sen::services
