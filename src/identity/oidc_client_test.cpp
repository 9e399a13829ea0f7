#include "identity/oidc_client.hpp"

#include <gtest/gtest.h>
#include <openssl/core_names.h>
#include <openssl/ec.h>
#include <openssl/evp.h>
#include <openssl/hmac.h>
#include <openssl/rsa.h>
#include <openssl/sha.h>
#include <sodium.h>

#include <boost/json.hpp>
#include <functional>
#include <map>
#include <set>

namespace sen::identity {
namespace {

namespace json = boost::json;
using namespace std::chrono_literals;
using Clock = std::chrono::system_clock;

constexpr std::string_view kIssuer = "https://id.example.vn";
constexpr std::string_view kClient = "sen-portal";
constexpr std::string_view kNonce = "n-0S6_WzA2Mj";

std::string b64url(std::string_view bytes) {
  std::string out(sodium_base64_encoded_len(bytes.size(), sodium_base64_VARIANT_URLSAFE_NO_PADDING), '\0');
  sodium_bin2base64(out.data(), out.size(), reinterpret_cast<const unsigned char*>(bytes.data()),
                    bytes.size(), sodium_base64_VARIANT_URLSAFE_NO_PADDING);
  out.resize(out.size() - 1);
  return out;
}

std::string bn_bytes(const EVP_PKEY* key, const char* param, int pad = 0) {
  BIGNUM* bn = nullptr;
  EXPECT_EQ(EVP_PKEY_get_bn_param(key, param, &bn), 1) << param;
  std::string out(pad > 0 ? static_cast<std::size_t>(pad) : static_cast<std::size_t>(BN_num_bytes(bn)), '\0');
  if (pad > 0) {
    BN_bn2binpad(bn, reinterpret_cast<unsigned char*>(out.data()), pad);
  } else {
    BN_bn2bin(bn, reinterpret_cast<unsigned char*>(out.data()));
  }
  BN_free(bn);
  return out;
}

// A signing key made by OpenSSL for the test run, with its public JWK.
struct TestKey {
  std::string alg;
  std::string kid;
  EVP_PKEY* key = nullptr;

  TestKey(std::string a, std::string k, int rsa_bits = 2048) : alg(std::move(a)), kid(std::move(k)) {
    key = alg == "RS256" ? EVP_RSA_gen(static_cast<unsigned>(rsa_bits)) : EVP_EC_gen("P-256");
  }
  ~TestKey() { EVP_PKEY_free(key); }
  TestKey(const TestKey&) = delete;
  TestKey& operator=(const TestKey&) = delete;

  json::object jwk() const {
    json::object o{{"kid", kid}, {"use", "sig"}, {"alg", alg}};
    if (alg == "RS256") {
      o["kty"] = "RSA";
      o["n"] = b64url(bn_bytes(key, OSSL_PKEY_PARAM_RSA_N));
      o["e"] = b64url(bn_bytes(key, OSSL_PKEY_PARAM_RSA_E));
    } else {
      o["kty"] = "EC";
      o["crv"] = "P-256";
      o["x"] = b64url(bn_bytes(key, OSSL_PKEY_PARAM_EC_PUB_X, 32));
      o["y"] = b64url(bn_bytes(key, OSSL_PKEY_PARAM_EC_PUB_Y, 32));
    }
    return o;
  }

  std::string sign(std::string_view input) const {
    EVP_MD_CTX* ctx = EVP_MD_CTX_new();
    std::size_t size = 0;
    EVP_DigestSignInit_ex(ctx, nullptr, "SHA256", nullptr, nullptr, key, nullptr);
    EVP_DigestSign(ctx, nullptr, &size, reinterpret_cast<const unsigned char*>(input.data()), input.size());
    std::string sig(size, '\0');
    EVP_DigestSign(ctx, reinterpret_cast<unsigned char*>(sig.data()), &size,
                   reinterpret_cast<const unsigned char*>(input.data()), input.size());
    sig.resize(size);
    EVP_MD_CTX_free(ctx);
    if (alg == "RS256") return sig;
    // DER → the fixed-size r || s that JWS uses.
    const auto* p = reinterpret_cast<const unsigned char*>(sig.data());
    ECDSA_SIG* der = d2i_ECDSA_SIG(nullptr, &p, static_cast<long>(sig.size()));
    std::string raw(64, '\0');
    BN_bn2binpad(ECDSA_SIG_get0_r(der), reinterpret_cast<unsigned char*>(raw.data()), 32);
    BN_bn2binpad(ECDSA_SIG_get0_s(der), reinterpret_cast<unsigned char*>(raw.data()) + 32, 32);
    ECDSA_SIG_free(der);
    return raw;
  }
};

std::string compact(const json::object& header, const json::object& claims, const TestKey& signer) {
  const std::string input = b64url(json::serialize(header)) + "." + b64url(json::serialize(claims));
  return input + "." + b64url(signer.sign(input));
}

class VerifyIdTokenTest : public ::testing::Test {
 protected:
  static void SetUpTestSuite() { ASSERT_GE(sodium_init(), 0); }

  // Shared across tests: RSA key generation is slow on a small machine.
  static TestKey& rsa() {
    static TestKey k("RS256", "rsa-1");
    return k;
  }
  static TestKey& ec() {
    static TestKey k("ES256", "ec-1");
    return k;
  }

  json::object jwks() const { return {{"keys", json::array{rsa().jwk(), ec().jwk()}}}; }
  json::object header(const TestKey& k) const { return {{"alg", k.alg}, {"typ", "JWT"}, {"kid", k.kid}}; }
  json::object claims() const {
    const auto t = std::chrono::duration_cast<std::chrono::seconds>(now_.time_since_epoch()).count();
    return {{"iss", kIssuer}, {"aud", kClient},  {"sub", "citizen-42"},     {"iat", t - 5},
            {"exp", t + 300}, {"nonce", kNonce}, {"name", "Trần Thị Bình"}, {"id_number", "001099012345"}};
  }
  Result<json::object> verify(std::string_view token) const {
    return verify_id_token(token, jwks(), kIssuer, kClient, kNonce, now_);
  }
  std::string failure(std::string_view token) const {
    auto r = verify(token);
    if (r) return "(accepted)";
    EXPECT_EQ(r.error().code, ErrorCode::kUnauthenticated);
    return r.error().message;
  }

  Clock::time_point now_ = Clock::time_point(std::chrono::seconds(1'800'000'000));
};

TEST_F(VerifyIdTokenTest, AcceptsRs256AndEs256) {
  for (TestKey* k : {&rsa(), &ec()}) {
    auto r = verify(compact(header(*k), claims(), *k));
    ASSERT_TRUE(r) << k->alg << ": " << r.error().message;
    EXPECT_EQ((*r)["sub"], "citizen-42");
    EXPECT_EQ((*r)["id_number"], "001099012345");
  }
}

TEST_F(VerifyIdTokenTest, EveryCheckFailsWithItsOwnMessage) {
  const auto t = std::chrono::duration_cast<std::chrono::seconds>(now_.time_since_epoch()).count();
  const std::string good = compact(header(rsa()), claims(), rsa());
  auto with = [&](std::string_view key, json::value v) {
    json::object c = claims();
    c[key] = std::move(v);
    return compact(header(rsa()), c, rsa());
  };

  // Same signature, payload changed.
  json::object forged = claims();
  forged["sub"] = "someone-else";
  const std::string tampered =
      good.substr(0, good.find('.') + 1) + b64url(json::serialize(forged)) + good.substr(good.rfind('.'));

  json::object unknown_kid = header(rsa());
  unknown_kid["kid"] = "rotated-away";
  json::object none = header(rsa());
  none["alg"] = "none";
  // HS256 with the RSA public key as the HMAC secret: the classic algorithm confusion.
  json::object hs = header(rsa());
  hs["alg"] = "HS256";
  const std::string hs_input = b64url(json::serialize(hs)) + "." + b64url(json::serialize(claims()));
  const std::string secret = json::serialize(rsa().jwk());
  unsigned char mac[32];
  unsigned int mac_size = 0;
  HMAC(EVP_sha256(), secret.data(), static_cast<int>(secret.size()),
       reinterpret_cast<const unsigned char*>(hs_input.data()), hs_input.size(), mac, &mac_size);
  const std::string hs256 = hs_input + "." + b64url(std::string_view(reinterpret_cast<char*>(mac), mac_size));
  // An RS256 header pointing at the EC key.
  json::object crossed = header(rsa());
  crossed["kid"] = ec().kid;

  json::object two_audiences = claims();
  two_audiences["aud"] = json::array{"other-client", kClient};

  const std::map<std::string, std::string> cases = {
      {"tampered payload", tampered},
      {"unknown kid", compact(unknown_kid, claims(), rsa())},
      {"alg none", b64url(json::serialize(none)) + "." + b64url(json::serialize(claims())) + "."},
      {"expired", with("exp", t - 61)},
      {"issued in the future", with("iat", t + 61)},
      {"wrong audience", with("aud", "other-client")},
      {"several audiences, no azp", compact(header(rsa()), two_audiences, rsa())},
      {"wrong issuer", with("iss", "https://evil.example")},
      {"wrong nonce", with("nonce", "replayed")},
  };
  std::set<std::string> messages;
  for (const auto& [name, token] : cases) {
    const std::string message = failure(token);
    EXPECT_NE(message, "(accepted)") << name;
    EXPECT_TRUE(messages.insert(message).second) << name << " shares its message: " << message;
  }
  EXPECT_EQ(failure(tampered), "ID token signature is invalid");
  EXPECT_EQ(failure(compact(unknown_kid, claims(), rsa())), "ID token signing key not found");
  EXPECT_EQ(failure(compact(crossed, claims(), rsa())), "ID token signing key not found");
  // Both refused by the same check.
  EXPECT_EQ(failure(hs256), "ID token algorithm is not allowed");
  EXPECT_EQ(failure(cases.at("alg none")), "ID token algorithm is not allowed");
  EXPECT_EQ(failure(with("exp", t - 61)), "ID token has expired");
  EXPECT_EQ(failure(with("aud", "other-client")), "ID token audience mismatch");
  EXPECT_EQ(failure(with("iss", "https://evil.example")), "ID token issuer mismatch");
  EXPECT_EQ(failure(with("nonce", "replayed")), "ID token nonce mismatch");
}

TEST_F(VerifyIdTokenTest, ToleratesSixtySecondsOfClockSkew) {
  const auto t = std::chrono::duration_cast<std::chrono::seconds>(now_.time_since_epoch()).count();
  json::object c = claims();
  c["exp"] = t - 59;
  c["iat"] = t + 59;
  auto r = verify(compact(header(rsa()), c, rsa()));
  EXPECT_TRUE(r) << r.error().message;
  c["exp"] = t - 60;
  EXPECT_EQ(failure(compact(header(rsa()), c, rsa())), "ID token has expired");
}

TEST_F(VerifyIdTokenTest, SeveralAudiencesNeedAzpNamingUs) {
  json::object c = claims();
  c["aud"] = json::array{"other-client", kClient};
  c["azp"] = kClient;
  auto r = verify(compact(header(ec()), c, ec()));
  EXPECT_TRUE(r) << r.error().message;
  c["azp"] = "other-client";
  EXPECT_EQ(failure(compact(header(ec()), c, ec())), "ID token authorized party mismatch");
}

TEST_F(VerifyIdTokenTest, RejectsMalformedTokensAndWeakKeys) {
  for (const char* token : {"", "abc", "a.b", "a.b.c.d", "!!.??.**", "e30.e30.AA==="}) {
    EXPECT_EQ(failure(token), "ID token is malformed") << token;
  }
  // An ES256 signature in DER instead of r || s.
  const std::string good = compact(header(ec()), claims(), ec());
  EXPECT_EQ(failure(good.substr(0, good.rfind('.') + 1) + b64url(std::string(70, '\x30'))),
            "ID token signature is invalid");

  TestKey weak("RS256", "weak", 1024);
  json::object set{{"keys", json::array{weak.jwk()}}};
  auto r = verify_id_token(compact(header(weak), claims(), weak), set, kIssuer, kClient, kNonce, now_);
  ASSERT_FALSE(r);
  EXPECT_EQ(r.error().message, "ID token signing key is unusable");
}

TEST_F(VerifyIdTokenTest, KeyWithoutKidOnlyWhenUnambiguous) {
  json::object h = header(rsa());
  h.erase("kid");
  auto r = verify(compact(h, claims(), rsa()));  // the set has one RSA key
  EXPECT_TRUE(r) << r.error().message;
  json::object two{{"keys", json::array{rsa().jwk(), rsa().jwk()}}};
  auto ambiguous = verify_id_token(compact(h, claims(), rsa()), two, kIssuer, kClient, kNonce, now_);
  ASSERT_FALSE(ambiguous);
  EXPECT_EQ(ambiguous.error().message, "ID token signing key is ambiguous");
}

// Answers requests from a table instead of the network and remembers what was sent.
class FakeHttp : public outbound::HttpClient {
 public:
  std::map<std::string, Result<outbound::HttpResponse>> routes;
  std::vector<outbound::HttpRequest> sent;

 protected:
  Result<outbound::HttpResponse> send(const outbound::HttpRequest& request) override {
    sent.push_back(request);
    auto it = routes.find(request.method + " " + request.url);
    if (it == routes.end()) {
      return tl::unexpected(Error{ErrorCode::kUnavailable, "unavailable", {}, "connection refused"});
    }
    return it->second;
  }
};

outbound::HttpResponse json_response(int status, const json::value& body) {
  return {status, json::serialize(body), "application/json"};
}

OidcConfig test_config() {
  OidcConfig c;
  c.issuer = kIssuer;
  c.client_id = kClient;
  c.client_secret = "s3cr:t/+ x";
  c.redirect_uri = "https://sen.example.vn/api/v1/auth/oidc/callback";
  return c;
}

json::object discovery_document() {
  return {{"issuer", kIssuer},
          {"authorization_endpoint", "https://id.example.vn/auth"},
          {"token_endpoint", "https://id.example.vn/token"},
          {"jwks_uri", "https://id.example.vn/jwks"},
          {"response_types_supported", json::array{"code"}},
          {"code_challenge_methods_supported", json::array{"S256"}}};
}

constexpr const char* kDiscoveryUrl = "GET https://id.example.vn/.well-known/openid-configuration";

TEST(OidcDiscover, ReadsTheDocumentOfTheConfiguredIssuer) {
  FakeHttp http;
  http.routes.emplace(kDiscoveryUrl, json_response(200, discovery_document()));
  auto m = discover(test_config(), http);
  ASSERT_TRUE(m) << m.error().internal;
  EXPECT_EQ(m->issuer, kIssuer);
  EXPECT_EQ(m->authorization_endpoint, "https://id.example.vn/auth");
  EXPECT_EQ(m->token_endpoint, "https://id.example.vn/token");
  EXPECT_EQ(m->jwks_uri, "https://id.example.vn/jwks");

  OidcConfig slash = test_config();
  slash.issuer += "/";  // the well-known path is appended without a double slash...
  auto r = discover(slash, http);
  ASSERT_FALSE(r);  // ...but the issuer must still match exactly
  EXPECT_NE(r.error().internal.find("differs"), std::string::npos) << r.error().internal;
}

TEST(OidcDiscover, RefusesUnusableProviders) {
  auto attempt = [](json::object doc, OidcConfig config = test_config()) {
    FakeHttp http;
    http.routes.emplace(kDiscoveryUrl, json_response(200, doc));
    auto r = discover(config, http);
    EXPECT_FALSE(r);
    if (r) return std::string();
    EXPECT_EQ(r.error().code, ErrorCode::kUnavailable);
    return r.error().internal;
  };
  json::object doc = discovery_document();
  doc["issuer"] = "https://other.example.vn";
  EXPECT_NE(attempt(doc).find("differs"), std::string::npos);
  doc = discovery_document();
  doc["token_endpoint"] = "http://id.example.vn/token";  // plain http off loopback
  EXPECT_NE(attempt(doc).find("token_endpoint"), std::string::npos);
  doc = discovery_document();
  doc.erase("jwks_uri");
  EXPECT_NE(attempt(doc).find("jwks_uri"), std::string::npos);
  doc = discovery_document();
  doc["code_challenge_methods_supported"] = json::array{"plain"};
  EXPECT_NE(attempt(doc).find("S256"), std::string::npos);
  OidcConfig insecure = test_config();
  insecure.issuer = "http://id.example.vn";
  EXPECT_NE(attempt(discovery_document(), insecure).find("https"), std::string::npos);

  FakeHttp down;  // no routes: every request fails like a refused connection
  auto r = discover(test_config(), down);
  ASSERT_FALSE(r);
  EXPECT_EQ(r.error().code, ErrorCode::kUnavailable);
  EXPECT_EQ(r.error().message, "The identity provider is unavailable");
}

TEST(OidcDiscover, AllowsPlainHttpOnLoopback) {
  FakeHttp http;
  json::object doc{{"issuer", "http://127.0.0.1:4000"},
                   {"authorization_endpoint", "http://127.0.0.1:4000/auth"},
                   {"token_endpoint", "http://127.0.0.1:4000/token"},
                   {"jwks_uri", "http://127.0.0.1:4000/jwks"}};
  http.routes.emplace("GET http://127.0.0.1:4000/.well-known/openid-configuration", json_response(200, doc));
  OidcConfig c = test_config();
  c.issuer = "http://127.0.0.1:4000";
  auto m = discover(c, http);
  EXPECT_TRUE(m) << m.error().internal;
}

std::map<std::string, std::string> query_of(std::string_view url) {
  std::map<std::string, std::string> out;
  const auto q = url.find('?');
  std::string_view rest = url.substr(q + 1);
  while (!rest.empty()) {
    const auto amp = rest.find('&');
    const std::string_view pair = rest.substr(0, amp);
    const auto eq = pair.find('=');
    out[std::string(pair.substr(0, eq))] = std::string(pair.substr(eq + 1));
    rest = amp == std::string_view::npos ? std::string_view{} : rest.substr(amp + 1);
  }
  return out;
}

TEST(OidcBegin, BuildsACodeFlowRequestWithPkce) {
  ASSERT_GE(sodium_init(), 0);
  ProviderMetadata m{std::string(kIssuer), "https://id.example.vn/auth?ui_locales=vi", "", ""};
  const AuthorizationStart a = begin_authorization(test_config(), m);
  EXPECT_TRUE(a.url.starts_with("https://id.example.vn/auth?ui_locales=vi&response_type=code&")) << a.url;
  auto q = query_of(a.url);
  EXPECT_EQ(q["client_id"], "sen-portal");
  EXPECT_EQ(q["redirect_uri"], "https%3A%2F%2Fsen.example.vn%2Fapi%2Fv1%2Fauth%2Foidc%2Fcallback");
  EXPECT_EQ(q["scope"], "openid%20profile");
  EXPECT_EQ(q["state"], a.state);
  EXPECT_EQ(q["nonce"], a.nonce);
  EXPECT_EQ(q["code_challenge_method"], "S256");
  unsigned char digest[SHA256_DIGEST_LENGTH];
  SHA256(reinterpret_cast<const unsigned char*>(a.code_verifier.data()), a.code_verifier.size(), digest);
  EXPECT_EQ(q["code_challenge"], b64url(std::string_view(reinterpret_cast<char*>(digest), sizeof digest)));

  // 32 random bytes each: 43 base64url characters, fresh on every call.
  EXPECT_EQ(a.code_verifier.size(), 43u);
  EXPECT_EQ(a.state.size(), 43u);
  EXPECT_EQ(a.nonce.size(), 43u);
  EXPECT_EQ(
      a.code_verifier.find_first_not_of("ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_"),
      std::string::npos);
  const AuthorizationStart b = begin_authorization(test_config(), m);
  EXPECT_NE(a.state, b.state);
  EXPECT_NE(a.nonce, b.nonce);
  EXPECT_NE(a.code_verifier, b.code_verifier);
  EXPECT_NE(a.state, a.nonce);
}

class OidcComplete : public VerifyIdTokenTest {
 protected:
  ProviderMetadata metadata() const {
    return {std::string(kIssuer), "https://id.example.vn/auth", "https://id.example.vn/token",
            "https://id.example.vn/jwks"};
  }
  void serve_token(int status, const json::value& body) {
    http_.routes.insert_or_assign("POST https://id.example.vn/token", json_response(status, body));
    http_.routes.insert_or_assign("GET https://id.example.vn/jwks", json_response(200, jwks()));
  }
  Result<VerifiedIdentity> complete() {
    return complete_authorization(test_config(), metadata(), http_, "the-code", "the-verifier", kNonce, now_);
  }
  FakeHttp http_;
};

TEST_F(OidcComplete, ExchangesTheCodeAndReturnsTheVerifiedCitizen) {
  serve_token(200, {{"access_token", "at"},
                    {"token_type", "Bearer"},
                    {"id_token", compact(header(rsa()), claims(), rsa())}});
  auto id = complete();
  ASSERT_TRUE(id) << id.error().message << " " << id.error().internal;
  EXPECT_EQ(id->subject, "citizen-42");
  EXPECT_EQ(id->id_number, "001099012345");
  EXPECT_EQ(id->name, "Trần Thị Bình");

  ASSERT_EQ(http_.sent.size(), 2u);
  const outbound::HttpRequest& token = http_.sent[0];
  EXPECT_EQ(token.method, "POST");
  EXPECT_EQ(token.content_type, "application/x-www-form-urlencoded");
  EXPECT_EQ(token.body,
            "grant_type=authorization_code&code=the-code&redirect_uri=https%3A%2F%2Fsen.example.vn%2Fapi%"
            "2Fv1%2Fauth%"
            "2Foidc%2Fcallback&code_verifier=the-verifier");
  // base64("sen-portal:s3cr%3At%2F%2B%20x"): both parts form-encoded first (RFC 6749 2.3.1).
  EXPECT_EQ(token.authorization, "Basic c2VuLXBvcnRhbDpzM2NyJTNBdCUyRiUyQiUyMHg=");
  EXPECT_EQ(http_.sent[1].url, "https://id.example.vn/jwks");
}

TEST_F(OidcComplete, IdNumberIsOptional) {
  json::object c = claims();
  c.erase("id_number");
  serve_token(200, {{"id_token", compact(header(ec()), c, ec())}});
  auto id = complete();
  ASSERT_TRUE(id) << id.error().message;
  EXPECT_FALSE(id->id_number.has_value());
}

TEST_F(OidcComplete, RejectedCodeIsUnauthenticatedAndProviderTroubleIsUnavailable) {
  serve_token(400, {{"error", "invalid_grant"}});
  auto r = complete();
  ASSERT_FALSE(r);
  EXPECT_EQ(r.error().code, ErrorCode::kUnauthenticated);

  serve_token(401, {{"error", "invalid_client"}});
  r = complete();
  ASSERT_FALSE(r);
  EXPECT_EQ(r.error().code, ErrorCode::kUnavailable);
  EXPECT_NE(r.error().internal.find("invalid_client"), std::string::npos);

  serve_token(200, {{"access_token", "at"}});
  r = complete();
  ASSERT_FALSE(r);
  EXPECT_EQ(r.error().code, ErrorCode::kUnavailable);

  http_.routes.clear();
  r = complete();
  ASSERT_FALSE(r);
  EXPECT_EQ(r.error().code, ErrorCode::kUnavailable);
  EXPECT_EQ(r.error().internal.find("the-code"), std::string::npos);
}

TEST_F(OidcComplete, TokenForAnotherLoginIsUnauthenticated) {
  json::object c = claims();
  c["nonce"] = "from-another-attempt";
  serve_token(200, {{"id_token", compact(header(rsa()), c, rsa())}});
  auto r = complete();
  ASSERT_FALSE(r);
  EXPECT_EQ(r.error().code, ErrorCode::kUnauthenticated);
  EXPECT_EQ(r.error().message, "ID token nonce mismatch");
}

}  // namespace
}  // namespace sen::identity
