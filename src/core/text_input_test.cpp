#include "core/text_input.hpp"

#include <gtest/gtest.h>

#include <boost/json.hpp>

namespace sen {
namespace {

TEST(TextInput, TrimsWhitespaceAroundOnly) {
  EXPECT_EQ(trim_whitespace(" \t Lê  Văn \r\n"), "Lê  Văn");
  EXPECT_EQ(trim_whitespace(" \t\n"), "");
}

TEST(TextInput, SplitsACommaSeparatedListKeepingEmptyEntries) {
  using List = std::vector<std::string_view>;
  EXPECT_EQ(split_list(""), List{});
  EXPECT_EQ(split_list("10.0.0.1"), List{"10.0.0.1"});
  EXPECT_EQ(split_list(" 10.0.0.1 ,\t::1"), (List{"10.0.0.1", "::1"}));
  EXPECT_EQ(split_list("a,,b"), (List{"a", "", "b"}));
  EXPECT_EQ(split_list("a,"), (List{"a", ""}));
}

TEST(TextInput, KeepsOrdinaryVietnameseText) {
  auto t = clean_text("Nguyễn Thị Mai", "name", false);
  ASSERT_TRUE(t);
  EXPECT_EQ(*t, "Nguyễn Thị Mai");
}

TEST(TextInput, NormalisesDecomposedTextToNfc) {
  // "ễ" as e + circumflex + tilde (decomposed) becomes the one precomposed character.
  auto t = clean_text("Nguye\xCC\x82\xCC\x83n", "name", false);
  ASSERT_TRUE(t);
  EXPECT_EQ(*t, "Nguyễn");
}

TEST(TextInput, RefusesNulAndControlsNamingTheField) {
  for (std::string bad :
       {std::string("a\0b", 3), std::string("a\x01"), std::string("a\x7F"), std::string("a\xC2\x85")}) {
    auto t = clean_text(bad, "form.child_full_name", true);
    ASSERT_FALSE(t) << bad;
    EXPECT_EQ(t.error().code, ErrorCode::kInvalidArgument);
    EXPECT_EQ(t.error().field, "form.child_full_name");
  }
}

TEST(TextInput, TabAndNewlineOnlyWhereMultiline) {
  EXPECT_TRUE(clean_text("line 1\nline 2\tend", "comment", true));
  EXPECT_FALSE(clean_text("line 1\nline 2", "display_name", false));
  EXPECT_FALSE(clean_text("a\tb", "display_name", false));
  EXPECT_FALSE(clean_text("a\r\nb", "comment", true));
}

TEST(TextInput, RefusesBidirectionalOverridesAndIsolates) {
  EXPECT_FALSE(clean_text("abc\u202Efdp.exe", "name", false));
  EXPECT_FALSE(clean_text("abc\u2067x", "name", false));
}

TEST(TextInput, RefusesInvalidUtf8) {
  EXPECT_FALSE(clean_text("\xC3", "q", false));
  EXPECT_FALSE(clean_text("\xC0\xAF", "q", false));          // over-long "/"
  EXPECT_FALSE(clean_text("\xED\xA0\x80", "q", false));      // a surrogate
  EXPECT_FALSE(clean_text("\xF4\x90\x80\x80", "q", false));  // beyond U+10FFFF
}

TEST(TextInput, CleansEveryStringOfABodyNamingItsPath) {
  auto body = boost::json::parse(R"({"form": {"names": ["ok", "bad\u0000"]}})");
  auto s = clean_json_strings(body);
  ASSERT_FALSE(s);
  EXPECT_EQ(s.error().field, "form.names[1]");

  auto good = boost::json::parse("{\"n\u0065\u0301\": \"Ha\u0300\"}");
  ASSERT_TRUE(clean_json_strings(good));
  EXPECT_EQ(boost::json::serialize(good), "{\"n\u00e9\":\"H\u00e0\"}");
}

TEST(TextInput, UpperCaseKeepsVietnameseLetters) {
  EXPECT_EQ(upper_case("Giấy khai sinh"), "GIẤY KHAI SINH");
  EXPECT_EQ(upper_case("Trích lục đăng ký giám hộ"), "TRÍCH LỤC ĐĂNG KÝ GIÁM HỘ");
  EXPECT_EQ(upper_case("Quyết định hỗ trợ"), "QUYẾT ĐỊNH HỖ TRỢ");
}

}  // namespace
}  // namespace sen
