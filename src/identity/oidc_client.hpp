#pragma once

#include <boost/json/object.hpp>
#include <chrono>
#include <optional>
#include <string>
#include <string_view>

#include "core/status.hpp"
#include "outbound/http_client.hpp"

namespace sen::identity {

// Sign-in through an external OpenID Connect provider (a national identity provider, say):
// authorization code flow with PKCE (S256), state and nonce, client_secret_basic at the token
// endpoint, and an ID token verified locally against the provider's JWKS (RS256 or ES256).
struct OidcConfig {
  std::string issuer;
  std::string client_id;
  std::string client_secret;
  std::string redirect_uri;
  std::string scopes = "openid profile";
  std::string id_number_claim = "id_number";  // claim carrying the citizen's 12-digit identity number
};

struct ProviderMetadata {
  std::string issuer;
  std::string authorization_endpoint;
  std::string token_endpoint;
  std::string jwks_uri;
};

// Reads {issuer}/.well-known/openid-configuration. The document's issuer must equal the configured
// one exactly, and every URL must be https (plain http only on a loopback host, for tests).
// kUnavailable when the provider cannot be reached or its document is unusable.
Result<ProviderMetadata> discover(const OidcConfig& config, outbound::HttpClient& http);

// What the caller keeps (server-side, bound to the browser) until the provider redirects back:
// `state` to match the callback, `nonce` and `code_verifier` to complete. The user agent goes to `url`.
struct AuthorizationStart {
  std::string url;
  std::string state;
  std::string nonce;
  std::string code_verifier;
};

// Fresh random state, nonce and PKCE verifier (32 bytes each from libsodium, base64url).
AuthorizationStart begin_authorization(const OidcConfig& config, const ProviderMetadata& provider);

struct VerifiedIdentity {
  std::string subject;                   // `sub`: stable per provider
  std::optional<std::string> id_number;  // config.id_number_claim, when the provider released it
  std::string name;                      // `name`, or empty
};

// Exchanges `code` at the token endpoint, fetches the JWKS and verifies the ID token.
// kUnauthenticated when the provider rejects the code or the ID token is not acceptable;
// kUnavailable when the provider cannot be reached or answers nonsense.
Result<VerifiedIdentity> complete_authorization(const OidcConfig& config, const ProviderMetadata& provider,
                                                outbound::HttpClient& http, std::string_view code,
                                                std::string_view code_verifier,
                                                std::string_view expected_nonce,
                                                std::chrono::system_clock::time_point now);

// How far the provider's clock may be ahead of or behind ours.
inline constexpr std::chrono::seconds kIdTokenClockSkew{60};

// Verifies a compact JWS ID token against `jwks` ({"keys": [...]}, as served at jwks_uri): RS256 or
// ES256 only, key chosen by `kid`, then iss, aud (and azp), exp, iat and nonce. Returns the claims.
// Every failure is kUnauthenticated with a message naming the check that failed.
Result<boost::json::object> verify_id_token(std::string_view jwt, const boost::json::object& jwks,
                                            std::string_view issuer, std::string_view client_id,
                                            std::string_view expected_nonce,
                                            std::chrono::system_clock::time_point now);

}  // namespace sen::identity
