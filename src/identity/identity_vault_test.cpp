#include "identity/identity_vault.hpp"

#include <gtest/gtest.h>
#include <sodium.h>

namespace sen::identity {
namespace {

TEST(IdentityNumberVault, LooksUpByAKeyedHashThatRevealsNothingWithoutTheKey) {
  ASSERT_GE(sodium_init(), 0);
  const IdentityNumberVault vault(std::string(32, 'a'));
  const IdentityNumberVault other(std::string(32, 'b'));
  const std::string key = vault.lookup_key("001099012345");
  EXPECT_EQ(key.size(), 64u);
  EXPECT_EQ(key, vault.lookup_key("001099012345")) << "the same number finds the same account";
  EXPECT_NE(key, vault.lookup_key("001099012346"));
  EXPECT_NE(key, other.lookup_key("001099012345")) << "another key: guesses cannot be tested without it";
  EXPECT_EQ(vault.username("001099012345"), "id:" + key);
}

TEST(IdentityNumberVault, SealsUnderItsOwnKeyAndRefusesAlteredOrForeignSeals) {
  ASSERT_GE(sodium_init(), 0);
  const IdentityNumberVault vault(std::string(32, 'a'));
  const std::string sealed = vault.seal("001099012345");
  EXPECT_EQ(sealed.find("001099012345"), std::string::npos);
  EXPECT_NE(sealed, vault.seal("001099012345")) << "a fresh nonce each time";
  EXPECT_EQ(vault.unseal(sealed).value_or(""), "001099012345");
  EXPECT_FALSE(IdentityNumberVault(std::string(32, 'b')).unseal(sealed));
  std::string altered = sealed;
  altered[altered.size() / 2] = altered[altered.size() / 2] == 'A' ? 'B' : 'A';
  EXPECT_FALSE(vault.unseal(altered));
}

}  // namespace
}  // namespace sen::identity
