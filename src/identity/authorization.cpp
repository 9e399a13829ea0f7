#include "identity/authorization.hpp"

#include <algorithm>
#include <array>

#include "identity/roles.hpp"

namespace sen::identity {
namespace {

constexpr std::array<std::string_view, 3> kOfficerRoles = {kRoleReceivingOfficer, kRoleProcessingOfficer,
                                                           kRoleApprovingLeader};

bool is_officer_role(std::string_view r) {
  return std::find(kOfficerRoles.begin(), kOfficerRoles.end(), r) != kOfficerRoles.end();
}

bool is_admin_role(std::string_view r) {
  return r == kRoleAgencyAdmin || r == kRoleProvinceAdmin || r == kRoleNationalAdmin;
}

// Which roles an administrator may hand out: agency administrators only officer roles in their
// agency; province administrators also agency administrators, auditors and analysts; the national
// administrator any role but their own.
bool may_grant(std::string_view admin_role, std::string_view role) {
  if (admin_role == kRoleAgencyAdmin) return is_officer_role(role);
  if (admin_role == kRoleProvinceAdmin) {
    return is_officer_role(role) || role == kRoleAgencyAdmin || role == kRoleAuditor ||
           role == kRoleAnalyst || role == kRoleAssessor;
  }
  return admin_role == kRoleNationalAdmin;
}

Error forbidden(std::string message) { return Error{ErrorCode::kForbidden, std::move(message), {}, {}}; }

}  // namespace

bool Authorizer::place_within(const std::string& place, const std::string& scope) const {
  std::optional<std::string> current = place;
  for (int depth = 0; current && depth < 8; ++depth) {
    if (*current == scope) return true;
    current = parent_of_(*current);
  }
  return false;
}

std::vector<DossierScope> Authorizer::dossier_scopes(const Principal& who, DossierReach reach) const {
  std::vector<DossierScope> out;
  if (who.kind != "official") {
    if (reach == DossierReach::kReadable) out.push_back({DossierScopeKind::kApplicant, who.account_id, ""});
    return out;
  }
  for (const auto& g : who.roles) {
    const bool officer = is_officer_role(g.role);
    const bool reader = officer || g.role == kRoleAgencyAdmin || g.role == kRoleProvinceAdmin ||
                        g.role == kRoleNationalAdmin || g.role == kRoleAuditor;
    if (reach == DossierReach::kQueue ? !officer : !reader) continue;
    DossierScope scope;
    scope.code = g.scope_code;
    if (reach == DossierReach::kQueue) scope.role = g.role;
    if (g.scope_kind == "agency") {
      scope.kind = DossierScopeKind::kAgency;
    } else if (g.scope_code == "VN") {
      scope.kind = DossierScopeKind::kNation;
      scope.code.clear();
    } else {
      scope.kind = parent_of_(g.scope_code) == std::optional<std::string>("VN") ? DossierScopeKind::kProvince
                                                                                : DossierScopeKind::kPlace;
    }
    if (std::find(out.begin(), out.end(), scope) == out.end()) out.push_back(std::move(scope));
  }
  return out;
}

bool Authorizer::scope_holds(const DossierScope& scope, const Target& t) const {
  switch (scope.kind) {
    case DossierScopeKind::kApplicant:
      return !t.owner_account_id.empty() && t.owner_account_id == scope.code;
    case DossierScopeKind::kAgency:
      return !t.agency_code.empty() && t.agency_code == scope.code;
    case DossierScopeKind::kPlace:
      return !t.place_code.empty() && t.place_code == scope.code;
    case DossierScopeKind::kProvince:
      return !t.place_code.empty() && place_within(t.place_code, scope.code);
    case DossierScopeKind::kNation:
      return true;
  }
  return false;
}

bool Authorizer::grant_covers(const RoleGrant& g, const Target& t) const {
  if (g.scope_kind == "agency") return !t.agency_code.empty() && g.scope_code == t.agency_code;
  return !t.place_code.empty() && place_within(t.place_code, g.scope_code);
}

Status Authorizer::authorize(const Principal& who, Action action, const Target& t) const {
  auto has = [&](std::initializer_list<std::string_view> roles, const Target& target) {
    return std::any_of(who.roles.begin(), who.roles.end(), [&](const RoleGrant& g) {
      return std::find(roles.begin(), roles.end(), g.role) != roles.end() && grant_covers(g, target);
    });
  };
  switch (action) {
    case Action::kCreateOfficial:
    case Action::kReadOfficial:
      if (has({kRoleAgencyAdmin, kRoleProvinceAdmin, kRoleNationalAdmin}, t)) return {};
      return tl::unexpected(forbidden("Only administrators of this agency or its place may do this"));
    case Action::kGrantRole:
    case Action::kRevokeRole: {
      if (t.owner_account_id == who.account_id) {
        return tl::unexpected(forbidden("Nobody may change their own roles"));
      }
      // The granter must administer both the grantee and the place or agency the new grant covers.
      const Target scope{t.scope_place, t.scope_kind == "agency" ? t.scope_code : "", "", "", "", "", ""};
      for (const auto& g : who.roles) {
        if (!may_grant(g.role, t.role)) continue;
        if (g.role == kRoleAgencyAdmin && (t.scope_kind != "agency" || t.scope_code != g.scope_code))
          continue;
        if (grant_covers(g, t) && grant_covers(g, scope)) return {};
      }
      return tl::unexpected(forbidden("You may not grant this role here"));
    }
    case Action::kManageAccount: {
      if (t.owner_account_id == who.account_id) {
        return tl::unexpected(forbidden("Administrators may not lock or reset their own account"));
      }
      // Only an administrator who could grant every role the account holds, where it works.
      for (const auto& g : who.roles) {
        const bool outranks = std::all_of(t.held_roles.begin(), t.held_roles.end(),
                                          [&](const std::string& r) { return may_grant(g.role, r); });
        if (is_admin_role(g.role) && outranks && grant_covers(g, t)) return {};
      }
      return tl::unexpected(forbidden("You may not manage this account"));
    }
    case Action::kCreateAgency:
      if (has({kRoleProvinceAdmin, kRoleNationalAdmin}, Target{t.place_code})) return {};
      return tl::unexpected(forbidden("Only province or national administrators may create agencies here"));
    case Action::kReadAudit:
      for (const auto& g : who.roles) {
        if (g.role != kRoleAuditor && g.role != kRoleNationalAdmin) continue;
        if (g.scope_kind == "place" &&
            (g.scope_code == "VN" || (!t.place_code.empty() && grant_covers(g, t)))) {
          return {};
        }
      }
      return tl::unexpected(forbidden("Only auditors may read the audit log, within their places"));
    case Action::kReadDossier:
      for (const auto& scope : dossier_scopes(who, DossierReach::kReadable)) {
        if (scope_holds(scope, t)) return {};
      }
      return tl::unexpected(
          forbidden("Only the applicant and officials of this agency may read this dossier"));
    case Action::kProcessDossier:
      if (is_officer_role(t.role) && has({t.role}, t)) return {};
      return tl::unexpected(forbidden("This step needs a " + t.role + " of the dossier's agency"));
    case Action::kRegisterAtCounter:
      if (has({kRoleReceivingOfficer}, t)) return {};
      return tl::unexpected(
          forbidden("Only receiving officers of the handling agency register dossiers at the counter"));
    case Action::kEditProcedure:
      if (has({kRoleNationalAdmin}, Target{"VN"})) return {};
      return tl::unexpected(forbidden("Only national administrators may edit procedures"));
    case Action::kAssessPlace:
      if (has({kRoleProvinceAdmin, kRoleNationalAdmin}, t)) return {};
      return tl::unexpected(forbidden("Only the administrators of this place assess it"));
    case Action::kReadAssessment:
      if (!t.owner_account_id.empty() && t.owner_account_id == who.account_id) return {};
      if (has({kRoleAssessor, kRoleAnalyst, kRoleProvinceAdmin, kRoleNationalAdmin}, t)) return {};
      return tl::unexpected(
          forbidden("Only the respondent and the assessors of its place may read this assessment"));
    case Action::kReviewAssessment:
      if (has({kRoleAssessor}, t)) return {};
      return tl::unexpected(
          forbidden("Only an accredited assessor of this place may review this assessment"));
    case Action::kImportAssessments:
      if (has({kRoleProvinceAdmin, kRoleNationalAdmin}, t)) return {};
      return tl::unexpected(
          forbidden("Only province or national administrators may import assessments here"));
    case Action::kReadAssessmentStats:
      if (has({kRoleAnalyst, kRoleAssessor, kRoleProvinceAdmin, kRoleNationalAdmin}, t)) return {};
      return tl::unexpected(
          forbidden("Only analysts and administrators of this place may read these statistics"));
    case Action::kReadAnalytics: {
      // Officials see their own place and below: a role on a place covers it, a role in an agency
      // covers the agency's place.
      const bool by_place = std::any_of(who.roles.begin(), who.roles.end(), [&](const RoleGrant& g) {
        return is_staff_role(g.role) && g.scope_kind == "place" && grant_covers(g, t);
      });
      const bool by_agency = !t.scope_place.empty() && place_within(t.place_code, t.scope_place) &&
                             std::any_of(who.roles.begin(), who.roles.end(), [&](const RoleGrant& g) {
                               return is_staff_role(g.role) && g.scope_kind == "agency";
                             });
      if (by_place || by_agency) return {};
      return tl::unexpected(forbidden("Officials see the figures of their own place and below"));
    }
    case Action::kManageAlerts:
      if (has({kRoleAnalyst, kRoleProvinceAdmin, kRoleNationalAdmin}, t)) return {};
      return tl::unexpected(forbidden("Only analysts and administrators of this place handle its alerts"));
    case Action::kImportStatistics:
      if (has({kRoleAnalyst, kRoleProvinceAdmin, kRoleNationalAdmin}, t)) return {};
      return tl::unexpected(
          forbidden("Only analysts and administrators of this place import its statistics"));
    case Action::kSetTarget:
      if (has({kRoleProvinceAdmin, kRoleNationalAdmin}, t)) return {};
      return tl::unexpected(forbidden("Only the administrators of this place set its targets"));
    case Action::kPublishOpenData:
      if (has({kRoleAnalyst, kRoleNationalAdmin}, Target{"VN"})) return {};
      if (!t.agency_code.empty() && has({kRoleAgencyAdmin}, Target{"", t.agency_code})) return {};
      return tl::unexpected(
          forbidden("Only national analysts and administrators, or the publishing agency's "
                    "administrators, publish open data"));
  }
  return tl::unexpected(forbidden("Not allowed"));
}

}  // namespace sen::identity
