#pragma once

#include <algorithm>
#include <array>
#include <string_view>

namespace sen::identity {

// Roles are granted on a place (covering its communes) or on an agency.
inline constexpr std::string_view kRoleCitizen = "citizen";
inline constexpr std::string_view kRoleBusinessRep = "business_representative";
inline constexpr std::string_view kRoleReceivingOfficer = "receiving_officer";
inline constexpr std::string_view kRoleProcessingOfficer = "processing_officer";
inline constexpr std::string_view kRoleApprovingLeader = "approving_leader";
inline constexpr std::string_view kRoleAgencyAdmin = "agency_admin";
inline constexpr std::string_view kRoleProvinceAdmin = "province_admin";
inline constexpr std::string_view kRoleNationalAdmin = "national_admin";
inline constexpr std::string_view kRoleAuditor = "auditor";
inline constexpr std::string_view kRoleAnalyst = "analyst";
// Accredited assessors of digital-transformation assessments, granted on a place.
inline constexpr std::string_view kRoleAssessor = "assessor";

// Roles administrators grant to officials (citizens and businesses hold theirs by registering).
inline constexpr std::array<std::string_view, 9> kStaffRoles = {
    kRoleReceivingOfficer, kRoleProcessingOfficer, kRoleApprovingLeader, kRoleAgencyAdmin, kRoleProvinceAdmin,
    kRoleNationalAdmin,    kRoleAuditor,           kRoleAnalyst,         kRoleAssessor};

inline bool is_staff_role(std::string_view role) {
  return std::find(kStaffRoles.begin(), kStaffRoles.end(), role) != kStaffRoles.end();
}

}  // namespace sen::identity
