#include "identity/password.hpp"

#include <gtest/gtest.h>
#include <sodium.h>

namespace sen::identity {
namespace {

constexpr PasswordCost kCheap{1, 8 * 1024};  // tests need correctness, not cost

TEST(Password, PolicyNamesThePasswordField) {
  EXPECT_TRUE(check_password_policy("correct horse battery", "minh"));
  for (const char* bad : {"short", "1234567890", "aaaaaaaaaaaa", "xxminh.nguyenxx"}) {
    auto r = check_password_policy(bad, "minh.nguyen");
    ASSERT_FALSE(r) << bad;
    EXPECT_EQ(r.error().field, "password");
  }
  EXPECT_FALSE(check_password_policy(std::string(129, 'x') + "y", "u"));
  EXPECT_TRUE(check_password_policy("ơi ở đâu ạ", "minh")) << "10 characters, though more bytes";
  EXPECT_FALSE(check_password_policy("ơiởđâuạ", "minh")) << "7 characters, though 16 bytes";
}

TEST(Password, HashesWithArgon2idAndVerifies) {
  ASSERT_GE(sodium_init(), 0);
  auto h = hash_password("correct horse battery", kCheap);
  ASSERT_TRUE(h);
  EXPECT_TRUE(h->starts_with("$argon2id$"));
  EXPECT_TRUE(verify_password(*h, "correct horse battery"));
  EXPECT_FALSE(verify_password(*h, "correct horse batterz"));
  EXPECT_NE(*hash_password("correct horse battery", kCheap), *h) << "salted";
  EXPECT_FALSE(verify_password(decoy_hash(kCheap), "correct horse battery"));
}

}  // namespace
}  // namespace sen::identity
