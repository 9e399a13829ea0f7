#include "core/key_seal.hpp"

#include <gtest/gtest.h>
#include <sodium.h>
#include <unistd.h>

#include <fstream>

namespace sen {
namespace {

namespace fs = std::filesystem;

class KeySealTest : public ::testing::Test {
 protected:
  void SetUp() override {
    ASSERT_GE(sodium_init(), 0);
    dir_ = fs::temp_directory_path() / ("sen_key_seal_" + std::to_string(getpid()) + "_" +
                                        ::testing::UnitTest::GetInstance()->current_test_info()->name());
  }
  void TearDown() override {
    std::error_code ec;
    fs::remove_all(dir_, ec);
  }
  fs::path dir_;
};

TEST_F(KeySealTest, AMasterKeyIsCreatedPrivatelyAndThenReused) {
  const fs::path file = dir_ / "pki" / "master.key";
  auto created = load_or_create_key(file, "The test key");
  ASSERT_TRUE(created) << created.error().internal;
  EXPECT_EQ(created->size(), kSealKeyBytes);
  EXPECT_EQ(fs::status(file).permissions() & fs::perms::all, fs::perms::owner_read | fs::perms::owner_write);
  auto again = load_or_create_key(file, "The test key");
  ASSERT_TRUE(again);
  EXPECT_EQ(*again, *created);
}

TEST_F(KeySealTest, AMasterKeyFileOfTheWrongSizeIsAnErrorAndIsKept) {
  fs::create_directories(dir_);
  const fs::path file = dir_ / "master.key";
  std::ofstream(file) << "short";
  auto r = load_or_create_key(file, "The test key");
  ASSERT_FALSE(r);
  EXPECT_NE(r.error().message.find("32 bytes"), std::string::npos);
  EXPECT_EQ(fs::file_size(file), 5u);
}

TEST_F(KeySealTest, SealedTextOpensOnlyWithItsKey) {
  const std::string key(kSealKeyBytes, 'k');
  const std::string secret = "-----BEGIN PRIVATE KEY-----\nabc\n-----END PRIVATE KEY-----\n";
  const std::string sealed = seal(secret, key);
  EXPECT_EQ(sealed.find("PRIVATE"), std::string::npos);
  EXPECT_NE(seal(secret, key), sealed) << "a fresh nonce each time";
  auto opened = unseal(sealed, key);
  ASSERT_TRUE(opened);
  EXPECT_EQ(*opened, secret);

  auto wrong = unseal(sealed, std::string(kSealKeyBytes, 'x'));
  ASSERT_FALSE(wrong);
  EXPECT_EQ(wrong.error().code, ErrorCode::kInternal);

  std::string altered = sealed;
  altered[10] = altered[10] == 'A' ? 'B' : 'A';
  EXPECT_FALSE(unseal(altered, key));
  EXPECT_FALSE(unseal("not base64!", key));
  EXPECT_FALSE(unseal(sealed, "short key"));
}

}  // namespace
}  // namespace sen
