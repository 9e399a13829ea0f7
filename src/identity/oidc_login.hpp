#pragma once

#include <chrono>
#include <mutex>
#include <optional>
#include <string>
#include <unordered_map>

#include "core/clock.hpp"
#include "identity/oidc_client.hpp"
#include "outbound/http_client.hpp"

namespace sen::identity {

// The server side of a sign-in through the external provider: remembers each started login (state,
// nonce, PKCE verifier) under a random key that only the browser's cookie holds, for ten minutes, and
// completes it once. Pending logins live in memory: a restart in the middle asks the user to start over.
class OidcLogin {
 public:
  OidcLogin(OidcConfig config, const Clock& clock);

  struct Started {
    std::string redirect_url;
    std::string browser_key;  // goes into a short-lived HttpOnly cookie
  };
  Result<Started> start();
  // kUnauthenticated when the key is unknown or expired, the state does not match, or the provider
  // or its ID token is not accepted.
  Result<VerifiedIdentity> finish(const std::string& browser_key, std::string_view state,
                                  std::string_view code);

 private:
  struct Pending {
    AuthorizationStart auth;
    std::chrono::system_clock::time_point started;
  };
  Result<ProviderMetadata> provider();

  OidcConfig config_;
  const Clock& clock_;
  outbound::HttpClient http_;
  std::mutex mutex_;
  std::optional<ProviderMetadata> metadata_;
  std::unordered_map<std::string, Pending> pending_;
};

}  // namespace sen::identity
