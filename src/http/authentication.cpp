#include "http/authentication.hpp"

#include <fmt/format.h>
#include <sodium.h>

#include <algorithm>

namespace sen::http {
namespace {

bool safe_method(std::string_view m) { return m == "GET" || m == "HEAD" || m == "OPTIONS"; }

}  // namespace

namespace {

Result<identity::Principal> resolve_credentials(const Request& request, identity::AccountService& accounts) {
  if (auto auth = request.header("authorization"); auth && auth->starts_with("Bearer ")) {
    return accounts.resolve(std::string(auth->substr(7)), false);
  }
  const auto cookie = cookie_value(request, kSessionCookie);
  if (!cookie) return fail(ErrorCode::kUnauthenticated, "Sign in first");
  auto who = accounts.resolve(*cookie, true);
  if (!who) return who;
  if (!safe_method(request.method)) {
    const auto csrf = request.header("x-csrf-token");
    if (!csrf || csrf->size() != who->csrf_token.size() ||
        sodium_memcmp(csrf->data(), who->csrf_token.data(), csrf->size()) != 0) {
      return fail(ErrorCode::kForbidden, "Missing or wrong CSRF token", "x-csrf-token");
    }
  }
  return who;
}

}  // namespace

Result<identity::Principal> authenticate(const Request& request, identity::AccountService& accounts,
                                         RateLimiter* write_limiter, PendingChange pending) {
  auto who = resolve_credentials(request, accounts);
  if (who && who->password_change_required && pending == PendingChange::kRefuse) {
    return fail(ErrorCode::kPasswordChangeRequired, "Change your password first (POST /api/v1/me/password)",
                "password");
  }
  if (who && write_limiter != nullptr && !safe_method(request.method)) {
    // Counted per account and per client address: neither many accounts from one address nor one
    // account from many addresses escapes the budget.
    if (auto admitted = admit(
            {{*write_limiter, "account:" + who->account_id}, {*write_limiter, "client:" + request.remote}},
            "changes");
        !admitted)
      return tl::unexpected(admitted.error());
  }
  return who;
}

std::optional<identity::Principal> authenticate_from_memory(const Request& request,
                                                            identity::AccountService& accounts) {
  if (!safe_method(request.method)) return std::nullopt;
  std::optional<identity::Principal> who;
  if (auto auth = request.header("authorization"); auth && auth->starts_with("Bearer ")) {
    who = accounts.resolve_cached(std::string(auth->substr(7)), false);
  } else if (const auto cookie = cookie_value(request, kSessionCookie)) {
    who = accounts.resolve_cached(*cookie, true);
  }
  if (who && who->password_change_required) return std::nullopt;  // authenticate() answers
  return who;
}

std::optional<std::string> cookie_value(const Request& request, std::string_view name) {
  const auto header = request.header("cookie");
  if (!header) return std::nullopt;
  std::string_view rest = *header;
  while (!rest.empty()) {
    const auto semi = rest.find(';');
    std::string_view part = rest.substr(0, semi);
    rest = semi == std::string_view::npos ? std::string_view() : rest.substr(semi + 1);
    while (!part.empty() && part.front() == ' ') part.remove_prefix(1);
    if (part.size() > name.size() && part.starts_with(name) && part[name.size()] == '=') {
      return std::string(part.substr(name.size() + 1));
    }
  }
  return std::nullopt;
}

std::string session_cookie(const std::string& secret, int max_age_seconds) {
  return fmt::format("{}={}; Path=/; HttpOnly; Secure; SameSite=Strict; Max-Age={}", kSessionCookie, secret,
                     max_age_seconds);
}

identity::Origin origin_of(const Request& request, const identity::Principal* who) {
  return identity::Origin{who ? who->account_id : "", request.remote};
}

}  // namespace sen::http
