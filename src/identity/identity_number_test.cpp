#include "identity/identity_number.hpp"

#include <gtest/gtest.h>

namespace sen::identity {
namespace {

TEST(IdentityNumber, AcceptsTheRightForm) {
  EXPECT_TRUE(validate_id_number("001099012345"));
  EXPECT_TRUE(validate_id_number("079203001234"));
}

TEST(IdentityNumber, RejectsWrongLengthDigitsAndProvince) {
  for (const char* bad :
       {"00109901234", "0010990123456", "00109901234a", "003099012345", "999099012345", ""}) {
    auto r = validate_id_number(bad);
    ASSERT_FALSE(r) << bad;
    EXPECT_EQ(r.error().field, "id_number");
  }
}

TEST(IdentityNumber, MasksAllButTheEnds) { EXPECT_EQ(mask_id_number("001099012345"), "001******345"); }

TEST(IdentityNumber, TwelveDigitUsernamesLookLikeOne) {
  EXPECT_TRUE(looks_like_id_number("001099012345"));
  EXPECT_TRUE(looks_like_id_number("999999999999"));  // not a valid number, still reserved
  EXPECT_FALSE(looks_like_id_number("00109901234"));
  EXPECT_FALSE(looks_like_id_number("0010990123456"));
  EXPECT_FALSE(looks_like_id_number("00109901234a"));
}

TEST(EnterpriseCode, TenDigitsOrBranch) {
  EXPECT_TRUE(validate_enterprise_code("0101234567"));
  EXPECT_TRUE(validate_enterprise_code("0101234567-001"));
  EXPECT_FALSE(validate_enterprise_code("010123456"));
  EXPECT_FALSE(validate_enterprise_code("0101234567001"));
}

}  // namespace
}  // namespace sen::identity
