#include "identity/oidc_client.hpp"

#include <openssl/bn.h>
#include <openssl/core_names.h>
#include <openssl/ec.h>
#include <openssl/evp.h>
#include <openssl/param_build.h>
#include <sodium.h>

#include <boost/url/parse.hpp>
#include <boost/url/url_view.hpp>
#include <memory>
#include <vector>

#include "core/json_parse.hpp"

namespace sen::identity {
namespace {

namespace json = boost::json;

// Private: the user sees one message per failure class; the detail goes to the log.
tl::unexpected<Error> provider_unavailable(std::string internal) {
  return tl::unexpected<Error>(
      Error{ErrorCode::kUnavailable, "The identity provider is unavailable", {}, std::move(internal)});
}

tl::unexpected<Error> rejected(std::string message) {
  return tl::unexpected<Error>(Error{ErrorCode::kUnauthenticated, std::move(message), {}, {}});
}

std::string base64url(const unsigned char* data, std::size_t size) {
  constexpr int kVariant = sodium_base64_VARIANT_URLSAFE_NO_PADDING;
  std::string out(sodium_base64_encoded_len(size, kVariant), '\0');
  sodium_bin2base64(out.data(), out.size(), data, size, kVariant);
  out.resize(out.size() - 1);  // the terminating NUL
  return out;
}

std::optional<std::string> base64url_decode(std::string_view text) {
  std::string out(text.size() * 3 / 4 + 1, '\0');
  std::size_t size = 0;
  const char* end = nullptr;
  if (sodium_base642bin(reinterpret_cast<unsigned char*>(out.data()), out.size(), text.data(), text.size(),
                        nullptr, &size, &end, sodium_base64_VARIANT_URLSAFE_NO_PADDING) != 0 ||
      end != text.data() + text.size()) {
    return std::nullopt;
  }
  out.resize(size);
  return out;
}

std::string random_base64url(std::size_t bytes) {
  std::vector<unsigned char> raw(bytes);
  randombytes_buf(raw.data(), raw.size());
  return base64url(raw.data(), raw.size());
}

std::optional<json::object> parse_object(std::string_view text) {
  boost::system::error_code ec;
  json::value v = parse_json(text, ec);
  if (ec || !v.is_object()) return std::nullopt;
  return std::move(v.as_object());
}

std::string_view string_member(const json::object& o, std::string_view key) {
  const json::value* v = o.if_contains(key);
  if (v == nullptr || !v->is_string()) return {};
  return v->get_string();
}

std::optional<double> number_member(const json::object& o, std::string_view key) {
  const json::value* v = o.if_contains(key);
  if (v == nullptr) return std::nullopt;
  if (v->is_int64()) return static_cast<double>(v->get_int64());
  if (v->is_uint64()) return static_cast<double>(v->get_uint64());
  if (v->is_double()) return v->get_double();
  return std::nullopt;
}

bool is_loopback(const boost::urls::url_view& u) {
  switch (u.host_type()) {
    case boost::urls::host_type::ipv4:
      return (u.host_ipv4_address().to_uint() >> 24) == 127;
    case boost::urls::host_type::ipv6:
      return u.host_ipv6_address().is_loopback();
    case boost::urls::host_type::name:
      return u.host_name() == "localhost";
    default:
      return false;
  }
}

// Provider URLs must be https so codes, secrets and keys cannot be read or swapped on the way;
// plain http is accepted on loopback only, which is where the test provider runs.
bool acceptable_provider_url(std::string_view url) {
  auto parsed = boost::urls::parse_absolute_uri(url);
  if (!parsed || parsed->has_userinfo() || parsed->has_fragment() || parsed->encoded_host().empty())
    return false;
  if (parsed->scheme_id() == boost::urls::scheme::https) return true;
  return parsed->scheme_id() == boost::urls::scheme::http && is_loopback(*parsed);
}

bool array_contains(const json::object& o, std::string_view key, std::string_view wanted) {
  const json::value* v = o.if_contains(key);
  if (v == nullptr || !v->is_array()) return false;
  for (const json::value& item : v->get_array()) {
    if (item.is_string() && item.get_string() == wanted) return true;
  }
  return false;
}

// OpenSSL handles, freed on scope exit.
struct OpenSslFree {
  void operator()(EVP_PKEY* p) const { EVP_PKEY_free(p); }
  void operator()(EVP_PKEY_CTX* p) const { EVP_PKEY_CTX_free(p); }
  void operator()(EVP_MD_CTX* p) const { EVP_MD_CTX_free(p); }
  void operator()(BIGNUM* p) const { BN_free(p); }
  void operator()(OSSL_PARAM_BLD* p) const { OSSL_PARAM_BLD_free(p); }
  void operator()(OSSL_PARAM* p) const { OSSL_PARAM_free(p); }
  void operator()(ECDSA_SIG* p) const { ECDSA_SIG_free(p); }
};
template <class T>
using Owned = std::unique_ptr<T, OpenSslFree>;

Owned<BIGNUM> bignum(std::string_view bytes) {
  return Owned<BIGNUM>(BN_bin2bn(reinterpret_cast<const unsigned char*>(bytes.data()),
                                 static_cast<int>(bytes.size()), nullptr));
}

Owned<EVP_PKEY> public_key_from(const char* type, OSSL_PARAM_BLD* builder) {
  Owned<OSSL_PARAM> params(OSSL_PARAM_BLD_to_param(builder));
  Owned<EVP_PKEY_CTX> ctx(EVP_PKEY_CTX_new_from_name(nullptr, type, nullptr));
  EVP_PKEY* key = nullptr;
  if (!params || !ctx || EVP_PKEY_fromdata_init(ctx.get()) != 1 ||
      EVP_PKEY_fromdata(ctx.get(), &key, EVP_PKEY_PUBLIC_KEY, params.get()) != 1) {
    return nullptr;
  }
  Owned<EVP_PKEY> owned(key);
  // Rejects, among others, EC points that are not on the curve.
  Owned<EVP_PKEY_CTX> check(EVP_PKEY_CTX_new_from_pkey(nullptr, owned.get(), nullptr));
  if (!check || EVP_PKEY_public_check(check.get()) != 1) return nullptr;
  return owned;
}

constexpr int kMinRsaBits = 2048;

Owned<EVP_PKEY> rsa_key(const json::object& jwk) {
  auto n = base64url_decode(string_member(jwk, "n"));
  auto e = base64url_decode(string_member(jwk, "e"));
  if (!n || !e || n->empty() || e->empty()) return nullptr;
  Owned<BIGNUM> bn_n = bignum(*n);
  Owned<BIGNUM> bn_e = bignum(*e);
  Owned<OSSL_PARAM_BLD> builder(OSSL_PARAM_BLD_new());
  if (!bn_n || !bn_e || !builder ||
      OSSL_PARAM_BLD_push_BN(builder.get(), OSSL_PKEY_PARAM_RSA_N, bn_n.get()) != 1 ||
      OSSL_PARAM_BLD_push_BN(builder.get(), OSSL_PKEY_PARAM_RSA_E, bn_e.get()) != 1) {
    return nullptr;
  }
  Owned<EVP_PKEY> key = public_key_from("RSA", builder.get());
  if (!key || EVP_PKEY_get_bits(key.get()) < kMinRsaBits) return nullptr;
  return key;
}

Owned<EVP_PKEY> p256_key(const json::object& jwk) {
  if (string_member(jwk, "crv") != "P-256") return nullptr;
  auto x = base64url_decode(string_member(jwk, "x"));
  auto y = base64url_decode(string_member(jwk, "y"));
  if (!x || !y || x->size() != 32 || y->size() != 32) return nullptr;
  const std::string point = "\x04" + *x + *y;  // uncompressed SEC 1 encoding
  Owned<OSSL_PARAM_BLD> builder(OSSL_PARAM_BLD_new());
  if (!builder ||
      OSSL_PARAM_BLD_push_utf8_string(builder.get(), OSSL_PKEY_PARAM_GROUP_NAME, "prime256v1", 0) != 1 ||
      OSSL_PARAM_BLD_push_octet_string(builder.get(), OSSL_PKEY_PARAM_PUB_KEY, point.data(), point.size()) !=
          1) {
    return nullptr;
  }
  return public_key_from("EC", builder.get());
}

// JWS ES256 signatures are r || s (32 bytes each); OpenSSL verifies DER.
std::optional<std::string> p256_signature_to_der(std::string_view raw) {
  if (raw.size() != 64) return std::nullopt;
  Owned<ECDSA_SIG> sig(ECDSA_SIG_new());
  Owned<BIGNUM> r = bignum(raw.substr(0, 32));
  Owned<BIGNUM> s = bignum(raw.substr(32));
  if (!sig || !r || !s || ECDSA_SIG_set0(sig.get(), r.get(), s.get()) != 1) return std::nullopt;
  r.release();  // now owned by sig
  s.release();
  unsigned char* der = nullptr;
  const int size = i2d_ECDSA_SIG(sig.get(), &der);
  if (size <= 0) return std::nullopt;
  std::string out(reinterpret_cast<char*>(der), static_cast<std::size_t>(size));
  OPENSSL_free(der);
  return out;
}

bool signature_valid(EVP_PKEY* key, std::string_view signing_input, std::string_view signature) {
  Owned<EVP_MD_CTX> ctx(EVP_MD_CTX_new());
  return ctx && EVP_DigestVerifyInit_ex(ctx.get(), nullptr, "SHA256", nullptr, nullptr, key, nullptr) == 1 &&
         EVP_DigestVerify(ctx.get(), reinterpret_cast<const unsigned char*>(signature.data()),
                          signature.size(), reinterpret_cast<const unsigned char*>(signing_input.data()),
                          signing_input.size()) == 1;
}

// The keys of `jwks` that may verify a token with this header: matching kid (when the token names
// one), a key type fitting the algorithm, and no contrary `use` or `alg`.
std::vector<const json::object*> candidate_keys(const json::object& jwks, std::string_view alg,
                                                const json::value* kid) {
  std::vector<const json::object*> out;
  const json::value* keys = jwks.if_contains("keys");
  if (keys == nullptr || !keys->is_array()) return out;
  const std::string_view kty = alg == "RS256" ? "RSA" : "EC";
  for (const json::value& k : keys->get_array()) {
    if (!k.is_object()) continue;
    const json::object& jwk = k.get_object();
    if (kid != nullptr) {
      const json::value* key_id = jwk.if_contains("kid");
      if (key_id == nullptr || *key_id != *kid) continue;
    }
    if (string_member(jwk, "kty") != kty) continue;
    if (jwk.contains("use") && string_member(jwk, "use") != "sig") continue;
    if (jwk.contains("alg") && string_member(jwk, "alg") != alg) continue;
    out.push_back(&jwk);
  }
  return out;
}

bool constant_time_equal(std::string_view a, std::string_view b) {
  return a.size() == b.size() && sodium_memcmp(a.data(), b.data(), a.size()) == 0;
}

}  // namespace

Result<boost::json::object> verify_id_token(std::string_view jwt, const boost::json::object& jwks,
                                            std::string_view issuer, std::string_view client_id,
                                            std::string_view expected_nonce,
                                            std::chrono::system_clock::time_point now) {
  // Compact JWS: header.payload.signature, each base64url without padding.
  const std::size_t dot1 = jwt.find('.');
  const std::size_t dot2 = dot1 == std::string_view::npos ? dot1 : jwt.find('.', dot1 + 1);
  if (dot2 == std::string_view::npos || jwt.find('.', dot2 + 1) != std::string_view::npos) {
    return rejected("ID token is malformed");
  }
  const auto header_text = base64url_decode(jwt.substr(0, dot1));
  const auto payload_text = base64url_decode(jwt.substr(dot1 + 1, dot2 - dot1 - 1));
  const auto signature = base64url_decode(jwt.substr(dot2 + 1));
  if (!header_text || !payload_text || !signature) return rejected("ID token is malformed");
  auto header = parse_object(*header_text);
  auto claims = parse_object(*payload_text);
  if (!header || !claims) return rejected("ID token is malformed");

  // The algorithm comes from the token, so only asymmetric ones we expect are honoured: "none"
  // would skip the signature and HS* would let the public key act as an HMAC secret.
  const std::string_view alg = string_member(*header, "alg");
  if (alg != "RS256" && alg != "ES256") return rejected("ID token algorithm is not allowed");
  if (header->contains("crit")) return rejected("ID token has unsupported critical header parameters");

  const json::value* kid = header->if_contains("kid");
  if (kid != nullptr && !kid->is_string()) return rejected("ID token is malformed");
  const auto keys = candidate_keys(jwks, alg, kid);
  if (keys.empty()) return rejected("ID token signing key not found");
  // Without a kid the choice must be unambiguous.
  if (kid == nullptr && keys.size() != 1) return rejected("ID token signing key is ambiguous");

  const Owned<EVP_PKEY> key = alg == "RS256" ? rsa_key(*keys.front()) : p256_key(*keys.front());
  if (!key) return rejected("ID token signing key is unusable");
  std::optional<std::string> sig = *signature;
  if (alg == "ES256") sig = p256_signature_to_der(*signature);
  if (!sig || !signature_valid(key.get(), jwt.substr(0, dot2), *sig)) {
    return rejected("ID token signature is invalid");
  }

  if (string_member(*claims, "iss") != issuer || issuer.empty()) return rejected("ID token issuer mismatch");

  const json::value* aud = claims->if_contains("aud");
  bool audience_ok = false;
  std::size_t audiences = 0;
  if (aud != nullptr && aud->is_string()) {
    audiences = 1;
    audience_ok = aud->get_string() == client_id;
  } else if (aud != nullptr && aud->is_array()) {
    audiences = aud->get_array().size();
    audience_ok = array_contains(*claims, "aud", client_id);
  }
  if (!audience_ok || client_id.empty()) return rejected("ID token audience mismatch");
  // A token meant for several parties must say it was issued to us.
  if (claims->contains("azp") ? string_member(*claims, "azp") != client_id : audiences > 1) {
    return rejected("ID token authorized party mismatch");
  }

  const double now_s = std::chrono::duration<double>(now.time_since_epoch()).count();
  const double skew = static_cast<double>(kIdTokenClockSkew.count());
  const auto exp = number_member(*claims, "exp");
  const auto iat = number_member(*claims, "iat");
  if (!exp || !iat) return rejected("ID token lacks exp or iat");
  if (*exp + skew <= now_s) return rejected("ID token has expired");
  if (*iat - skew > now_s) return rejected("ID token is issued in the future");
  if (const auto nbf = number_member(*claims, "nbf"); nbf && *nbf - skew > now_s) {
    return rejected("ID token is not yet valid");
  }

  if (expected_nonce.empty() || !constant_time_equal(string_member(*claims, "nonce"), expected_nonce)) {
    return rejected("ID token nonce mismatch");
  }
  if (string_member(*claims, "sub").empty()) return rejected("ID token has no subject");
  return std::move(*claims);
}

Result<ProviderMetadata> discover(const OidcConfig& config, outbound::HttpClient& http) {
  if (!acceptable_provider_url(config.issuer)) {
    return provider_unavailable("issuer must be an https URL (http only on loopback)");
  }
  std::string url = config.issuer;
  if (url.ends_with('/')) url.pop_back();
  url += "/.well-known/openid-configuration";
  auto r = http.get(url);
  if (!r) return provider_unavailable("discovery: " + r.error().internal);
  if (r->status != 200) return provider_unavailable("discovery answered HTTP " + std::to_string(r->status));
  auto doc = parse_object(r->body);
  if (!doc) return provider_unavailable("discovery document is not a JSON object");

  ProviderMetadata m;
  m.issuer = string_member(*doc, "issuer");
  // Exact match (OpenID Connect Discovery 4.3): a document for another issuer could come from a
  // mix-up or a hostile redirect.
  if (m.issuer != config.issuer) return provider_unavailable("discovery issuer '" + m.issuer + "' differs");
  m.authorization_endpoint = string_member(*doc, "authorization_endpoint");
  m.token_endpoint = string_member(*doc, "token_endpoint");
  m.jwks_uri = string_member(*doc, "jwks_uri");
  for (const auto& [name, value] :
       {std::pair{"authorization_endpoint", &m.authorization_endpoint},
        std::pair{"token_endpoint", &m.token_endpoint}, std::pair{"jwks_uri", &m.jwks_uri}}) {
    if (!acceptable_provider_url(*value))
      return provider_unavailable(std::string("discovery ") + name + " is unusable");
  }
  if (doc->contains("response_types_supported") &&
      !array_contains(*doc, "response_types_supported", "code")) {
    return provider_unavailable("provider does not support the code flow");
  }
  if (doc->contains("code_challenge_methods_supported") &&
      !array_contains(*doc, "code_challenge_methods_supported", "S256")) {
    return provider_unavailable("provider does not support PKCE S256");
  }
  return m;
}

AuthorizationStart begin_authorization(const OidcConfig& config, const ProviderMetadata& provider) {
  AuthorizationStart start;
  start.state = random_base64url(32);
  start.nonce = random_base64url(32);
  start.code_verifier = random_base64url(32);  // 43 characters, within RFC 7636's 43..128

  unsigned char digest[crypto_hash_sha256_BYTES];
  crypto_hash_sha256(digest, reinterpret_cast<const unsigned char*>(start.code_verifier.data()),
                     start.code_verifier.size());
  const std::string challenge = base64url(digest, sizeof digest);

  start.url = provider.authorization_endpoint;
  char separator = start.url.find('?') == std::string::npos ? '?' : '&';
  for (const auto& [name, value] : outbound::FormFields{{"response_type", "code"},
                                                        {"client_id", config.client_id},
                                                        {"redirect_uri", config.redirect_uri},
                                                        {"scope", config.scopes},
                                                        {"state", start.state},
                                                        {"nonce", start.nonce},
                                                        {"code_challenge", challenge},
                                                        {"code_challenge_method", "S256"}}) {
    start.url += separator;
    start.url += outbound::form_urlencode(name);
    start.url += '=';
    start.url += outbound::form_urlencode(value);
    separator = '&';
  }
  return start;
}

Result<VerifiedIdentity> complete_authorization(const OidcConfig& config, const ProviderMetadata& provider,
                                                outbound::HttpClient& http, std::string_view code,
                                                std::string_view code_verifier,
                                                std::string_view expected_nonce,
                                                std::chrono::system_clock::time_point now) {
  if (code.empty() || code_verifier.empty() || expected_nonce.empty()) {
    return rejected("The sign-in response is incomplete");
  }
  // client_secret_basic: RFC 6749 2.3.1 form-encodes both parts before Basic encoding.
  auto token = http.post_form(provider.token_endpoint,
                              {{"grant_type", "authorization_code"},
                               {"code", std::string(code)},
                               {"redirect_uri", config.redirect_uri},
                               {"code_verifier", std::string(code_verifier)}},
                              outbound::form_urlencode(config.client_id),
                              outbound::form_urlencode(config.client_secret));
  if (!token) return provider_unavailable("token endpoint: " + token.error().internal);
  auto body = parse_object(token->body);
  if (token->status != 200) {
    const std::string_view error = body ? string_member(*body, "error") : std::string_view{};
    // An expired, reused or foreign code is the user's problem; anything else (invalid_client, 5xx)
    // is ours or the provider's.
    if (token->status == 400 && error == "invalid_grant") {
      return rejected("The identity provider rejected the sign-in");
    }
    return provider_unavailable("token endpoint answered HTTP " + std::to_string(token->status) +
                                (error.empty() ? "" : " error=" + std::string(error.substr(0, 64))));
  }
  if (!body) return provider_unavailable("token response is not a JSON object");
  const std::string_view id_token = string_member(*body, "id_token");
  if (id_token.empty()) return provider_unavailable("token response has no id_token");

  auto keys = http.get(provider.jwks_uri);
  if (!keys) return provider_unavailable("jwks: " + keys.error().internal);
  if (keys->status != 200) return provider_unavailable("jwks answered HTTP " + std::to_string(keys->status));
  auto jwks = parse_object(keys->body);
  if (!jwks) return provider_unavailable("jwks is not a JSON object");

  auto claims = verify_id_token(id_token, *jwks, provider.issuer, config.client_id, expected_nonce, now);
  if (!claims) return tl::unexpected(claims.error());

  VerifiedIdentity identity;
  identity.subject = string_member(*claims, "sub");
  identity.name = string_member(*claims, "name");
  if (const json::value* number = claims->if_contains(config.id_number_claim);
      number && number->is_string()) {
    identity.id_number = std::string(number->get_string());
  }
  return identity;
}

}  // namespace sen::identity
