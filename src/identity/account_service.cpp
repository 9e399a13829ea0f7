#include "identity/account_service.hpp"

#include <fmt/format.h>
#include <sodium.h>

#include <algorithm>
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
    "SELECT id, kind, username, display_name, id_number_masked, enterprise_code, agency_code, email, "
    "disabled_at "
    "FROM accounts";

AccountView to_view(const storage::Row& r) {
  auto text = [&](std::size_t i) { return r.is_null(i) ? std::string() : r.text(i); };
  return AccountView{r.text(0), r.text(1), r.text(2), r.text(3),    text(4),
                     text(5),   text(6),   text(7),   !r.is_null(8)};
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

// The place an account's changes are filed under in the audit log (its agency's); kNotFound if none.
Result<std::string> account_place(storage::Connection& conn, const std::string& account_id) {
  auto rows = conn.execute(
      "SELECT g.place_code FROM accounts a LEFT JOIN agencies g ON g.code = a.agency_code WHERE a.id = $1",
      {account_id});
  if (!rows) return tl::unexpected(rows.error());
  if (rows->rows.empty()) return fail(ErrorCode::kNotFound, "No such account", "id");
  return rows->rows[0].is_null(0) ? std::string() : rows->rows[0].text(0);
}

}  // namespace

Status check_username(std::string_view u) {
  const bool shape_ok =
      u.size() >= 3 && u.size() <= 64 && std::all_of(u.begin(), u.end(), [](char c) {
        return (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '.' || c == '_' || c == '-';
      });
  if (!shape_ok) return fail(ErrorCode::kInvalidArgument, "username: 3-64 of a-z 0-9 . _ -", "username");
  if (looks_like_id_number(u)) {
    return fail(ErrorCode::kInvalidArgument,
                "A 12-digit username is reserved for the citizen with that identification number",
                "username");
  }
  return {};
}

Status check_display_name(const std::string& name) {
  if (name.empty() || utf8_length(name) > 200) {
    return fail(ErrorCode::kInvalidArgument, "display_name must have 1 to 200 characters", "display_name");
  }
  return {};
}

Status check_email(std::string_view e) {
  const auto at = e.find('@');
  const auto domain = at == std::string_view::npos ? std::string_view() : e.substr(at + 1);
  const auto dot = domain.rfind('.');
  const bool ok = e.size() <= 254 && at != 0 && at != std::string_view::npos &&
                  domain.find('@') == std::string_view::npos && dot != std::string_view::npos && dot != 0 &&
                  dot + 1 != domain.size() &&
                  std::none_of(e.begin(), e.end(), [](unsigned char c) { return c <= ' ' || c == 0x7f; });
  if (!ok) return fail(ErrorCode::kInvalidArgument, "email must be an address like ten@example.vn", "email");
  return {};
}

std::string one_time_password() { return random_token(12); }

std::string random_token(std::size_t bytes) {
  std::string raw(bytes, '\0');
  randombytes_buf(raw.data(), raw.size());
  std::string out(sodium_base64_encoded_len(bytes, sodium_base64_VARIANT_URLSAFE_NO_PADDING), '\0');
  sodium_bin2base64(out.data(), out.size(), reinterpret_cast<const unsigned char*>(raw.data()), raw.size(),
                    sodium_base64_VARIANT_URLSAFE_NO_PADDING);
  out.resize(std::strlen(out.c_str()));
  return out;
}

AccountService::AccountService(storage::Database& db, const Clock& clock, const IdentityNumberVault& ids,
                               AuthConfig config, MailQueue mail)
    : db_(db),
      clock_(clock),
      ids_(ids),
      config_(config),
      cost_{static_cast<unsigned long long>(config.password_hash_ops),
            static_cast<std::size_t>(config.password_hash_memory_kib) * 1024},
      mail_(std::move(mail)),
      principals_(static_cast<std::size_t>(config.principal_cache_entries),
                  std::chrono::milliseconds(config.principal_cache_ms)) {}

std::string AccountService::now() const { return format_rfc3339(clock_.now(), 0); }
std::string AccountService::later(std::chrono::minutes delta) const {
  return format_rfc3339(clock_.now() + delta, 0);
}
std::string AccountService::one_time_expiry() const {
  return later(std::chrono::hours(config_.one_time_password_ttl_hours));
}

Result<AccountView> AccountService::register_account(const Registration& r, const Origin& origin) {
  std::string username;
  const bool citizen = r.kind == "citizen";
  StoredIdNumber stored;  // empty for a business
  if (citizen) {
    if (auto s = validate_id_number(r.id_number); !s) return tl::unexpected(s.error());
    stored = ids_.store(r.id_number);
    username = stored.username;
  } else if (r.kind == "business") {
    if (auto s = validate_enterprise_code(r.enterprise_code); !s) return tl::unexpected(s.error());
    if (auto s = check_username(r.username); !s) return tl::unexpected(s.error());
    username = r.username;
  } else {
    return fail(ErrorCode::kInvalidArgument, "kind must be citizen or business", "kind");
  }
  if (auto s = check_display_name(r.display_name); !s) return tl::unexpected(s.error());
  if (auto s = check_password_policy(r.password, citizen ? r.id_number : username); !s)
    return tl::unexpected(s.error());
  auto hash = hash_password(r.password, cost_);
  if (!hash) return tl::unexpected(hash.error());
  const std::string id = random_token(16);
  auto created = db_.write_transaction([&](storage::Connection& conn) -> Result<int> {
    auto ins = conn.execute(
        "INSERT INTO accounts (id, kind, username, display_name, id_number_hash, id_number_sealed, "
        "id_number_masked, enterprise_code, password_hash, created_at) "
        "VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10)",
        {id, r.kind, username, r.display_name, nullable(stored.hash), nullable(stored.sealed),
         nullable(stored.masked), nullable(r.enterprise_code), *hash, now()});
    if (!ins) {
      auto e = ins.error();
      if (e.code == ErrorCode::kConflict) {
        e.message = "An account with this username or identification number already exists";
        e.field = citizen ? "id_number" : "username";
      }
      return tl::unexpected(e);
    }
    json::object summary{{"kind", r.kind}, {"username", citizen ? stored.masked : username}};
    if (auto s =
            audit_entry(conn, clock_, Origin{id, origin.ip}, "account.register", "account", id, "", summary);
        !s) {
      return tl::unexpected(s.error());
    }
    return grant_nationwide(conn, id, citizen ? kRoleCitizen : kRoleBusinessRep, now()).map([] { return 1; });
  });
  if (!created) return tl::unexpected(created.error());
  return get_account(id);
}

Result<AccountView> AccountService::create_official(const NewOfficial& o, const Origin& origin) {
  if (auto s = check_username(o.username); !s) return tl::unexpected(s.error());
  if (auto s = check_display_name(o.display_name); !s) return tl::unexpected(s.error());
  if (!o.email.empty()) {
    if (auto s = check_email(o.email); !s) return tl::unexpected(s.error());
  }
  if (auto s = check_password_policy(o.password, o.username); !s) return tl::unexpected(s.error());
  auto hash = hash_password(o.password, cost_);
  if (!hash) return tl::unexpected(hash.error());
  const std::string id = random_token(16);
  auto created = db_.write_transaction([&](storage::Connection& conn) -> Result<int> {
    return insert_official(conn, id, o, *hash, origin).map([] { return 1; });
  });
  if (!created) return tl::unexpected(created.error());
  return get_account(id);
}

Result<int> AccountService::import_officials(const std::vector<NewOfficial>& officials, const Origin& origin,
                                             const std::function<void(std::size_t, std::size_t)>& progress) {
  if (!mail_)
    return fail(ErrorCode::kUnavailable, "E-mail is not set up, so one-time passwords cannot be sent");
  struct Prepared {
    NewOfficial official;
    std::string id, hash;
  };
  std::vector<Prepared> ready;
  ready.reserve(officials.size());
  for (const auto& o : officials) {
    Prepared p{o, random_token(16), {}};
    p.official.password = one_time_password();
    p.official.one_time = true;
    auto hash = hash_password(p.official.password, cost_);
    if (!hash) return tl::unexpected(hash.error());
    p.hash = std::move(*hash);
    ready.push_back(std::move(p));
    if (progress) progress(ready.size(), officials.size());
  }
  return db_.write_transaction([&](storage::Connection& conn) -> Result<int> {
    const std::string expires = one_time_expiry();
    for (const auto& p : ready) {
      if (auto s = insert_official(conn, p.id, p.official, p.hash, origin); !s) {
        auto e = s.error();
        e.message = fmt::format("{}: {}", p.official.username, e.message);
        return tl::unexpected(e);
      }
      const auto& o = p.official;
      if (auto s = mail_(conn, {o.email, o.username, o.display_name, o.password, expires}); !s) {
        return tl::unexpected(s.error());
      }
    }
    return static_cast<int>(ready.size());
  });
}

Status AccountService::insert_official(storage::Connection& conn, const std::string& id, const NewOfficial& o,
                                       const std::string& hash, const Origin& origin) {
  std::string place;
  if (!o.agency_code.empty()) {
    auto agency = conn.execute("SELECT place_code FROM agencies WHERE code = $1", {o.agency_code});
    if (!agency) return tl::unexpected(agency.error());
    if (agency->rows.empty()) {
      return fail(ErrorCode::kNotFound, fmt::format("No agency with code '{}'", o.agency_code),
                  "agency_code");
    }
    place = agency->rows[0].text(0);
  }
  const std::string at = now();
  auto ins = conn.execute(
      "INSERT INTO accounts (id, kind, username, display_name, agency_code, email, password_hash, "
      "must_change_password, password_expires_at, created_at) "
      "VALUES ($1, 'official', $2, $3, $4, $5, $6, $7, $8, $9)",
      {id, o.username, o.display_name, nullable(o.agency_code), nullable(o.email), hash,
       std::int64_t{o.one_time ? 1 : 0},
       o.one_time ? storage::Value(one_time_expiry()) : storage::Value(nullptr), at});
  if (!ins) {
    auto e = ins.error();
    if (e.code == ErrorCode::kConflict) {
      e.message = "This username is taken";
      e.field = "username";
    }
    return tl::unexpected(e);
  }
  json::array roles;
  for (const auto& g : o.roles) {
    if (auto s = insert_grant(conn, random_token(16), id, g, origin.actor_id, at); !s) return s;
    roles.push_back(json::string(g.role + " " + g.scope_kind + ":" + g.scope_code));
  }
  return audit_entry(conn, clock_, origin, "account.create_official", "account", id, place,
                     {{"username", o.username},
                      {"agency", o.agency_code},
                      {"roles", std::move(roles)},
                      {"one_time_password", o.one_time}});
}

Result<AccountView> AccountService::external_citizen(const std::string& subject, const std::string& id_number,
                                                     const std::string& name, const Origin& origin) {
  if (auto s = validate_id_number(id_number, "id_number"); !s) {
    return fail(ErrorCode::kUnauthenticated, "The identity provider gave no valid identification number");
  }
  std::string id;
  auto linked = db_.write_transaction([&](storage::Connection& conn) -> Result<int> {
    auto found =
        conn.execute("SELECT id, oidc_subject FROM accounts WHERE oidc_subject = $1 OR id_number_hash = $2",
                     {subject, ids_.lookup_key(id_number)});
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
    const StoredIdNumber stored = ids_.store(id_number);
    auto ins = conn.execute(
        "INSERT INTO accounts (id, kind, username, display_name, id_number_hash, id_number_sealed, "
        "id_number_masked, oidc_subject, created_at) VALUES ($1, 'citizen', $2, $3, $4, $5, $6, $7, $8)",
        {id, stored.username, name.empty() ? stored.masked : name, stored.hash, stored.sealed, stored.masked,
         subject, now()});
    if (!ins) return tl::unexpected(ins.error());
    if (auto grant = grant_nationwide(conn, id, kRoleCitizen, now()); !grant)
      return tl::unexpected(grant.error());
    return audit_entry(conn, clock_, Origin{id, origin.ip}, "account.register_external", "account", id, "",
                       {{"kind", "citizen"}, {"username", stored.masked}})
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
      "SELECT id, password_hash, failed_logins, locked_until, must_change_password, password_expires_at, "
      "disabled_at FROM accounts WHERE username = $1",
      {looks_like_id_number(username) ? ids_.username(username) : username});
  if (!rows) return tl::unexpected(rows.error());
  const bool exists = !rows->rows.empty() && !rows->rows[0].is_null(1);
  // Always one Argon2id verification, so unknown accounts cost the same time as known ones.
  const bool password_ok = verify_password(exists ? rows->rows[0].text(1) : decoy_hash(cost_), password);
  if (!exists) return fail(ErrorCode::kUnauthenticated, std::string(kWrongLogin));
  const auto& row = rows->rows[0];
  const std::string id = row.text(0);
  const std::string current = now();
  const bool locked = (!row.is_null(3) && row.text(3) > current) || !row.is_null(6);
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
  // Told only to whoever knows the password.
  if (!row.is_null(5) && row.text(5) <= current) {
    return fail(ErrorCode::kUnauthenticated,
                "This one-time password has expired; ask an administrator for a new one");
  }
  auto session = start_session(id, origin);
  if (session) session->password_change_required = row.integer(4) != 0;
  return session;
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

Status AccountService::revoke_credentials(storage::Connection& conn, const std::string& account_id,
                                          const std::string& except_credential) {
  auto r = conn.execute(
      "UPDATE credentials SET revoked_at = $1 WHERE account_id = $2 AND revoked_at IS NULL AND id <> $3",
      {now(), account_id, except_credential});
  if (!r) return tl::unexpected(r.error());
  return {};
}

Status AccountService::change_password(const Principal& who, const std::string& current,
                                       const std::string& next, const Origin& origin) {
  {
    auto conn = db_.acquire();
    if (!conn) return tl::unexpected(conn.error());
    auto rows = (*conn)->execute("SELECT password_hash FROM accounts WHERE id = $1", {who.account_id});
    if (!rows) return tl::unexpected(rows.error());
    if (rows->rows.empty() || rows->rows[0].is_null(0)) {
      return fail(ErrorCode::kConflict,
                  "This account signs in through an identity provider, without a password",
                  "current_password");
    }
    if (!verify_password(rows->rows[0].text(0), current)) {
      return fail(ErrorCode::kInvalidArgument, "The current password is wrong", "current_password");
    }
  }
  if (next == current) {
    return fail(ErrorCode::kInvalidArgument, "Choose a password other than the current one", "new_password");
  }
  if (auto s = check_password_policy(next, who.kind == "citizen" ? who.id_number : who.username); !s) {
    auto e = s.error();
    e.field = "new_password";
    return tl::unexpected(e);
  }
  auto hash = hash_password(next, cost_);
  if (!hash) return tl::unexpected(hash.error());
  return write_revoking([&](storage::Connection& conn) -> Result<int> {
           auto u = conn.execute(
               "UPDATE accounts SET password_hash = $1, must_change_password = 0, password_expires_at = NULL "
               "WHERE id = $2",
               {*hash, who.account_id});
           if (!u) return tl::unexpected(u.error());
           if (auto s = revoke_credentials(conn, who.account_id, who.credential_id); !s) {
             return tl::unexpected(s.error());
           }
           return audit_entry(conn, clock_, origin, "account.password_change", "account", who.account_id, "",
                              {})
               .map([] { return 1; });
         })
      .map([](int) {});
}

Status AccountService::set_locked(const std::string& account_id, bool locked, const Origin& origin) {
  return write_revoking([&](storage::Connection& conn) -> Result<int> {
           auto place = account_place(conn, account_id);
           if (!place) return tl::unexpected(place.error());
           auto u =
               locked
                   ? conn.execute("UPDATE accounts SET disabled_at = $1 WHERE id = $2", {now(), account_id})
                   : conn.execute(
                         "UPDATE accounts SET disabled_at = NULL, failed_logins = 0, locked_until = NULL "
                         "WHERE id = $1",
                         {account_id});
           if (!u) return tl::unexpected(u.error());
           if (locked) {
             if (auto s = revoke_credentials(conn, account_id); !s) return tl::unexpected(s.error());
           }
           return audit_entry(conn, clock_, origin, locked ? "account.admin_lock" : "account.admin_unlock",
                              "account", account_id, *place, {})
               .map([] { return 1; });
         })
      .map([](int) {});
}

Status AccountService::reset_password(const std::string& account_id, const Origin& origin) {
  if (!mail_) return fail(ErrorCode::kUnavailable, "E-mail is not set up, so a new password cannot be sent");
  auto account = get_account(account_id);
  if (!account) return tl::unexpected(account.error());
  if (account->email.empty()) {
    return fail(ErrorCode::kConflict, "This account has no e-mail address to send a new password to",
                "email");
  }
  const std::string password = one_time_password();
  auto hash = hash_password(password, cost_);
  if (!hash) return tl::unexpected(hash.error());
  return write_revoking([&](storage::Connection& conn) -> Result<int> {
           auto place = account_place(conn, account_id);
           if (!place) return tl::unexpected(place.error());
           const std::string expires = one_time_expiry();
           auto u = conn.execute(
               "UPDATE accounts SET password_hash = $1, must_change_password = 1, password_expires_at = $2, "
               "failed_logins = 0, locked_until = NULL WHERE id = $3",
               {*hash, expires, account_id});
           if (!u) return tl::unexpected(u.error());
           if (auto s = revoke_credentials(conn, account_id); !s) return tl::unexpected(s.error());
           // A citizen signs in with the identity number they know; the mail names it masked.
           const std::string& user =
               account->kind == "citizen" ? account->id_number_masked : account->username;
           if (auto s = mail_(conn, {account->email, user, account->display_name, password, expires}); !s) {
             return tl::unexpected(s.error());
           }
           return audit_entry(conn, clock_, origin, "account.password_reset", "account", account_id, *place,
                              {{"expires_at", expires}})
               .map([] { return 1; });
         })
      .map([](int) {});
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
      "c.expires_at, a.must_change_password, a.id_number_sealed FROM credentials c "
      "JOIN accounts a ON a.id = c.account_id "
      "WHERE c.secret_hash = $1 AND c.revoked_at IS NULL AND c.expires_at > $2 AND a.disabled_at IS NULL",
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
  p.password_change_required = r.integer(9) != 0;
  if (!r.is_null(10)) {
    auto number = ids_.unseal(r.text(10));
    if (!number) return tl::unexpected(number.error());
    p.id_number = std::move(*number);
  }
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
