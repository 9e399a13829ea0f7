// Administration: officials and role grants. Every route authenticates, then asks the one
// Authorizer; an object outside the caller's reach answers 404, so its existence is not revealed.
#include <fmt/format.h>

#include <array>
#include <boost/json.hpp>

#include "core/text_fold.hpp"
#include "http/api.hpp"
#include "http/api_support.hpp"
#include "http/authentication.hpp"
#include "http/table_export.hpp"
#include "identity/official_import.hpp"
#include "identity/roles.hpp"
#include "tables/xlsx_reader.hpp"

namespace sen::http {
namespace {

namespace json = boost::json;
using identity::Action;

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

json::object official_json(const identity::AccountView& a, const std::vector<identity::RoleGrant>& roles) {
  return json::object{{"id", a.id},
                      {"username", a.username},
                      {"display_name", a.display_name},
                      {"agency_code", a.agency_code},
                      {"email", a.email},
                      {"locked", a.disabled},
                      {"roles", roles_json(roles)}};
}

// An administrator's action on an official's account (lock, unlock, password reset): the official must
// be visible to the caller and the Authorizer must allow kManageAccount.
Route manage_official(const ApiContext& ctx, std::string action,
                      std::function<Status(const std::string& account_id, const identity::Origin&)> act) {
  return {"POST", "/api/v1/officials/{id}/" + action, [&ctx, act = std::move(act)](const Request& r) {
            auto who = authenticate(r, ctx.accounts, &ctx.write_limiter);
            if (!who) return error_response(who.error(), r);
            auto found = official_in_scope(ctx, *who, std::string(r.path_param("id")), "id");
            if (!found) return error_response(found.error(), r);
            auto roles = ctx.accounts.roles_of(found->account.id);
            if (!roles) return error_response(roles.error(), r);
            identity::Target target{found->agency.place_code, found->agency.code, found->account.id};
            for (const auto& g : *roles) target.held_roles.push_back(g.role);
            if (auto ok = ctx.authorizer.authorize(*who, Action::kManageAccount, target); !ok) {
              return error_response(ok.error(), r);
            }
            if (auto s = act(found->account.id, origin_of(r, &*who)); !s) return error_response(s.error(), r);
            Response res;
            res.status = 204;
            return res;
          }};
}

bool query_flag(const Request& r, std::string_view name) {
  const auto v = r.query_param(name);
  return v && (*v == "true" || *v == "1");
}

json::array import_errors_json(const std::vector<identity::ImportError>& errors) {
  json::array out;
  for (const auto& e : errors) {
    out.push_back(json::object{{"row", e.row}, {"column", e.column}, {"message", e.message}});
  }
  return out;
}

// An import row's agency and roles must be within the caller's administration; an agency outside it is
// answered like an unknown one.
std::optional<identity::ImportError> import_row_allowed(const ApiContext& ctx, const identity::Principal& who,
                                                        const identity::ImportRow& row) {
  const auto& agency = row.official.agency_code;
  if (!ctx.authorizer.authorize(who, Action::kCreateOfficial, {row.place_code, agency})) {
    return identity::ImportError{row.row, "agency", fmt::format("No agency with code '{}'", agency)};
  }
  for (const auto& g : row.official.roles) {
    identity::Target t{row.place_code, agency, "", g.role, "agency", agency, row.place_code};
    if (!ctx.authorizer.authorize(who, Action::kGrantRole, t)) {
      return identity::ImportError{row.row, "roles",
                                   fmt::format("You may not grant {} in {}", g.role, agency)};
    }
  }
  return std::nullopt;
}

}  // namespace

void add_admin_routes(Router& router, const ApiContext& ctx) {
  router.add({"POST", "/api/v1/officials", [&ctx](const Request& r) {
                auto who = authenticate(r, ctx.accounts, &ctx.write_limiter);
                if (!who) return error_response(who.error(), r);
                auto body = parse_json_object_body(r);
                if (!body) return error_response(body.error(), r);
                if (auto members = check_members(*body, {{"username", JsonKind::kString},
                                                         {"display_name", JsonKind::kString},
                                                         {"agency_code", JsonKind::kString},
                                                         {"password", JsonKind::kString},
                                                         {"email", JsonKind::kString}});
                    !members)
                  return error_response(members.error(), r);
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
                     string_member(*body, "password"), string_member(*body, "email")},
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
                auto out = official_json(found->account, *roles);
                out["place_code"] = found->agency.place_code;
                return json_response(out);
              }});

  router.add(
      {"POST", "/api/v1/role-grants", [&ctx](const Request& r) {
         auto who = authenticate(r, ctx.accounts, &ctx.write_limiter);
         if (!who) return error_response(who.error(), r);
         auto body = parse_json_object_body(r);
         if (!body) return error_response(body.error(), r);
         if (auto members = check_members(*body, {{"account_id", JsonKind::kString},
                                                  {"role", JsonKind::kString},
                                                  {"scope_kind", JsonKind::kString},
                                                  {"scope_code", JsonKind::kString}});
             !members)
           return error_response(members.error(), r);
         identity::RoleGrant grant{"", string_member(*body, "role"), string_member(*body, "scope_kind"),
                                   string_member(*body, "scope_code")};
         if (!identity::is_staff_role(grant.role)) {
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
           items.push_back(official_json(o, *roles));
         }
         const auto total = static_cast<std::int64_t>(items.size());
         return json_response(json::object{{"items", std::move(items)}, {"total", total}, {"next", nullptr}});
       }});

  router.add(manage_official(ctx, "lock", [&ctx](const std::string& id, const identity::Origin& o) {
    return ctx.accounts.set_locked(id, true, o);
  }));
  router.add(manage_official(ctx, "unlock", [&ctx](const std::string& id, const identity::Origin& o) {
    return ctx.accounts.set_locked(id, false, o);
  }));
  router.add(manage_official(ctx, "password-reset", [&ctx](const std::string& id, const identity::Origin& o) {
    return ctx.accounts.reset_password(id, o);
  }));

  Route import{
      "POST", "/api/v1/officials/import", [&ctx](const Request& r) {
        auto who = authenticate(r, ctx.accounts, &ctx.write_limiter);
        if (!who) return error_response(who.error(), r);
        const auto type = r.header("content-type").value_or("");
        if (!type.starts_with("text/csv") && !type.starts_with(kXlsxMediaType)) {
          return error_response(
              Error{ErrorCode::kUnsupportedMediaType,
                    fmt::format("Send the file as text/csv or {}", kXlsxMediaType), "content-type"},
              r);
        }
        if (type.starts_with(kXlsxMediaType) != tables::looks_like_xlsx(r.body)) {
          return error_response(Error{ErrorCode::kInvalidArgument,
                                      "The file's content does not match its content-type", "file"},
                                r);
        }
        identity::ImportOptions options;
        options.max_rows = ctx.import_max_rows;
        options.max_unpacked_bytes = ctx.import_max_unpacked_bytes;
        options.dry_run = query_flag(r, "dry_run");
        options.skip_invalid = query_flag(r, "skip_invalid");
        options.check = [&](const identity::ImportRow& row) { return import_row_allowed(ctx, *who, row); };
        auto outcome = identity::import_officials(r.body, ctx.db, ctx.accounts, options, origin_of(r, &*who));
        if (!outcome) return error_response(outcome.error(), r);
        json::object extensions{{"rows", outcome->rows},
                                {"valid", outcome->valid},
                                {"errors", import_errors_json(outcome->errors)}};
        if (!options.dry_run && !options.skip_invalid && !outcome->errors.empty()) {
          const auto& first = outcome->errors.front();
          return error_response(
              Error{ErrorCode::kInvalidArgument,
                    fmt::format("{} row(s) have problems (first: row {}: {}); nothing was imported",
                                outcome->errors.size(), first.row, first.message),
                    first.column.empty() ? "file" : first.column,
                    {}},
              r, std::move(extensions));
        }
        json::array created;
        for (const auto& u : outcome->created) created.push_back(json::string(u));
        extensions["created"] = std::move(created);
        return json_response(extensions, outcome->created.empty() ? 200 : 201);
      }};
  import.body_limit = ctx.import_body_limit_bytes;
  router.add(std::move(import));

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
         if (auto members = check_members(*body, {{"code", JsonKind::kString},
                                                  {"name", JsonKind::kString},
                                                  {"kind", JsonKind::kString},
                                                  {"place_code", JsonKind::kString}});
             !members)
           return error_response(members.error(), r);
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
