#include "identity/account_service.hpp"

#include <fmt/format.h>
#include <sodium.h>

#include <boost/json.hpp>

#include "audit/audit_log.hpp"
#include "core/sha256.hpp"
#include "core/text_fold.hpp"
#include "identity/identity_number.hpp"
#include "identity/roles.hpp"

namespace sen::identity {
namespace {

namespace json = boost::json;

constexpr std::string_view kWrongLogin = "Wrong username or password";

constexpr std::string_view kSelectAccount =
    "SELECT id, kind, username, display_name, id_number, enterprise_code, agency_code FROM accounts";

AccountView to_view(const storage::Row& r) {
  auto text = [&](std::size_t i) { return r.is_null(i) ? std::string() : r.text(i); };
  const std::string id_number = text(4);
  return AccountView{
      r.text(0), r.text(1), r.text(2), r.text(3), id_number.empty() ? "" : mask_id_number(id_number),
      text(5),   text(6)};
}

storage::Value nullable(const std::string& s) {
  return s.empty() ? storage::Value(nullptr) : storage::Value(s);
}

Status audit_entry(storage::Connection& conn, const Clock& clock, const Origin& origin, std::string action,
                   std::string object_type, std::string object_id, std::string place, json::object summary) {
  auto r = audit::append(conn,
                         audit::Entry{origin.actor_id, origin.ip, std::move(action), std::move(object_type),
                                      std::move(object_id), std::move(place), json::serialize(summary)},
                         clock);
  if (!r) return tl::unexpected(r.error());
  return {};
}

Status insert_grant(storage::Connection& conn, const std::string& grant_id, const std::string& account_id,
                    const RoleGrant& g, const std::string& granted_by, const std::string& at) {
  auto ins = conn.execute(
      "INSERT INTO role_grants (id, account_id, role, scope_kind, scope_code, granted_by, created_at) "
      "VALUES ($1, $2, $3, $4, $5, $6, $7)",
      {grant_id, account_id, g.role, g.scope_kind, g.scope_code, nullable(granted_by), at});
  if (!ins) return tl::unexpected(ins.error());
  return {};
}

Result<std::vector<RoleGrant>> active_grants(storage::Connection& conn, const std::string& account_id) {
  auto rows = conn.execute(
      "SELECT id, role, scope_kind, scope_code FROM role_grants WHERE account_id = $1 AND revoked_at IS NULL "
      "ORDER BY created_at, id",
      {account_id});
  if (!rows) return tl::unexpected(rows.error());
  std::vector<RoleGrant> out;
  for (const auto& g : rows->rows) out.push_back({g.text(0), g.text(1), g.text(2), g.text(3)});
  return out;
}

// Self-registered accounts hold their one role nationwide.
Status grant_nationwide(storage::Connection& conn, const std::string& account_id, std::string_view role,
                        const std::string& at) {
  return insert_grant(conn, random_token(16), account_id, RoleGrant{"", std::string(role), "place", "VN"}, "",
                      at);
}

bool valid_username(std::string_view u) {
  if (u.size() < 3 || u.size() > 64) return false;
  return std::all_of(u.begin(), u.end(), [](char c) {
    return (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '.' || c == '_' || c == '-';
  });
}

Status check_display_name(const std::string& name) {
  if (name.empty() || utf8_length(name) > 200) {
    return fail(ErrorCode::kInvalidArgument, "display_name must have 1 to 200 characters", "display_name");
  }
  return {};
}

}  // namespace

std::string random_token(std::size_t bytes) {
  std::string raw(bytes, '\0');
  randombytes_buf(raw.data(), raw.size());
  std::string out(sodium_base64_encoded_len(bytes, sodium_base64_VARIANT_URLSAFE_NO_PADDING), '\0');
  sodium_bin2base64(out.data(), out.size(), reinterpret_cast<const unsigned char*>(raw.data()), raw.size(),
                    sodium_base64_VARIANT_URLSAFE_NO_PADDING);
  out.resize(std::strlen(out.c_str()));
  return out;
}

AccountService::AccountService(storage::Database& db, const Clock& clock, AuthConfig config)
    : db_(db),
      clock_(clock),
      config_(config),
      cost_{static_cast<unsigned long long>(config.password_hash_ops),
            static_cast<std::size_t>(config.password_hash_memory_kib) * 1024},
      principals_(static_cast<std::size_t>(config.principal_cache_entries),
                  std::chrono::milliseconds(config.principal_cache_ms)) {}

std::string AccountService::now() const { return format_rfc3339(clock_.now(), 0); }
std::string AccountService::later(std::chrono::minutes delta) const {
  return format_rfc3339(clock_.now() + delta, 0);
}

Result<AccountView> AccountService::register_account(const Registration& r, const Origin& origin) {
  std::string username;
  if (r.kind == "citizen") {
    if (auto s = validate_id_number(r.id_number); !s) return tl::unexpected(s.error());
    username = r.id_number;
  } else if (r.kind == "business") {
    if (auto s = validate_enterprise_code(r.enterprise_code); !s) return tl::unexpected(s.error());
    if (!valid_username(r.username)) {
      return fail(ErrorCode::kInvalidArgument, "username: 3-64 of a-z 0-9 . _ -", "username");
    }
    username = r.username;
  } else {
    return fail(ErrorCode::kInvalidArgument, "kind must be citizen or business", "kind");
  }
  if (auto s = check_display_name(r.display_name); !s) return tl::unexpected(s.error());
  if (auto s = check_password_policy(r.password, username); !s) return tl::unexpected(s.error());
  auto hash = hash_password(r.password, cost_);
  if (!hash) return tl::unexpected(hash.error());
  const std::string id = random_token(16);
  auto created = db_.write_transaction([&](storage::Connection& conn) -> Result<int> {
    auto ins = conn.execute(
        "INSERT INTO accounts (id, kind, username, display_name, id_number, enterprise_code, password_hash, "
        "created_at) VALUES ($1, $2, $3, $4, $5, $6, $7, $8)",
        {id, r.kind, username, r.display_name, nullable(r.kind == "citizen" ? r.id_number : ""),
         nullable(r.enterprise_code), *hash, now()});
    if (!ins) {
      auto e = ins.error();
      if (e.code == ErrorCode::kConflict) {
        e.message = "An account with this username or identification number already exists";
        e.field = r.kind == "citizen" ? "id_number" : "username";
      }
      return tl::unexpected(e);
    }
    json::object summary{{"kind", r.kind},
                         {"username", r.kind == "citizen" ? mask_id_number(username) : username}};
    if (auto s =
            audit_entry(conn, clock_, Origin{id, origin.ip}, "account.register", "account", id, "", summary);
        !s) {
      return tl::unexpected(s.error());
    }
    return grant_nationwide(conn, id, r.kind == "citizen" ? kRoleCitizen : kRoleBusinessRep, now()).map([] {
      return 1;
    });
  });
  if (!created) return tl::unexpected(created.error());
  return get_account(id);
}

Result<AccountView> AccountService::create_official(const NewOfficial& o, const Origin& origin) {
  if (!valid_username(o.username)) {
    return fail(ErrorCode::kInvalidArgument, "username: 3-64 of a-z 0-9 . _ -", "username");
  }
  if (auto s = check_display_name(o.display_name); !s) return tl::unexpected(s.error());
  if (auto s = check_password_policy(o.password, o.username); !s) return tl::unexpected(s.error());
  auto hash = hash_password(o.password, cost_);
  if (!hash) return tl::unexpected(hash.error());
  const std::string id = random_token(16);
  auto created = db_.write_transaction([&](storage::Connection& conn) -> Result<int> {
    auto agency = conn.execute("SELECT place_code FROM agencies WHERE code = $1", {o.agency_code});
    if (!agency) return tl::unexpected(agency.error());
    if (agency->rows.empty()) {
      return fail(ErrorCode::kNotFound, fmt::format("No agency with code '{}'", o.agency_code),
                  "agency_code");
    }
    auto ins = conn.execute(
        "INSERT INTO accounts (id, kind, username, display_name, agency_code, password_hash, created_at) "
        "VALUES ($1, 'official', $2, $3, $4, $5, $6)",
        {id, o.username, o.display_name, o.agency_code, *hash, now()});
    if (!ins) {
      auto e = ins.error();
      if (e.code == ErrorCode::kConflict) {
        e.message = "This username is taken";
        e.field = "username";
      }
      return tl::unexpected(e);
    }
    if (auto s = audit_entry(conn, clock_, origin, "account.create_official", "account", id,
                             agency->rows[0].text(0), {{"username", o.username}, {"agency", o.agency_code}});
        !s) {
      return tl::unexpected(s.error());
    }
    return 1;
  });
  if (!created) return tl::unexpected(created.error());
  return get_account(id);
}

Result<AccountView> AccountService::external_citizen(const std::string& subject, const std::string& id_number,
                                                     const std::string& name, const Origin& origin) {
  if (auto s = validate_id_number(id_number, "id_number"); !s) {
    return fail(ErrorCode::kUnauthenticated, "The identity provider gave no valid identification number");
  }
  std::string id;
  auto linked = db_.write_transaction([&](storage::Connection& conn) -> Result<int> {
    auto found =
        conn.execute("SELECT id, oidc_subject FROM accounts WHERE oidc_subject = $1 OR id_number = $2",
                     {subject, id_number});
    if (!found) return tl::unexpected(found.error());
    if (!found->rows.empty()) {
      id = found->rows[0].text(0);
      if (found->rows[0].is_null(1)) {
        auto link = conn.execute("UPDATE accounts SET oidc_subject = $1 WHERE id = $2", {subject, id});
        if (!link) return tl::unexpected(link.error());
        return audit_entry(conn, clock_, Origin{id, origin.ip}, "account.link_external", "account", id, "",
                           {})
            .map([] { return 1; });
      }
      return 0;
    }
    id = random_token(16);
    auto ins = conn.execute(
        "INSERT INTO accounts (id, kind, username, display_name, id_number, oidc_subject, created_at) "
        "VALUES ($1, 'citizen', $2, $3, $2, $4, $5)",
        {id, id_number, name.empty() ? mask_id_number(id_number) : name, subject, now()});
    if (!ins) return tl::unexpected(ins.error());
    if (auto grant = grant_nationwide(conn, id, kRoleCitizen, now()); !grant)
      return tl::unexpected(grant.error());
    return audit_entry(conn, clock_, Origin{id, origin.ip}, "account.register_external", "account", id, "",
                       {{"kind", "citizen"}, {"username", mask_id_number(id_number)}})
        .map([] { return 1; });
  });
  if (!linked) return tl::unexpected(linked.error());
  return get_account(id);
}

Result<Session> AccountService::login(const std::string& username, const std::string& password,
                                      const Origin& origin) {
  auto conn = db_.acquire();
  if (!conn) return tl::unexpected(conn.error());
  auto rows = (*conn)->execute(
      "SELECT id, password_hash, failed_logins, locked_until FROM accounts WHERE username = $1", {username});
  if (!rows) return tl::unexpected(rows.error());
  const bool exists = !rows->rows.empty() && !rows->rows[0].is_null(1);
  // Always one Argon2id verification, so unknown accounts cost the same time as known ones.
  const bool password_ok = verify_password(exists ? rows->rows[0].text(1) : decoy_hash(cost_), password);
  if (!exists) return fail(ErrorCode::kUnauthenticated, std::string(kWrongLogin));
  const auto& row = rows->rows[0];
  const std::string id = row.text(0);
  const std::string current = now();
  const bool locked = !row.is_null(3) && row.text(3) > current;
  if (locked) return fail(ErrorCode::kUnauthenticated, std::string(kWrongLogin));
  if (!password_ok) {
    const std::int64_t failures = row.integer(2) + 1;
    const bool lock = failures >= config_.max_failed_logins;
    auto update = db_.write_transaction([&](storage::Connection& c) -> Result<int> {
      auto u = c.execute("UPDATE accounts SET failed_logins = $1, locked_until = $2 WHERE id = $3",
                         {lock ? std::int64_t{0} : failures,
                          lock ? storage::Value(later(std::chrono::minutes(config_.lockout_minutes)))
                               : storage::Value(nullptr),
                          id});
      if (!u) return tl::unexpected(u.error());
      if (lock) {
        return audit_entry(c, clock_, Origin{"", origin.ip}, "account.lock", "account", id, "",
                           {{"failed_logins", failures}, {"minutes", config_.lockout_minutes}})
            .map([] { return 1; });
      }
      return 0;
    });
    if (!update) return tl::unexpected(update.error());
    return fail(ErrorCode::kUnauthenticated, std::string(kWrongLogin));
  }
  return start_session(id, origin);
}

Result<Session> AccountService::start_session(const std::string& account_id, const Origin& origin) {
  return db_.write_transaction([&](storage::Connection& conn) -> Result<Session> {
    auto reset = conn.execute("UPDATE accounts SET failed_logins = 0, locked_until = NULL WHERE id = $1",
                              {account_id});
    if (!reset) return tl::unexpected(reset.error());
    return issue(conn, account_id, "session", "", Origin{account_id, origin.ip});
  });
}

Result<Session> AccountService::issue(storage::Connection& conn, const std::string& account_id,
                                      const std::string& kind, const std::string& name,
                                      const Origin& origin) {
  Session s;
  s.secret = random_token(32);
  s.credential_id = random_token(12);
  s.csrf_token = kind == "session" ? random_token(24) : "";
  s.expires_at = kind == "session" ? later(std::chrono::minutes(config_.session_ttl_minutes))
                                   : later(std::chrono::hours(24 * config_.token_ttl_days));
  auto ins = conn.execute(
      "INSERT INTO credentials (id, account_id, kind, secret_hash, csrf_token, name, created_at, expires_at) "
      "VALUES ($1, $2, $3, $4, $5, $6, $7, $8)",
      {s.credential_id, account_id, kind, sha256_hex(s.secret), nullable(s.csrf_token), nullable(name), now(),
       s.expires_at});
  if (!ins) return tl::unexpected(ins.error());
  if (auto a = audit_entry(conn, clock_, origin, kind == "session" ? "session.start" : "token.create", kind,
                           s.credential_id, "", {{"account", account_id}, {"expires_at", s.expires_at}});
      !a) {
    return tl::unexpected(a.error());
  }
  return s;
}

Status AccountService::logout(const Principal& who, const Origin& origin) {
  return this
      ->write_revoking([&](storage::Connection& conn) -> Result<int> {
        auto r = conn.execute("UPDATE credentials SET revoked_at = $1 WHERE id = $2 AND revoked_at IS NULL",
                              {now(), who.credential_id});
        if (!r) return tl::unexpected(r.error());
        return audit_entry(conn, clock_, origin, "session.end", "session", who.credential_id, "", {}).map([] {
          return 1;
        });
      })
      .map([](int) {});
}

Result<Session> AccountService::create_token(const Principal& who, const std::string& name,
                                             const Origin& origin) {
  if (name.empty() || utf8_length(name) > 100) {
    return fail(ErrorCode::kInvalidArgument, "name must have 1 to 100 characters", "name");
  }
  return db_.write_transaction(
      [&](storage::Connection& conn) { return issue(conn, who.account_id, "token", name, origin); });
}

Result<std::vector<TokenInfo>> AccountService::list_tokens(const Principal& who) {
  auto conn = db_.acquire();
  if (!conn) return tl::unexpected(conn.error());
  auto rows = (*conn)->execute(
      "SELECT id, name, created_at, expires_at FROM credentials WHERE account_id = $1 AND kind = 'token' AND "
      "revoked_at IS NULL AND expires_at > $2 ORDER BY created_at",
      {who.account_id, now()});
  if (!rows) return tl::unexpected(rows.error());
  std::vector<TokenInfo> out;
  for (const auto& r : rows->rows) out.push_back({r.text(0), r.text(1), r.text(2), r.text(3)});
  return out;
}

Status AccountService::revoke_token(const Principal& who, const std::string& token_id, const Origin& origin) {
  return this
      ->write_revoking([&](storage::Connection& conn) -> Result<int> {
        // Scoped to the owner: another account's token id is simply not found.
        auto r = conn.execute(
            "UPDATE credentials SET revoked_at = $1 WHERE id = $2 AND account_id = $3 AND kind = 'token' AND "
            "revoked_at IS NULL",
            {now(), token_id, who.account_id});
        if (!r) return tl::unexpected(r.error());
        if (r->affected_rows == 0) {
          return fail(ErrorCode::kNotFound, fmt::format("No token '{}'", token_id), "id");
        }
        return audit_entry(conn, clock_, origin, "token.revoke", "token", token_id, "", {}).map([] {
          return 1;
        });
      })
      .map([](int) {});
}

std::optional<Principal> AccountService::resolve_cached(const std::string& secret, bool via_session) {
  if (!principals_.enabled()) return std::nullopt;
  auto hit = principals_.get(sha256_hex(secret));
  if (!hit || hit->principal->via_session != via_session || hit->expires_at <= now()) return std::nullopt;
  return *hit->principal;
}

Result<Principal> AccountService::resolve(const std::string& secret, bool via_session) {
  if (auto hit = resolve_cached(secret, via_session)) return *hit;
  const std::string secret_hash = sha256_hex(secret);
  auto conn = db_.acquire();
  if (!conn) return tl::unexpected(conn.error());
  auto rows = (*conn)->execute(
      "SELECT c.id, c.kind, c.csrf_token, a.id, a.kind, a.username, a.display_name, a.agency_code, "
      "c.expires_at FROM credentials c JOIN accounts a ON a.id = c.account_id "
      "WHERE c.secret_hash = $1 AND c.revoked_at IS NULL AND c.expires_at > $2",
      {secret_hash, now()});
  if (!rows) return tl::unexpected(rows.error());
  if (rows->rows.empty() || (rows->rows[0].text(1) == "session") != via_session) {
    return fail(ErrorCode::kUnauthenticated,
                "Sign in again: the session or token is unknown, expired or revoked");
  }
  const auto& r = rows->rows[0];
  Principal p;
  p.credential_id = r.text(0);
  p.via_session = via_session;
  p.csrf_token = r.is_null(2) ? "" : r.text(2);
  p.account_id = r.text(3);
  p.kind = r.text(4);
  p.username = r.text(5);
  p.display_name = r.text(6);
  p.agency_code = r.is_null(7) ? "" : r.text(7);
  auto grants = active_grants(**conn, p.account_id);
  if (!grants) return tl::unexpected(grants.error());
  p.roles = std::move(*grants);
  principals_.put(secret_hash, CachedPrincipal{std::make_shared<const Principal>(p), r.text(8)});
  return p;
}

Result<AccountView> AccountService::get_account(const std::string& account_id) {
  auto conn = db_.acquire();
  if (!conn) return tl::unexpected(conn.error());
  auto rows = (*conn)->execute(fmt::format("{} WHERE id = $1", kSelectAccount), {account_id});
  if (!rows) return tl::unexpected(rows.error());
  if (rows->rows.empty()) return fail(ErrorCode::kNotFound, "No such account", "id");
  return to_view(rows->rows[0]);
}

Result<std::string> AccountService::grant_role(const std::string& account_id, const RoleGrant& grant,
                                               const Origin& origin) {
  const std::string id = random_token(16);
  auto done = write_revoking([&](storage::Connection& conn) -> Result<int> {
    if (auto ins = insert_grant(conn, id, account_id, grant, origin.actor_id, now()); !ins) {
      return tl::unexpected(ins.error());
    }
    return audit_entry(
               conn, clock_, origin, "role.grant", "account", account_id,
               grant.scope_kind == "place" ? grant.scope_code : "",
               {{"role", grant.role}, {"scope", grant.scope_kind + ":" + grant.scope_code}, {"grant", id}})
        .map([] { return 1; });
  });
  if (!done) return tl::unexpected(done.error());
  return id;
}

Result<std::vector<RoleGrant>> AccountService::roles_of(const std::string& account_id) {
  auto conn = db_.acquire();
  if (!conn) return tl::unexpected(conn.error());
  return active_grants(**conn, account_id);
}

Result<std::vector<AccountView>> AccountService::officials_of(const std::string& agency_code) {
  auto conn = db_.acquire();
  if (!conn) return tl::unexpected(conn.error());
  auto rows = (*conn)->execute(
      fmt::format("{} WHERE kind = 'official' AND agency_code = $1 ORDER BY username LIMIT 1000",
                  kSelectAccount),
      {agency_code});
  if (!rows) return tl::unexpected(rows.error());
  std::vector<AccountView> out;
  for (const auto& r : rows->rows) out.push_back(to_view(r));
  return out;
}

Result<std::pair<std::string, RoleGrant>> AccountService::find_grant(const std::string& grant_id) {
  auto conn = db_.acquire();
  if (!conn) return tl::unexpected(conn.error());
  auto rows = (*conn)->execute(
      "SELECT account_id, id, role, scope_kind, scope_code FROM role_grants WHERE id = $1 AND revoked_at IS "
      "NULL",
      {grant_id});
  if (!rows) return tl::unexpected(rows.error());
  if (rows->rows.empty()) return fail(ErrorCode::kNotFound, "No such role grant", "id");
  const auto& r = rows->rows[0];
  return std::make_pair(r.text(0), RoleGrant{r.text(1), r.text(2), r.text(3), r.text(4)});
}

Status AccountService::revoke_role(const std::string& grant_id, const Origin& origin) {
  return this
      ->write_revoking([&](storage::Connection& conn) -> Result<int> {
        auto r = conn.execute(
            "UPDATE role_grants SET revoked_at = $1 WHERE id = $2 AND revoked_at IS NULL RETURNING "
            "account_id, role, "
            "scope_kind, scope_code",
            {now(), grant_id});
        if (!r) return tl::unexpected(r.error());
        if (r->rows.empty()) return fail(ErrorCode::kNotFound, "No such role grant", "id");
        const auto& row = r->rows[0];
        return audit_entry(
                   conn, clock_, origin, "role.revoke", "account", row.text(0),
                   row.text(2) == "place" ? row.text(3) : "",
                   {{"role", row.text(1)}, {"scope", row.text(2) + ":" + row.text(3)}, {"grant", grant_id}})
            .map([] { return 1; });
      })
      .map([](int) {});
}

}  // namespace sen::identity
