#include "http/request_head.hpp"

#include <gtest/gtest.h>

namespace sen::http {
namespace {

namespace bhttp = boost::beast::http;

Status read(std::string_view target, Request& request, std::string_view request_id = "") {
  bhttp::request_header<> head;
  head.method(bhttp::verb::get);
  head.target(target);
  head.set("Host", "x");
  if (!request_id.empty()) head.set("X-Request-Id", request_id);
  std::vector<std::string> segments;
  return read_request_head(head, request, segments, [] { return std::string("new-1"); });
}

TEST(RequestHead, DecodesThePathAndQueryAndKeepsASafeRequestId) {
  Request r;
  ASSERT_TRUE(read("/api/v1/places/00004?q=Ba%20%C4%90%C3%ACnh&after=", r, "abc-123"));
  EXPECT_EQ(r.method, "GET");
  EXPECT_EQ(r.path, "/api/v1/places/00004");
  ASSERT_EQ(r.query.size(), 2u);
  EXPECT_EQ(r.query[0].second, "Ba Đình");
  EXPECT_EQ(r.request_id, "abc-123");
  EXPECT_EQ(r.header("host").value_or(""), "x");
  Request other;
  ASSERT_TRUE(read("/", other, "not safe!"));
  EXPECT_EQ(other.request_id, "new-1");
}

TEST(RequestHead, ARefusedPathIsKeptAsSentForTheErrorAnswer) {
  Request r;
  ASSERT_FALSE(read("/api/v1/places/%C0%AF", r));
  EXPECT_EQ(r.path, "/api/v1/places/%C0%AF");
}

TEST(RequestHead, RefusesUnsafeTextNamingWhereItIs) {
  struct Case {
    std::string_view target, field;
  } cases[] = {
      {"http://elsewhere/x", "target"},  // not origin-form
      {"/a%00b", "path"},                // NUL
      {"/a%C0%AFb", "path"},             // over-long '/'
      {"/a%ED%A0%80", "path"},           // a surrogate
      {"/x?q=%1B%5B31m", "q"},           // an escape sequence for a terminal
      {"/x?name=%E2%80%AEabc", "name"},  // right-to-left override
      {"/x?%FF=1", "query"},             // the name itself
  };
  for (const auto& c : cases) {
    Request r;
    auto s = read(c.target, r);
    ASSERT_FALSE(s) << c.target;
    EXPECT_EQ(s.error().field, c.field) << c.target;
    EXPECT_EQ(r.request_id, "new-1") << "set for the error answer";
    if (c.field != "target") {
      EXPECT_EQ(r.path.find('\0'), std::string::npos) << c.target;
    }
  }
}

}  // namespace
}  // namespace sen::http
