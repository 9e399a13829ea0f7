#include "http/payment_callback.hpp"

#include <fmt/format.h>
#include <openssl/crypto.h>
#include <openssl/evp.h>
#include <openssl/hmac.h>

#include <boost/json.hpp>
#include <charconv>
#include <cstdlib>

#include "http/api_support.hpp"

namespace sen::http {
namespace {

std::string hmac_sha256_hex(std::string_view key, std::string_view data) {
  unsigned char mac[EVP_MAX_MD_SIZE];
  unsigned int len = 0;
  HMAC(EVP_sha256(), key.data(), static_cast<int>(key.size()),
       reinterpret_cast<const unsigned char*>(data.data()), data.size(), mac, &len);
  std::string hex;
  for (unsigned int i = 0; i < len; ++i) hex += fmt::format("{:02x}", mac[i]);
  return hex;
}

constexpr std::size_t kMaxTransactionIdChars = 64;

}  // namespace

Result<services::PaymentConfirmation> read_payment_callback(const Request& r, const PaymentGateway& gateway,
                                                            const Clock& clock) {
  if (gateway.secret.empty()) return fail(ErrorCode::kUnavailable, "Payment callbacks are not configured");
  const auto timestamp = r.header("x-sen-timestamp").value_or("");
  const auto signature = r.header("x-sen-signature").value_or("");
  const std::string expected = hmac_sha256_hex(gateway.secret, std::string(timestamp) + "." + r.body);
  if (signature.size() != expected.size() ||
      CRYPTO_memcmp(signature.data(), expected.data(), expected.size()) != 0) {
    return fail(ErrorCode::kUnauthenticated, "The callback's signature does not match", "X-Sen-Signature");
  }
  long long sent = 0;
  const auto [ptr, ec] = std::from_chars(timestamp.data(), timestamp.data() + timestamp.size(), sent);
  const long long now_s =
      std::chrono::duration_cast<std::chrono::seconds>(clock.now().time_since_epoch()).count();
  if (ec != std::errc() || ptr != timestamp.data() + timestamp.size() ||
      std::llabs(now_s - sent) > gateway.max_age_seconds) {
    return fail(ErrorCode::kUnauthenticated, "The callback is too old or its timestamp is invalid",
                "X-Sen-Timestamp");
  }
  auto body = parse_json_object_body(r);
  if (!body) return tl::unexpected(body.error());
  if (auto ok = check_members(*body, {{"reference", JsonKind::kString, true},
                                      {"transaction_id", JsonKind::kString, true},
                                      {"amount_vnd", JsonKind::kInteger, true},
                                      {"paid_at", JsonKind::kString}});
      !ok) {
    return tl::unexpected(ok.error());
  }
  services::PaymentConfirmation c;
  c.reference = string_member(*body, "reference");
  c.transaction_id = string_member(*body, "transaction_id");
  c.amount_vnd = body->at("amount_vnd").as_int64();
  if (c.reference.empty()) return fail(ErrorCode::kInvalidArgument, "reference is required", "reference");
  if (c.transaction_id.empty() || c.transaction_id.size() > kMaxTransactionIdChars) {
    return fail(ErrorCode::kInvalidArgument,
                fmt::format("transaction_id is required (at most {} characters)", kMaxTransactionIdChars),
                "transaction_id");
  }
  if (body->contains("paid_at")) {
    c.paid_at = parse_rfc3339(string_member(*body, "paid_at"));
    if (!c.paid_at) return fail(ErrorCode::kInvalidArgument, "paid_at must be an RFC 3339 time", "paid_at");
  }
  return c;
}

}  // namespace sen::http
