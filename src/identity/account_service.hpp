#pragma once

#include <functional>
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "core/clock.hpp"
#include "core/config.hpp"
#include "core/ttl_cache.hpp"
#include "identity/identity_vault.hpp"
#include "identity/password.hpp"
#include "identity/principal.hpp"
#include "storage/change_feed.hpp"
#include "storage/database.hpp"

namespace sen::identity {

struct Registration {
  std::string kind;             // citizen | business
  std::string id_number;        // citizens: they sign in with it
  std::string enterprise_code;  // businesses
  std::string username;         // businesses: the representative's login name
  std::string display_name;
  std::string password;
};

struct NewOfficial {
  std::string username;
  std::string display_name;
  std::string agency_code;  // empty only for the first national administrator (`sen admin create`)
  std::string password;
  std::string email;             // where one-time passwords are sent
  bool one_time = false;         // the password must be changed at first sign-in and expires
  std::vector<RoleGrant> roles;  // granted in the same transaction
};

// A one-time password for an official, queued in the caller's transaction (the e-mail outbox).
struct OneTimePasswordMail {
  std::string to;
  std::string username;
  std::string display_name;
  std::string password;
  std::string expires_at;
};
using MailQueue = std::function<Status(storage::Connection&, const OneTimePasswordMail&)>;

struct Session {
  std::string secret;  // the cookie value or bearer token; shown once, stored only as a hash
  std::string csrf_token;
  std::string credential_id;
  std::string expires_at;
  bool password_change_required = false;  // the session may only change the password (or sign out)
};

struct TokenInfo {
  std::string id;
  std::string name;
  std::string created_at;
  std::string expires_at;
};

struct AccountView {
  std::string id;
  std::string kind;
  std::string username;
  std::string display_name;
  std::string id_number_masked;
  std::string enterprise_code;
  std::string agency_code;
  std::string email;
  bool disabled = false;  // locked by an administrator
};

// Where a change comes from, for the audit log.
struct Origin {
  std::string actor_id;
  std::string ip;
};

// Accounts, passwords, lockout, sessions and API tokens. Blocking: call off the network threads.
// Every state change is written to the audit log in the same transaction.
class AccountService {
 public:
  // `mail` queues one-time passwords; without it, resets and imports are refused as unavailable.
  // `ids` keeps citizens' identity numbers sealed; it must outlive the service.
  AccountService(storage::Database& db, const Clock& clock, const IdentityNumberVault& ids, AuthConfig config,
                 MailQueue mail = {});

  Result<AccountView> register_account(const Registration& r, const Origin& origin);
  // With `one_time`, the password must be changed at first sign-in and expires after
  // auth.one_time_password_ttl_hours.
  Result<AccountView> create_official(const NewOfficial& o, const Origin& origin);
  // Creates the officials of an import (every row already checked), each with a one-time password
  // e-mailed through the outbox, in one transaction. `progress` is called as each password is hashed.
  Result<int> import_officials(const std::vector<NewOfficial>& officials, const Origin& origin,
                               const std::function<void(std::size_t done, std::size_t total)>& progress = {});

  // Finds or creates the citizen account of an identity verified by the external provider.
  Result<AccountView> external_citizen(const std::string& subject, const std::string& id_number,
                                       const std::string& name, const Origin& origin);

  // kUnauthenticated with one message for every failure (unknown account, wrong password, locked),
  // after the same amount of work, so the answer never reveals whether an account exists.
  Result<Session> login(const std::string& username, const std::string& password, const Origin& origin);
  Result<Session> start_session(const std::string& account_id, const Origin& origin);
  Status logout(const Principal& who, const Origin& origin);
  // The caller's own password; the current one is required. Clears a pending forced change and ends
  // the account's other sessions and tokens.
  Status change_password(const Principal& who, const std::string& current, const std::string& next,
                         const Origin& origin);

  // Administrators' actions (callers check authorization first). Locking ends the account's sessions
  // and tokens until it is unlocked; unlocking also clears a failed-login lockout. A reset e-mails a new
  // one-time password and ends the account's sessions and tokens.
  Status set_locked(const std::string& account_id, bool locked, const Origin& origin);
  Status reset_password(const std::string& account_id, const Origin& origin);

  Result<Session> create_token(const Principal& who, const std::string& name, const Origin& origin);
  Result<std::vector<TokenInfo>> list_tokens(const Principal& who);
  Status revoke_token(const Principal& who, const std::string& token_id, const Origin& origin);

  // The principal behind a cookie or bearer secret; kUnauthenticated if unknown, expired or revoked.
  // Recently resolved secrets are answered from memory for auth.principal_cache_ms; every logout,
  // revocation or role change forgets them, so it takes effect at once: here when it is done, and in
  // other processes sharing the database when they hear kRightsChangedChannel (storage::ChangeFeed).
  Result<Principal> resolve(const std::string& secret, bool via_session);
  static constexpr std::string_view kRightsChangedChannel = "sen_rights_changed";
  void forget_principals() { principals_.clear(); }
  // Memory only, for the network threads: nullopt when resolve() would need the database.
  std::optional<Principal> resolve_cached(const std::string& secret, bool via_session);
  Result<AccountView> get_account(const std::string& account_id);

  // Returns the new grant's id. Callers check authorization first (see authorization.hpp).
  Result<std::string> grant_role(const std::string& account_id, const RoleGrant& grant, const Origin& origin);
  Result<std::vector<RoleGrant>> roles_of(const std::string& account_id);
  Result<std::vector<AccountView>> officials_of(const std::string& agency_code);
  // The account a grant belongs to, and the grant; kNotFound when there is no such active grant.
  Result<std::pair<std::string, RoleGrant>> find_grant(const std::string& grant_id);
  Status revoke_role(const std::string& grant_id, const Origin& origin);

 private:
  Status insert_official(storage::Connection& conn, const std::string& id, const NewOfficial& o,
                         const std::string& hash, const Origin& origin);
  Status revoke_credentials(storage::Connection& conn, const std::string& account_id,
                            const std::string& except_credential = "");
  Result<Session> issue(storage::Connection& conn, const std::string& account_id, const std::string& kind,
                        const std::string& name, const Origin& origin);
  std::string now() const;
  std::string later(std::chrono::minutes delta) const;
  std::string one_time_expiry() const;

  // For changes that can take rights away (logout, revocation, role changes): the resolved principals
  // are forgotten once it is done, here and, announced with the change, in every other process.
  // New accounts, sessions and tokens leave them be.
  template <class F>
  auto write_revoking(F&& work) {
    auto result = db_.write_transaction([&](storage::Connection& conn) -> decltype(work(conn)) {
      auto done = work(conn);
      if (!done) return done;
      if (auto told = storage::ChangeFeed::announce(conn, kRightsChangedChannel); !told)
        return tl::unexpected(told.error());
      return done;
    });
    principals_.clear();
    return result;
  }

  struct CachedPrincipal {
    std::shared_ptr<const Principal> principal;
    std::string expires_at;  // the credential's own expiry
  };

  storage::Database& db_;
  const Clock& clock_;
  const IdentityNumberVault& ids_;
  AuthConfig config_;
  PasswordCost cost_;
  MailQueue mail_;
  TtlCache<CachedPrincipal> principals_;
};

std::string random_token(std::size_t bytes = 32);

// A random one-time password that meets the password policy.
std::string one_time_password();

// Usernames of business representatives and officials: 3-64 of a-z 0-9 . _ -, and not 12 digits
// (those are reserved for the citizen with that identification number). Errors name `username`.
Status check_username(std::string_view username);
// A plausible address (name@domain.tld, no spaces, at most 254 bytes); errors name `email`.
Status check_email(std::string_view email);
// 1 to 200 characters; errors name `display_name`.
Status check_display_name(const std::string& name);

}  // namespace sen::identity
