// /api/v1/auth, /api/v1/me and /api/v1/audit: thin adapters over identity::AccountService and the audit log.
#include <fmt/format.h>

#include <boost/json.hpp>
#include <map>

#include "audit/audit_log.hpp"
#include "audit/audit_table.hpp"
#include "core/clock.hpp"
#include "core/json_parse.hpp"
#include "http/api.hpp"
#include "http/api_support.hpp"
#include "http/authentication.hpp"
#include "http/table_export.hpp"
#include "identity/roles.hpp"

namespace sen::http {
namespace {

namespace json = boost::json;

// The audit log's filters, each checked, and whether the caller may read the log of that place. Any
// parameter besides the filters and `extra` is a 400 naming it.
Result<audit::Query> audit_query(const Request& r, const identity::Principal& who,
                                 const identity::Authorizer& authorizer,
                                 std::span<const std::string_view> extra) {
  static constexpr std::string_view kFilters[] = {"object_type", "object_id", "actor", "place",
                                                  "from",        "to",        "action"};
  if (auto ok = check_query_names(r, {kFilters, extra}); !ok) return tl::unexpected(ok.error());
  auto param = [&](std::string_view n) { return std::string(r.query_param(n).value_or("")); };
  audit::Query q{param("object_type"), param("object_id"), param("actor"), param("place"), {}, {},
                 param("action")};
  for (auto [name, bound] : {std::pair{"from", &q.from}, std::pair{"to", &q.to}}) {
    const auto text = r.query_param(name);
    if (!text) continue;
    *bound = parse_rfc3339(*text);
    if (!*bound) {
      return fail(ErrorCode::kInvalidArgument,
                  std::string(name) + " must be an RFC 3339 time, e.g. 2026-12-01T08:00:00+07:00", name);
    }
  }
  if (auto allowed = authorizer.authorize(who, identity::Action::kReadAudit, {q.place_code}); !allowed) {
    auto e = allowed.error();
    e.field = "place";
    return tl::unexpected(e);
  }
  return q;
}

constexpr std::string_view kOidcCookie = "sen_oidc";

// How an account is named to others: a citizen's username is their identity number, shown masked.
std::string shown_username(const identity::AccountView& a) {
  return a.kind == "citizen" ? a.id_number_masked : a.username;
}

json::value account_json(const identity::AccountView& a) {
  json::object o{
      {"id", a.id}, {"kind", a.kind}, {"username", shown_username(a)}, {"display_name", a.display_name}};
  if (!a.id_number_masked.empty()) o["id_number"] = a.id_number_masked;
  if (!a.enterprise_code.empty()) o["enterprise_code"] = a.enterprise_code;
  if (!a.agency_code.empty()) o["agency_code"] = a.agency_code;
  return o;
}

}  // namespace

void add_auth_routes(Router& router, const ApiContext& ctx) {
  auto& accounts = ctx.accounts;
  auto& limiter = ctx.client_limiter;
  auto& account_limiter = ctx.account_limiter;
  auto& db = ctx.db;

  router.add({"POST", "/api/v1/auth/register", [&accounts, &limiter](const Request& r) {
                if (auto admitted = admit({{limiter, "register:" + r.remote}}, "attempts"); !admitted)
                  return error_response(admitted.error(), r);
                auto body = parse_json_object_body(r);
                if (!body) return error_response(body.error(), r);
                if (auto members = check_members(*body, {{"kind", JsonKind::kString},
                                                         {"id_number", JsonKind::kString},
                                                         {"enterprise_code", JsonKind::kString},
                                                         {"username", JsonKind::kString},
                                                         {"display_name", JsonKind::kString},
                                                         {"password", JsonKind::kString}});
                    !members)
                  return error_response(members.error(), r);
                identity::Registration reg{string_member(*body, "kind"),
                                           string_member(*body, "id_number"),
                                           string_member(*body, "enterprise_code"),
                                           string_member(*body, "username"),
                                           string_member(*body, "display_name"),
                                           string_member(*body, "password")};
                auto account = accounts.register_account(reg, origin_of(r));
                if (!account) return error_response(account.error(), r);
                return json_response(account_json(*account), 201);
              }});

  router.add(
      {"POST", "/api/v1/auth/login",
       [&accounts, &limiter, &account_limiter, max_age = ctx.session_max_age_seconds](const Request& r) {
         auto body = parse_json_object_body(r);
         if (!body) return error_response(body.error(), r);
         // A body without a username or password is malformed, whichever account it names: the 400
         // says which field, and reveals nothing about the account.
         if (auto members = check_members(*body, {{"username", JsonKind::kString, true},
                                                  {"password", JsonKind::kString, true},
                                                  {"token", JsonKind::kBool}});
             !members)
           return error_response(members.error(), r);
         const std::string username = string_member(*body, "username");
         // Both keys are counted whether or not the account exists, so 429 reveals nothing.
         if (auto admitted = admit({{limiter, "login:" + r.remote}, {account_limiter, username}}, "attempts");
             !admitted)
           return error_response(admitted.error(), r);
         auto session = accounts.login(username, string_member(*body, "password"), origin_of(r));
         if (!session) return error_response(session.error(), r);
         auto who = accounts.resolve(session->secret, true);
         if (!who) return error_response(who.error(), r);
         json::object out{{"account_id", who->account_id},
                          {"display_name", who->display_name},
                          {"csrf_token", session->csrf_token},
                          {"expires_at", session->expires_at},
                          {"password_change_required", session->password_change_required}};
         // No API token until the password is the account holder's own.
         const auto* want_token = body->if_contains("token");
         if (want_token && want_token->is_bool() && want_token->as_bool() &&
             !session->password_change_required) {
           auto token = accounts.create_token(*who, "login", origin_of(r, &*who));
           if (!token) return error_response(token.error(), r);
           out["token"] = token->secret;
         }
         auto res = json_response(out);
         res.headers.emplace_back("Set-Cookie", session_cookie(session->secret, max_age));
         return res;
       }});

  router.add({"POST", "/api/v1/auth/logout", [&accounts, &writes = ctx.write_limiter](const Request& r) {
                auto who = authenticate(r, accounts, &writes, PendingChange::kAllow);
                if (!who) return error_response(who.error(), r);
                if (auto s = accounts.logout(*who, origin_of(r, &*who)); !s)
                  return error_response(s.error(), r);
                Response res;
                res.status = 204;
                res.headers.emplace_back("Set-Cookie", session_cookie("", 0));
                return res;
              }});

  router.add({"GET", "/api/v1/me", [&accounts](const Request& r) {
                auto who = authenticate(r, accounts, nullptr, PendingChange::kAllow);
                if (!who) return error_response(who.error(), r);
                auto account = accounts.get_account(who->account_id);
                if (!account) return error_response(account.error(), r);
                json::object out = account_json(*account).as_object();
                json::array roles;
                for (const auto& g : who->roles) {
                  roles.push_back(
                      json::object{{"role", g.role}, {"scope_kind", g.scope_kind}, {"scope", g.scope_code}});
                }
                out["roles"] = std::move(roles);
                out["password_change_required"] = who->password_change_required;
                if (who->via_session) out["csrf_token"] = who->csrf_token;
                return json_response(out);
              }});

  router.add(
      {"POST", "/api/v1/me/password", [&accounts, &writes = ctx.write_limiter](const Request& r) {
         auto who = authenticate(r, accounts, &writes, PendingChange::kAllow);
         if (!who) return error_response(who.error(), r);
         auto body = parse_json_object_body(r);
         if (!body) return error_response(body.error(), r);
         if (auto members = check_members(
                 *body, {{"current_password", JsonKind::kString}, {"new_password", JsonKind::kString}});
             !members)
           return error_response(members.error(), r);
         if (auto s = accounts.change_password(*who, string_member(*body, "current_password"),
                                               string_member(*body, "new_password"), origin_of(r, &*who));
             !s) {
           return error_response(s.error(), r);
         }
         Response res;
         res.status = 204;
         return res;
       }});

  router.add({"POST", "/api/v1/me/tokens", [&accounts, &writes = ctx.write_limiter](const Request& r) {
                auto who = authenticate(r, accounts, &writes);
                if (!who) return error_response(who.error(), r);
                auto body = parse_json_object_body(r);
                if (!body) return error_response(body.error(), r);
                if (auto members = check_members(*body, {{"name", JsonKind::kString}}); !members)
                  return error_response(members.error(), r);
                auto token = accounts.create_token(*who, string_member(*body, "name"), origin_of(r, &*who));
                if (!token) return error_response(token.error(), r);
                return json_response(json::object{{"id", token->credential_id},
                                                  {"token", token->secret},
                                                  {"expires_at", token->expires_at}},
                                     201);
              }});

  router.add(
      {"GET", "/api/v1/me/tokens", [&accounts](const Request& r) {
         auto who = authenticate(r, accounts);
         if (!who) return error_response(who.error(), r);
         auto tokens = accounts.list_tokens(*who);
         if (!tokens) return error_response(tokens.error(), r);
         json::array items;
         for (const auto& t : *tokens) {
           items.push_back(json::object{
               {"id", t.id}, {"name", t.name}, {"created_at", t.created_at}, {"expires_at", t.expires_at}});
         }
         return json_response(json::object{{"items", std::move(items)}});
       }});

  router.add(
      {"DELETE", "/api/v1/me/tokens/{id}", [&accounts, &writes = ctx.write_limiter](const Request& r) {
         auto who = authenticate(r, accounts, &writes);
         if (!who) return error_response(who.error(), r);
         if (auto s = accounts.revoke_token(*who, std::string(r.path_param("id")), origin_of(r, &*who)); !s) {
           return error_response(s.error(), r);
         }
         Response res;
         res.status = 204;
         return res;
       }});

  router.add({"GET", "/api/v1/auth/providers",
              [oidc = ctx.oidc, name = ctx.oidc_name](const Request&) {
                return json_response(json::object{{"oidc", oidc != nullptr}, {"name", oidc ? name : ""}});
              },
              Execution::kInline});

  // External sign-in: the browser is sent to the provider with a key in a short-lived cookie (SameSite=Lax,
  // so it comes back on the provider's top-level redirect), and the callback completes the login once.
  router.add({"GET", "/api/v1/auth/oidc/start", [oidc = ctx.oidc](const Request& r) {
                if (oidc == nullptr) {
                  return error_response(
                      Error{ErrorCode::kNotFound, "No external identity provider is configured"}, r);
                }
                auto started = oidc->start();
                if (!started) return error_response(started.error(), r);
                Response res;
                res.status = 302;
                res.headers.emplace_back("Location", started->redirect_url);
                res.headers.emplace_back(
                    "Set-Cookie",
                    fmt::format("{}={}; Path=/api/v1/auth/oidc; HttpOnly; Secure; SameSite=Lax; Max-Age=600",
                                kOidcCookie, started->browser_key));
                return res;
              }});
  router.add(
      {"GET", "/api/v1/auth/oidc/callback",
       [oidc = ctx.oidc, &accounts, max_age = ctx.session_max_age_seconds](const Request& r) {
         if (oidc == nullptr) {
           return error_response(Error{ErrorCode::kNotFound, "No external identity provider is configured"},
                                 r);
         }
         auto finish = [&]() -> Result<identity::Session> {
           const auto key = cookie_value(r, kOidcCookie);
           if (!key) return fail(ErrorCode::kUnauthenticated, "The sign-in cookie is missing; start again");
           auto verified =
               oidc->finish(*key, r.query_param("state").value_or(""), r.query_param("code").value_or(""));
           if (!verified) return tl::unexpected(verified.error());
           auto account = accounts.external_citizen(verified->subject, verified->id_number.value_or(""),
                                                    verified->name, origin_of(r));
           if (!account) return tl::unexpected(account.error());
           return accounts.start_session(account->id, origin_of(r));
         };
         Response res;
         res.status = 302;
         res.headers.emplace_back("Set-Cookie", fmt::format("{}=; Path=/api/v1/auth/oidc; HttpOnly; Secure; "
                                                            "SameSite=Lax; Max-Age=0",
                                                            kOidcCookie));
         auto session = finish();
         if (!session) {
           (void)error_response(session.error(), r);  // logs the internal detail
           res.headers.emplace_back("Location", "/#/sign-in?error=external");
           return res;
         }
         res.headers.emplace_back("Set-Cookie", session_cookie(session->secret, max_age));
         res.headers.emplace_back("Location", "/#/account");
         return res;
       }});

  router.add({"GET", "/api/v1/audit", [&accounts, &authorizer = ctx.authorizer, &db](const Request& r) {
                static constexpr std::string_view kListParams[] = {"limit", "cursor", "order"};
                auto who = authenticate(r, accounts);
                if (!who) return error_response(who.error(), r);
                auto q = audit_query(r, *who, authorizer, kListParams);
                if (!q) return error_response(q.error(), r);
                const auto order = r.query_param("order").value_or("oldest");
                if (order != "oldest" && order != "newest") {
                  return error_response(
                      Error{ErrorCode::kInvalidArgument, "order must be oldest or newest", "order"}, r);
                }
                q->newest_first = order == "newest";
                auto page = parse_page_request(r);
                if (!page) return error_response(page.error(), r);
                auto result = audit::query(db, *q, *page);
                if (!result) return error_response(result.error(), r);
                // Who acted, as people know them; looked up once per actor on the page.
                std::map<std::string, json::object> actors;
                for (const auto& e : result->items) {
                  if (e.entry.actor_id.empty() || actors.contains(e.entry.actor_id)) continue;
                  auto account = accounts.get_account(e.entry.actor_id);
                  if (!account) return error_response(account.error(), r);
                  actors.emplace(e.entry.actor_id, json::object{{"username", shown_username(*account)},
                                                                {"display_name", account->display_name}});
                }
                return list_response(*result, [&actors](const audit::StoredEntry& e) {
                  auto actor = actors.find(e.entry.actor_id);
                  return json::object{{"seq", e.seq},
                                      {"at", e.at},
                                      {"actor", e.entry.actor_id},
                                      {"actor_account", actor == actors.end() ? json::value(nullptr)
                                                                              : json::value(actor->second)},
                                      {"ip", e.entry.actor_ip},
                                      {"action", e.entry.action},
                                      {"object_type", e.entry.object_type},
                                      {"object_id", e.entry.object_id},
                                      {"place", e.entry.place_code},
                                      {"summary", parse_json(e.entry.summary)},
                                      {"hash", e.hash}};
                });
              }});
  router.add({"GET", "/api/v1/audit/export", [&ctx](const Request& r) {
                auto who = authenticate(r, ctx.accounts);
                if (!who) return error_response(who.error(), r);
                auto q = audit_query(r, *who, ctx.authorizer, kExportParams);
                if (!q) return error_response(q.error(), r);
                auto format = table_format_param(r);
                if (!format) return error_response(format.error(), r);
                auto lang = language_param(r);
                if (!lang) return error_response(lang.error(), r);
                auto actor_name = [&ctx](const std::string& id) -> Result<std::string> {
                  auto account = ctx.accounts.get_account(id);
                  if (!account) return tl::unexpected(account.error());
                  return shown_username(*account);
                };
                return table_download(audit::audit_table(ctx.db, *q, *lang, ctx.export_max_rows, actor_name),
                                      *format, "nhat-ky-kiem-toan", ctx.scratch_dir, r);
              }});
}

}  // namespace sen::http
