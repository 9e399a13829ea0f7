#include "http/router.hpp"

#include <gtest/gtest.h>

namespace sen::http {
namespace {

Handler named(std::string name) {
  return [name](const Request&) {
    Response r;
    r.body = name;
    return r;
  };
}

class RouterTest : public ::testing::Test {
 protected:
  void SetUp() override {
    router_.add({"GET", "/api/v1/places", named("list")});
    router_.add({"GET", "/api/v1/places/{code}", named("get")});
    router_.add({"GET", "/api/v1/places/{code}/children", named("children")});
    router_.add({"GET", "/api/v1/places/search", named("search")});
    router_.add({"POST", "/api/v1/places", named("create")});
  }
  std::string run(std::string_view method, std::string_view path) {
    auto m = router_.match(method, split_pattern(path));
    if (!m.route) return m.allow.empty() ? "404" : "405 " + m.allow;
    return m.route->handler(Request{}).body;
  }
  Router router_;
};

TEST_F(RouterTest, MatchesStaticAndParameterSegments) {
  EXPECT_EQ(run("GET", "/api/v1/places"), "list");
  EXPECT_EQ(run("GET", "/api/v1/places/01"), "get");
  EXPECT_EQ(run("GET", "/api/v1/places/01/children"), "children");
  EXPECT_EQ(run("GET", "/api/v1/places/search"), "search") << "static beats parameter";
  EXPECT_EQ(run("POST", "/api/v1/places"), "create");
}

TEST_F(RouterTest, CapturesPathParameters) {
  auto m = router_.match("GET", {"api", "v1", "places", "00004", "children"});
  ASSERT_TRUE(m.route);
  ASSERT_EQ(m.path_params.size(), 1u);
  EXPECT_EQ(m.path_params[0].first, "code");
  EXPECT_EQ(m.path_params[0].second, "00004");
}

TEST_F(RouterTest, UnknownPathIs404AndWrongMethodListsAllowed) {
  EXPECT_EQ(run("GET", "/api/v1/nothing"), "404");
  EXPECT_EQ(run("GET", "/api/v1/places/01/children/x"), "404");
  EXPECT_EQ(run("GET", "/api/v1/places/"), "404") << "empty segment is not a parameter";
  EXPECT_EQ(run("DELETE", "/api/v1/places"), "405 GET, POST");
}

TEST_F(RouterTest, RejectsDuplicateRoutes) {
  EXPECT_THROW(router_.add({"GET", "/api/v1/places", named("again")}), std::logic_error);
  EXPECT_THROW(router_.add({"GET", "/api/v1/places/{id}/x", named("x")}), std::logic_error);
}

}  // namespace
}  // namespace sen::http
