// Administration: officials and role grants. Every route authenticates, then asks the one
// Authorizer; an object outside the caller's reach answers 404, so its existence is not revealed.
#include <fmt/format.h>

#include <array>
#include <boost/json.hpp>

#include "core/text_fold.hpp"
#include "http/api.hpp"
#include "http/api_support.hpp"
#include "http/authentication.hpp"
#include "identity/roles.hpp"

namespace sen::http {
namespace {

namespace json = boost::json;
using identity::Action;

constexpr std::array<std::string_view, 8> kStaffRoles = {
    identity::kRoleReceivingOfficer, identity::kRoleProcessingOfficer,
    identity::kRoleApprovingLeader,  identity::kRoleAgencyAdmin,
    identity::kRoleProvinceAdmin,    identity::kRoleNationalAdmin,
    identity::kRoleAuditor,          identity::kRoleAnalyst};

constexpr std::array<std::string_view, 4> kAgencyKinds = {"people_committee", "public_service_center",
                                                          "department", "other"};

Error not_found(std::string what, std::string field) {
  return Error{ErrorCode::kNotFound, std::move(what), std::move(field), {}};
}

json::value roles_json(const std::vector<identity::RoleGrant>& roles) {
  json::array out;
  for (const auto& g : roles) {
    out.push_back(
        json::object{{"id", g.id}, {"role", g.role}, {"scope_kind", g.scope_kind}, {"scope", g.scope_code}});
  }
  return out;
}

// An official visible to `who`: the account, its agency and place; kNotFound otherwise.
struct OfficialInScope {
  identity::AccountView account;
  places::Agency agency;
};
Result<OfficialInScope> official_in_scope(const ApiContext& ctx, const identity::Principal& who,
                                          const std::string& id, std::string_view field) {
  auto account = ctx.accounts.get_account(id);
  if (!account || account->kind != "official")
    return tl::unexpected(not_found("No such official", std::string(field)));
  auto agency = ctx.places.get_agency(account->agency_code);
  if (!agency) return tl::unexpected(agency.error());
  identity::Target target{agency->place_code, agency->code, account->id};
  if (!ctx.authorizer.authorize(who, Action::kReadOfficial, target)) {
    return tl::unexpected(not_found("No such official", std::string(field)));
  }
  return OfficialInScope{*account, *agency};
}

}  // namespace

void add_admin_routes(Router& router, const ApiContext& ctx) {
  router.add({"POST", "/api/v1/officials", [&ctx](const Request& r) {
                auto who = authenticate(r, ctx.accounts, &ctx.write_limiter);
                if (!who) return error_response(who.error(), r);
                auto body = parse_json_object_body(r);
                if (!body) return error_response(body.error(), r);
                const std::string agency_code = string_member(*body, "agency_code");
                auto agency = ctx.places.get_agency(agency_code);
                if (!agency) return error_response(not_found("No such agency", "agency_code"), r);
                if (auto ok = ctx.authorizer.authorize(*who, Action::kCreateOfficial,
                                                       {agency->place_code, agency->code});
                    !ok) {
                  return error_response(ok.error(), r);
                }
                auto created = ctx.accounts.create_official(
                    {string_member(*body, "username"), string_member(*body, "display_name"), agency_code,
                     string_member(*body, "password")},
                    origin_of(r, &*who));
                if (!created) return error_response(created.error(), r);
                return json_response(json::object{{"id", created->id},
                                                  {"username", created->username},
                                                  {"display_name", created->display_name},
                                                  {"agency_code", created->agency_code}},
                                     201);
              }});

  router.add({"GET", "/api/v1/officials/{id}", [&ctx](const Request& r) {
                auto who = authenticate(r, ctx.accounts);
                if (!who) return error_response(who.error(), r);
                auto found = official_in_scope(ctx, *who, std::string(r.path_param("id")), "id");
                if (!found) return error_response(found.error(), r);
                auto roles = ctx.accounts.roles_of(found->account.id);
                if (!roles) return error_response(roles.error(), r);
                return json_response(json::object{{"id", found->account.id},
                                                  {"username", found->account.username},
                                                  {"display_name", found->account.display_name},
                                                  {"agency_code", found->agency.code},
                                                  {"place_code", found->agency.place_code},
                                                  {"roles", roles_json(*roles)}});
              }});

  router.add(
      {"POST", "/api/v1/role-grants", [&ctx](const Request& r) {
         auto who = authenticate(r, ctx.accounts, &ctx.write_limiter);
         if (!who) return error_response(who.error(), r);
         auto body = parse_json_object_body(r);
         if (!body) return error_response(body.error(), r);
         identity::RoleGrant grant{"", string_member(*body, "role"), string_member(*body, "scope_kind"),
                                   string_member(*body, "scope_code")};
         if (std::find(kStaffRoles.begin(), kStaffRoles.end(), grant.role) == kStaffRoles.end()) {
           return error_response(Error{ErrorCode::kInvalidArgument, "role is not a staff role", "role"}, r);
         }
         std::string scope_place;
         if (grant.scope_kind == "agency") {
           auto agency = ctx.places.get_agency(grant.scope_code);
           if (!agency) return error_response(not_found("No such agency", "scope_code"), r);
           scope_place = agency->place_code;
         } else if (grant.scope_kind == "place") {
           if (!ctx.places.get(grant.scope_code)) {
             return error_response(not_found("No such place", "scope_code"), r);
           }
           scope_place = grant.scope_code;
         } else {
           return error_response(
               Error{ErrorCode::kInvalidArgument, "scope_kind must be place or agency", "scope_kind"}, r);
         }
         const std::string account_id = string_member(*body, "account_id");
         if (account_id == who->account_id) {
           return error_response(
               Error{ErrorCode::kForbidden, "Nobody may change their own roles", "account_id"}, r);
         }
         auto target = official_in_scope(ctx, *who, account_id, "account_id");
         if (!target) return error_response(target.error(), r);
         identity::Target t{target->agency.place_code, target->agency.code, account_id, grant.role,
                            grant.scope_kind,          grant.scope_code,    scope_place};
         if (auto ok = ctx.authorizer.authorize(*who, Action::kGrantRole, t); !ok) {
           return error_response(ok.error(), r);
         }
         auto id = ctx.accounts.grant_role(account_id, grant, origin_of(r, &*who));
         if (!id) return error_response(id.error(), r);
         return json_response(json::object{{"id", *id},
                                           {"account_id", account_id},
                                           {"role", grant.role},
                                           {"scope_kind", grant.scope_kind},
                                           {"scope", grant.scope_code}},
                              201);
       }});

  router.add(
      {"GET", "/api/v1/officials", [&ctx](const Request& r) {
         auto who = authenticate(r, ctx.accounts);
         if (!who) return error_response(who.error(), r);
         const std::string code(r.query_param("agency").value_or(""));
         auto agency = ctx.places.get_agency(code);
         if (!agency ||
             !ctx.authorizer.authorize(*who, Action::kReadOfficial, {agency->place_code, agency->code})) {
           return error_response(not_found("No such agency", "agency"), r);
         }
         auto officials = ctx.accounts.officials_of(code);
         if (!officials) return error_response(officials.error(), r);
         json::array items;
         for (const auto& o : *officials) {
           auto roles = ctx.accounts.roles_of(o.id);
           if (!roles) return error_response(roles.error(), r);
           items.push_back(json::object{{"id", o.id},
                                        {"username", o.username},
                                        {"display_name", o.display_name},
                                        {"agency_code", o.agency_code},
                                        {"roles", roles_json(*roles)}});
         }
         const auto total = static_cast<std::int64_t>(items.size());
         return json_response(json::object{{"items", std::move(items)}, {"total", total}, {"next", nullptr}});
       }});

  router.add(
      {"DELETE", "/api/v1/role-grants/{id}", [&ctx](const Request& r) {
         auto who = authenticate(r, ctx.accounts, &ctx.write_limiter);
         if (!who) return error_response(who.error(), r);
         auto grant = ctx.accounts.find_grant(std::string(r.path_param("id")));
         if (!grant) return error_response(grant.error(), r);
         const auto& [account_id, g] = *grant;
         if (account_id == who->account_id) {
           return error_response(Error{ErrorCode::kForbidden, "Nobody may change their own roles", "id"}, r);
         }
         auto target = official_in_scope(ctx, *who, account_id, "id");
         if (!target) return error_response(not_found("No such role grant", "id"), r);
         std::string scope_place = g.scope_code;
         if (g.scope_kind == "agency") {
           auto agency = ctx.places.get_agency(g.scope_code);
           scope_place = agency ? agency->place_code : "";
         }
         identity::Target t{target->agency.place_code,
                            target->agency.code,
                            account_id,
                            g.role,
                            g.scope_kind,
                            g.scope_code,
                            scope_place};
         if (auto ok = ctx.authorizer.authorize(*who, Action::kRevokeRole, t); !ok) {
           return error_response(ok.error(), r);
         }
         if (auto s = ctx.accounts.revoke_role(g.id, origin_of(r, &*who)); !s)
           return error_response(s.error(), r);
         Response res;
         res.status = 204;
         return res;
       }});

  router.add(
      {"POST", "/api/v1/agencies", [&ctx](const Request& r) {
         auto who = authenticate(r, ctx.accounts, &ctx.write_limiter);
         if (!who) return error_response(who.error(), r);
         auto body = parse_json_object_body(r);
         if (!body) return error_response(body.error(), r);
         places::Agency a{string_member(*body, "code"), string_member(*body, "name"),
                          string_member(*body, "kind"), string_member(*body, "place_code")};
         const bool code_ok = a.code.size() >= 2 && a.code.size() <= 32 &&
                              std::all_of(a.code.begin(), a.code.end(), [](char c) {
                                return (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '-';
                              });
         if (!code_ok) {
           return error_response(Error{ErrorCode::kInvalidArgument, "code: 2-32 of A-Z 0-9 -", "code"}, r);
         }
         if (a.name.empty() || utf8_length(a.name) > 200) {
           return error_response(
               Error{ErrorCode::kInvalidArgument, "name must have 1 to 200 characters", "name"}, r);
         }
         if (std::find(kAgencyKinds.begin(), kAgencyKinds.end(), a.kind) == kAgencyKinds.end()) {
           return error_response(
               Error{ErrorCode::kInvalidArgument,
                     "kind must be people_committee, public_service_center, department or other", "kind"},
               r);
         }
         if (!ctx.places.get(a.place_code))
           return error_response(not_found("No such place", "place_code"), r);
         if (auto ok = ctx.authorizer.authorize(*who, Action::kCreateAgency, {a.place_code}); !ok) {
           return error_response(ok.error(), r);
         }
         SystemClock clock;
         auto created = ctx.places.create_agency(a, audit::Entry{who->account_id, r.remote}, clock);
         if (!created) return error_response(created.error(), r);
         return json_response(json::object{{"code", created->code},
                                           {"name", created->name},
                                           {"kind", created->kind},
                                           {"place_code", created->place_code}},
                              201);
       }});
}

}  // namespace sen::http
