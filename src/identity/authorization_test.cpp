#include "identity/authorization.hpp"

#include <gtest/gtest.h>

#include <map>

#include "identity/roles.hpp"

namespace sen::identity {
namespace {

// Hà Nội (01) > Ba Đình (00004); TP HCM (79) > Sài Gòn (26740).
const std::map<std::string, std::string> kParents = {
    {"01", "VN"}, {"79", "VN"}, {"00004", "01"}, {"26740", "79"}};

Authorizer make() {
  return Authorizer([](const std::string& code) -> std::optional<std::string> {
    auto it = kParents.find(code);
    if (it == kParents.end()) return std::nullopt;
    return it->second;
  });
}

Principal with(std::string id, std::string role, std::string kind, std::string code) {
  Principal p;
  p.account_id = std::move(id);
  p.roles.push_back({"g", std::move(role), std::move(kind), std::move(code)});
  return p;
}

Target grant(std::string owner, std::string agency, std::string place, std::string role) {
  return Target{place, agency, std::move(owner), std::move(role), "agency", agency, place};
}

TEST(Authorizer, AgencyAdminGrantsOfficerRolesOnlyInTheirAgency) {
  const auto a = make();
  const auto admin = with("adm", std::string(kRoleAgencyAdmin), "agency", "UBND-00004");
  EXPECT_TRUE(
      a.authorize(admin, Action::kGrantRole, grant("x", "UBND-00004", "00004", "processing_officer")));
  EXPECT_FALSE(
      a.authorize(admin, Action::kGrantRole, grant("y", "UBND-26740", "26740", "processing_officer")))
      << "another commune's agency";
  EXPECT_FALSE(a.authorize(admin, Action::kGrantRole, grant("x", "UBND-00004", "00004", "agency_admin")))
      << "no admin roles";
  EXPECT_FALSE(
      a.authorize(admin, Action::kGrantRole, grant("adm", "UBND-00004", "00004", "processing_officer")))
      << "not to themselves";
}

TEST(Authorizer, ProvinceGrantsCoverTheirCommunesOnly) {
  const auto a = make();
  const auto hanoi = with("p", std::string(kRoleProvinceAdmin), "place", "01");
  EXPECT_TRUE(a.authorize(hanoi, Action::kCreateOfficial, Target{"00004", "UBND-00004"}));
  EXPECT_FALSE(a.authorize(hanoi, Action::kCreateOfficial, Target{"26740", "UBND-26740"}));
  EXPECT_TRUE(a.authorize(hanoi, Action::kGrantRole, grant("x", "UBND-00004", "00004", "agency_admin")));
  EXPECT_FALSE(a.authorize(hanoi, Action::kGrantRole, grant("x", "UBND-00004", "00004", "national_admin")));
}

TEST(Authorizer, OnlyTheHandlingAgencysReceivingOfficersRegisterAtTheCounter) {
  const auto a = make();
  const Target badinh{"00004", "UBND-00004"};
  EXPECT_TRUE(a.authorize(with("r", std::string(kRoleReceivingOfficer), "agency", "UBND-00004"),
                          Action::kRegisterAtCounter, badinh));
  EXPECT_FALSE(a.authorize(with("r", std::string(kRoleReceivingOfficer), "agency", "UBND-26740"),
                           Action::kRegisterAtCounter, badinh))
      << "another commune's counter";
  EXPECT_FALSE(a.authorize(with("p", std::string(kRoleProcessingOfficer), "agency", "UBND-00004"),
                           Action::kRegisterAtCounter, badinh))
      << "not the receiving officer";
  EXPECT_FALSE(
      a.authorize(with("c", std::string(kRoleCitizen), "place", "VN"), Action::kRegisterAtCounter, badinh));
}

TEST(Authorizer, OfficersAndCitizensAdministerNothing) {
  const auto a = make();
  const auto officer = with("o", std::string(kRoleReceivingOfficer), "agency", "UBND-00004");
  const auto citizen = with("c", std::string(kRoleCitizen), "place", "VN");
  for (const auto& p : {officer, citizen}) {
    EXPECT_FALSE(a.authorize(p, Action::kCreateOfficial, Target{"00004", "UBND-00004"}));
    EXPECT_FALSE(a.authorize(p, Action::kReadOfficial, Target{"00004", "UBND-00004"}));
    EXPECT_FALSE(a.authorize(p, Action::kGrantRole, grant("x", "UBND-00004", "00004", "receiving_officer")));
    EXPECT_FALSE(a.authorize(p, Action::kReadAudit, Target{"00004"}));
  }
}

TEST(Authorizer, ProvinceAdminsCreateAgenciesInTheirProvince) {
  const auto a = make();
  const auto hanoi = with("p", std::string(kRoleProvinceAdmin), "place", "01");
  EXPECT_TRUE(a.authorize(hanoi, Action::kCreateAgency, Target{"00004"}));
  EXPECT_FALSE(a.authorize(hanoi, Action::kCreateAgency, Target{"26740"}));
  EXPECT_FALSE(a.authorize(with("x", std::string(kRoleAgencyAdmin), "agency", "UBND-00004"),
                           Action::kCreateAgency, Target{"00004", "UBND-00004"}));
}

TEST(Authorizer, AdministratorsManageAccountsWhoseRolesTheyCouldGrant) {
  const auto a = make();
  auto account = [](std::string id, std::string agency, std::string place, std::vector<std::string> roles) {
    Target t{std::move(place), std::move(agency), std::move(id)};
    t.held_roles = std::move(roles);
    return t;
  };
  const auto agency_admin = with("adm", std::string(kRoleAgencyAdmin), "agency", "UBND-00004");
  const auto hanoi = with("p", std::string(kRoleProvinceAdmin), "place", "01");
  const auto officer = account("o", "UBND-00004", "00004", {"receiving_officer"});
  const auto peer = account("q", "UBND-00004", "00004", {"agency_admin"});
  EXPECT_TRUE(a.authorize(agency_admin, Action::kManageAccount, officer));
  EXPECT_FALSE(a.authorize(agency_admin, Action::kManageAccount, peer)) << "not a fellow administrator";
  EXPECT_TRUE(a.authorize(hanoi, Action::kManageAccount, peer));
  EXPECT_FALSE(a.authorize(hanoi, Action::kManageAccount, account("s", "UBND-26740", "26740", {})))
      << "another province";
  EXPECT_FALSE(a.authorize(agency_admin, Action::kManageAccount, account("adm", "UBND-00004", "00004", {})))
      << "not themselves";
  EXPECT_FALSE(a.authorize(with("r", std::string(kRoleReceivingOfficer), "agency", "UBND-00004"),
                           Action::kManageAccount, officer));
}

TEST(Authorizer, AuditorsReadTheirPlaces) {
  const auto a = make();
  EXPECT_TRUE(a.authorize(with("a", "auditor", "place", "VN"), Action::kReadAudit, Target{}));
  const auto hcm = with("a", "auditor", "place", "79");
  EXPECT_TRUE(a.authorize(hcm, Action::kReadAudit, Target{"26740"}));
  EXPECT_FALSE(a.authorize(hcm, Action::kReadAudit, Target{"00004"}));
  EXPECT_FALSE(a.authorize(hcm, Action::kReadAudit, Target{})) << "a place auditor must name a place";
}

}  // namespace
}  // namespace sen::identity
