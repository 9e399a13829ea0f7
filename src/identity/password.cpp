#include "identity/password.hpp"

#include <sodium.h>

#include <algorithm>
#include <array>
#include <mutex>

#include "core/text_fold.hpp"

namespace sen::identity {
namespace {

constexpr std::array<std::string_view, 12> kCommonPasswords = {
    "1234567890", "12345678910", "123456789012", "0123456789",  "password123", "password1234",
    "qwertyuiop", "1111111111",  "matkhau123",   "matkhau1234", "abcd123456",  "iloveyou12"};

std::string lower(std::string_view s) {
  std::string out(s);
  std::transform(out.begin(), out.end(), out.begin(), [](unsigned char c) { return std::tolower(c); });
  return out;
}

}  // namespace

Status check_password_policy(std::string_view password, std::string_view username) {
  const std::size_t length = utf8_length(password);
  if (length < kMinPasswordLength || length > kMaxPasswordLength) {
    return fail(ErrorCode::kInvalidArgument, "A password has 10 to 128 characters", "password");
  }
  const std::string p = lower(password);
  if (!username.empty() && p.find(lower(username)) != std::string::npos) {
    return fail(ErrorCode::kInvalidArgument, "The password must not contain the username", "password");
  }
  if (std::find(kCommonPasswords.begin(), kCommonPasswords.end(), p) != kCommonPasswords.end() ||
      std::all_of(p.begin(), p.end(), [&](char c) { return c == p[0]; })) {
    return fail(ErrorCode::kInvalidArgument, "This password is too easy to guess", "password");
  }
  return {};
}

Result<std::string> hash_password(std::string_view password, const PasswordCost& cost) {
  char out[crypto_pwhash_STRBYTES];
  if (crypto_pwhash_str_alg(out, password.data(), password.size(), cost.ops, cost.memory_bytes,
                            crypto_pwhash_ALG_ARGON2ID13) != 0) {
    return fail_internal("argon2id hashing failed (out of memory?)");
  }
  return std::string(out);
}

bool verify_password(const std::string& hash, std::string_view password) {
  return crypto_pwhash_str_verify(hash.c_str(), password.data(), password.size()) == 0;
}

const std::string& decoy_hash(const PasswordCost& cost) {
  static std::once_flag once;
  static std::string hash;
  std::call_once(once, [&] {
    unsigned char random[32];
    randombytes_buf(random, sizeof random);
    hash = hash_password(std::string_view(reinterpret_cast<char*>(random), sizeof random), cost).value_or("");
  });
  return hash;
}

}  // namespace sen::identity
