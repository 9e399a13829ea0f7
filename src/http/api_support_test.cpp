#include "http/api_support.hpp"

#include <gtest/gtest.h>

namespace sen::http {
namespace {

Request with_query(Fields query) {
  Request r;
  r.query = std::move(query);
  return r;
}

TEST(PageRequest, DefaultsAndBounds) {
  auto def = parse_page_request(with_query({}));
  ASSERT_TRUE(def);
  EXPECT_EQ(def->limit, 50);
  EXPECT_TRUE(def->after.empty());
  EXPECT_EQ(parse_page_request(with_query({{"limit", "1000"}}))->limit, 1000);
  for (const char* bad : {"0", "1001", "100000", "-1", "ten", "5x", ""}) {
    auto r = parse_page_request(with_query({{"limit", bad}}));
    ASSERT_FALSE(r) << bad;
    EXPECT_EQ(r.error().field, "limit");
    EXPECT_EQ(r.error().code, ErrorCode::kInvalidArgument);
  }
}

TEST(PageRequest, CursorRoundTripsAndRejectsGarbage) {
  const auto cursor = encode_cursor("00004");
  auto r = parse_page_request(with_query({{"cursor", cursor}}));
  ASSERT_TRUE(r);
  EXPECT_EQ(r->after, "00004");
  auto bad = parse_page_request(with_query({{"cursor", "!!not base64!!"}}));
  ASSERT_FALSE(bad);
  EXPECT_EQ(bad.error().field, "cursor");
}

TEST(JsonBody, RequiresJsonContentTypeAndValidSyntax) {
  Request r;
  r.body = "{\"a\":1}";
  EXPECT_EQ(parse_json_body(r).error().code, ErrorCode::kUnsupportedMediaType);
  r.headers = {{"content-type", "application/json; charset=utf-8"}};
  EXPECT_TRUE(parse_json_body(r));
  r.body = "{\"a\":";
  auto bad = parse_json_body(r);
  ASSERT_FALSE(bad);
  EXPECT_EQ(bad.error().code, ErrorCode::kMalformedJson);
}

}  // namespace
}  // namespace sen::http
