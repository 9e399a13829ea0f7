#include "core/text_fold.hpp"

#include <gtest/gtest.h>

namespace sen {
namespace {

TEST(TextFold, RemovesVietnameseDiacriticsAndCase) {
  EXPECT_EQ(fold_for_search("Thành phố Hà Nội"), "thanh pho ha noi");
  EXPECT_EQ(fold_for_search("HA NOI"), "ha noi");
  EXPECT_EQ(fold_for_search("Hà Nội"), "ha noi");
  EXPECT_EQ(fold_for_search("ỨNG HÒA"), "ung hoa");
  EXPECT_EQ(fold_for_search("Phường Ơ Môn"), "phuong o mon");
}

TEST(TextFold, MapsDStrokeToD) {
  EXPECT_EQ(fold_for_search("đà nẵng"), "da nang");
  EXPECT_EQ(fold_for_search("ĐÀ NẴNG"), "da nang");
}

TEST(TextFold, HandlesDecomposedInput) {
  // "Hà" written as H + a + combining grave accent (NFD).
  EXPECT_EQ(fold_for_search("Ha\xCC\x80 No\xCC\xA3\xCC\x82i"), "ha noi");
}

TEST(TextFold, CountsCharactersNotBytes) {
  EXPECT_EQ(utf8_length("Hà Nội"), 6u);
  EXPECT_EQ(utf8_length(""), 0u);
}

TEST(TextFold, CollapsesWhitespaceAndTrims) { EXPECT_EQ(fold_for_search("  ha   noi \t"), "ha noi"); }

TEST(TextFold, KeepsOtherScriptsAndSurvivesInvalidUtf8) {
  EXPECT_EQ(fold_for_search("Ωmega"), "Ωmega");
  EXPECT_EQ(fold_for_search(std::string("a\xFF"
                                        "b")),
            "a\xEF\xBF\xBD"
            "b");
}

}  // namespace
}  // namespace sen
