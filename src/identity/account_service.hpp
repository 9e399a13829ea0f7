#pragma once

#include <memory>
#include <optional>
#include <string>
#include <vector>

#include "core/clock.hpp"
#include "core/config.hpp"
#include "core/ttl_cache.hpp"
#include "identity/password.hpp"
#include "identity/principal.hpp"
#include "storage/database.hpp"

namespace sen::identity {

struct Registration {
  std::string kind;             // citizen | business
  std::string id_number;        // citizens: also their username
  std::string enterprise_code;  // businesses
  std::string username;         // businesses: the representative's login name
  std::string display_name;
  std::string password;
};

struct NewOfficial {
  std::string username;
  std::string display_name;
  std::string agency_code;
  std::string password;
};

struct Session {
  std::string secret;  // the cookie value or bearer token; shown once, stored only as a hash
  std::string csrf_token;
  std::string credential_id;
  std::string expires_at;
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
  AccountService(storage::Database& db, const Clock& clock, AuthConfig config);

  Result<AccountView> register_account(const Registration& r, const Origin& origin);
  Result<AccountView> create_official(const NewOfficial& o, const Origin& origin);
  // Finds or creates the citizen account of an identity verified by the external provider.
  Result<AccountView> external_citizen(const std::string& subject, const std::string& id_number,
                                       const std::string& name, const Origin& origin);

  // kUnauthenticated with one message for every failure (unknown account, wrong password, locked),
  // after the same amount of work, so the answer never reveals whether an account exists.
  Result<Session> login(const std::string& username, const std::string& password, const Origin& origin);
  Result<Session> start_session(const std::string& account_id, const Origin& origin);
  Status logout(const Principal& who, const Origin& origin);

  Result<Session> create_token(const Principal& who, const std::string& name, const Origin& origin);
  Result<std::vector<TokenInfo>> list_tokens(const Principal& who);
  Status revoke_token(const Principal& who, const std::string& token_id, const Origin& origin);

  // The principal behind a cookie or bearer secret; kUnauthenticated if unknown, expired or revoked.
  // Recently resolved secrets are answered from memory for auth.principal_cache_ms; every logout,
  // revocation or role change made here forgets them, so it takes effect at once (another process's
  // within that time).
  Result<Principal> resolve(const std::string& secret, bool via_session);
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
  Result<Session> issue(storage::Connection& conn, const std::string& account_id, const std::string& kind,
                        const std::string& name, const Origin& origin);
  std::string now() const;
  std::string later(std::chrono::minutes delta) const;

  // For changes that can take rights away (logout, revocation, role changes): the resolved principals
  // are forgotten once it is done. New accounts, sessions and tokens leave them be.
  template <class F>
  auto write_revoking(F&& work) {
    auto result = db_.write_transaction(std::forward<F>(work));
    principals_.clear();
    return result;
  }

  struct CachedPrincipal {
    std::shared_ptr<const Principal> principal;
    std::string expires_at;  // the credential's own expiry
  };

  storage::Database& db_;
  const Clock& clock_;
  AuthConfig config_;
  PasswordCost cost_;
  TtlCache<CachedPrincipal> principals_;
};

std::string random_token(std::size_t bytes = 32);

}  // namespace sen::identity
