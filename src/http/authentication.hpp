#pragma once

#include "core/rate_limiter.hpp"
#include "core/status.hpp"
#include "http/message.hpp"
#include "identity/account_service.hpp"

namespace sen::http {

inline constexpr std::string_view kSessionCookie = "sen_session";

// Whether a route serves an account that must change its password first (a one-time or reset
// password): only reading the account, changing the password and signing out do.
enum class PendingChange { kRefuse, kAllow };

// The principal behind the request's session cookie or `Authorization: Bearer` token. State-changing
// requests authenticated by cookie must also carry the session's CSRF token in X-CSRF-Token.
// With `write_limiter`, state-changing requests also count against the account's and the client
// address's write budgets (429 with Retry-After). An account with a pending password change gets
// kPasswordChangeRequired unless the route allows it.
Result<identity::Principal> authenticate(const Request& request, identity::AccountService& accounts,
                                         RateLimiter* write_limiter = nullptr,
                                         PendingChange pending = PendingChange::kRefuse);

// For reads answered on the network threads: the principal if it is known without the database
// (see AccountService::resolve_cached), nullopt otherwise, and always for state-changing requests.
std::optional<identity::Principal> authenticate_from_memory(const Request& request,
                                                            identity::AccountService& accounts);

std::string session_cookie(const std::string& secret, int max_age_seconds);
std::optional<std::string> cookie_value(const Request& request, std::string_view name);
identity::Origin origin_of(const Request& request, const identity::Principal* who = nullptr);

}  // namespace sen::http
