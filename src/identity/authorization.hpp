#pragma once

#include <functional>
#include <optional>
#include <string>
#include <vector>

#include "core/status.hpp"
#include "identity/principal.hpp"

namespace sen::identity {

enum class Action {
  kCreateOfficial,  // target: the agency (and its place)
  kReadOfficial,    // target: the official's agency
  kGrantRole,       // target: the grantee's agency and place, the role and its scope
  kRevokeRole,
  kManageAccount,        // lock, unlock, reset the password; target: the account's agency, place, held roles
  kReadAudit,            // target: the place asked about (empty: everything)
  kCreateAgency,         // target: the place the new agency belongs to
  kReadDossier,          // target: the dossier's place, agency and applicant
  kProcessDossier,       // target: the dossier's place and agency; role: the role its current step needs
  kRegisterAtCounter,    // a dossier brought in person or by post; target: the handling agency and place
  kEditProcedure,        // target: the nation (procedures are national records)
  kAssessPlace,          // target: the province or commune assessing itself
  kReadAssessment,       // target: the assessment's place and its owner account
  kReviewAssessment,     // target: the assessment's place
  kImportAssessments,    // target: the place of each imported row
  kReadAssessmentStats,  // target: the place the statistics cover
  kReadAnalytics,        // target: the place asked about; scope_place: the place of the caller's agency
  kManageAlerts,         // acknowledge, resolve; target: the alert's place
  kImportStatistics,     // target: the place of each imported value
  kSetTarget,            // target: the province (or the nation) the target is for
  kPublishOpenData,      // refresh or publish a dataset; target: the dataset's place, its publisher agency
};

// The object an action touches, as far as authorization cares: where it belongs and whose it is.
struct Target {
  std::string place_code;   // the place the object belongs to (for an agency: the agency's place)
  std::string agency_code;  // the agency the object belongs to, if any
  std::string owner_account_id;
  std::string role;         // kGrantRole: the role being granted; kProcessDossier: the role acting
  std::string scope_kind;   // kGrantRole: place | agency
  std::string scope_code;   // kGrantRole: where the new grant applies
  std::string scope_place;  // kGrantRole: the place of scope_code (an agency's place, or the place itself);
                            // kReadAnalytics: the place of the caller's own agency, if any
  std::vector<std::string> held_roles;  // kManageAccount: the roles the account holds
};

// Where a principal may see dossiers: the one rule behind reading one dossier and listing many.
enum class DossierScopeKind { kApplicant, kAgency, kPlace, kProvince, kNation };
struct DossierScope {
  DossierScopeKind kind = DossierScopeKind::kNation;
  std::string code;  // the applicant's account id, an agency code or a place code; "" for the nation
  std::string role;  // a queue: only dossiers whose current step needs this role; "" for all
  bool operator==(const DossierScope&) const = default;
};
enum class DossierReach {
  kReadable,  // every dossier the principal may read
  kQueue,     // those whose current step waits for one of the principal's officer roles
};

// Returns the parent of a place code ("00004" -> "01" -> "VN" -> nullopt).
using ParentOf = std::function<std::optional<std::string>(const std::string&)>;

// The one authorization function. Grants on a place cover that place and everything below it; grants
// on an agency cover that agency. kForbidden names what is missing; callers that must not reveal an
// object's existence turn it into kNotFound.
class Authorizer {
 public:
  explicit Authorizer(ParentOf parent_of) : parent_of_(std::move(parent_of)) {}

  Status authorize(const Principal& who, Action action, const Target& target) const;
  bool place_within(const std::string& place, const std::string& scope) const;
  // kReadDossier and dossier lists both answer from these: applicants their own dossiers, officials
  // the agencies and places their roles cover.
  std::vector<DossierScope> dossier_scopes(const Principal& who, DossierReach reach) const;
  // Whether `scope` holds a dossier of this target (place, agency, applicant), leaving its role aside.
  bool scope_holds(const DossierScope& scope, const Target& target) const;

 private:
  bool grant_covers(const RoleGrant& g, const Target& t) const;
  ParentOf parent_of_;
};

}  // namespace sen::identity
