#include "identity/oidc_login.hpp"

#include <sodium.h>

#include "identity/account_service.hpp"

namespace sen::identity {
namespace {
constexpr auto kPendingLifetime = std::chrono::minutes(10);
constexpr std::size_t kMaxPending = 10000;  // bounds memory if someone starts logins in a loop
}  // namespace

OidcLogin::OidcLogin(OidcConfig config, const Clock& clock) : config_(std::move(config)), clock_(clock) {}

Result<ProviderMetadata> OidcLogin::provider() {
  {
    std::lock_guard lock(mutex_);
    if (metadata_) return *metadata_;
  }
  auto discovered = discover(config_, http_);
  if (!discovered) return discovered;
  std::lock_guard lock(mutex_);
  metadata_ = *discovered;
  return *discovered;
}

Result<OidcLogin::Started> OidcLogin::start() {
  auto meta = provider();
  if (!meta) return tl::unexpected(meta.error());
  auto auth = begin_authorization(config_, *meta);
  Started started{auth.url, random_token(32)};
  const auto now = clock_.now();
  std::lock_guard lock(mutex_);
  std::erase_if(pending_, [&](const auto& kv) { return now - kv.second.started > kPendingLifetime; });
  if (pending_.size() >= kMaxPending)
    return fail(ErrorCode::kTooManyRequests, "Too many sign-ins in progress");
  pending_.emplace(started.browser_key, Pending{std::move(auth), now});
  return started;
}

Result<VerifiedIdentity> OidcLogin::finish(const std::string& browser_key, std::string_view state,
                                           std::string_view code) {
  std::optional<Pending> pending;
  {
    std::lock_guard lock(mutex_);
    if (auto it = pending_.find(browser_key); it != pending_.end()) {
      pending = std::move(it->second);
      pending_.erase(it);  // one use only
    }
  }
  if (!pending || clock_.now() - pending->started > kPendingLifetime) {
    return fail(ErrorCode::kUnauthenticated, "The sign-in expired or was already used; start again");
  }
  const auto& expected = pending->auth.state;
  if (state.size() != expected.size() || sodium_memcmp(state.data(), expected.data(), state.size()) != 0) {
    return fail(ErrorCode::kUnauthenticated, "The sign-in response does not match the request");
  }
  auto meta = provider();
  if (!meta) return tl::unexpected(meta.error());
  return complete_authorization(config_, *meta, http_, code, pending->auth.code_verifier, pending->auth.nonce,
                                clock_.now());
}

}  // namespace sen::identity
