#include "core/json_parse.hpp"

#include <gtest/gtest.h>

#include <boost/json/error.hpp>
#include <boost/json/parse.hpp>
#include <boost/json/serialize.hpp>
#include <cmath>
#include <cstdint>
#include <cstring>
#include <random>
#include <string>

namespace sen {
namespace {

namespace json = boost::json;

TEST(ParseJson, ReadsTheNumberBoostReadsOneUnitOff) {
  // The procedure file the fuzzer found: an "x-order" of 6 followed by 88 zeros. Boost.JSON 1.81
  // reads it, writes it as 6E88 and reads that back as 5.9999999999999994E88.
  const std::string text = "{\"x-order\":6" + std::string(88, '0') + "}";
  const json::value first = parse_json(text);
  EXPECT_EQ(first.at("x-order").as_double(), 6e88);
  const std::string written = json::serialize(first);
  EXPECT_EQ(written, R"({"x-order":6E88})");
  EXPECT_EQ(parse_json(written).at("x-order").as_double(), 6e88);
  EXPECT_NE(json::parse(written).at("x-order").as_double(), 6e88) << "Boost reads 6E88 exactly now; "
                                                                     "parse_json may no longer be needed";
}

TEST(ParseJson, EveryDoubleWrittenReadsBackTheSame) {
  std::mt19937_64 random(20261205);
  int checked = 0;
  while (checked < 100000) {
    const std::uint64_t bits = random();
    double d = 0;
    std::memcpy(&d, &bits, sizeof d);
    if (!std::isfinite(d)) continue;
    ++checked;
    const std::string written = json::serialize(json::value(d));
    const json::value again = parse_json(written);
    ASSERT_TRUE(again.is_double()) << written;
    ASSERT_EQ(again.get_double(), d) << written;
  }
}

TEST(ParseJson, BuildsWhatBoostBuildsForEverythingElse) {
  for (const char* text :
       {R"({"tên":"Nguyễn Văn A","tuổi":42,"children":[1,-2,18446744073709551615,null,true]})",
        R"([[],{},"",0,-0,1.5,"\u00e9\ud83d\ude00"])", R"({"a":1,"a":2})", "  7  ",
        R"({"nested":{"deeper":{"deepest":[false]}}})"}) {
    EXPECT_EQ(parse_json(text), json::parse(text)) << text;
  }
}

TEST(ParseJson, RefusesWhatBoostRefusesAndWhatCannotBeWrittenBack) {
  for (const char* text : {"", "{", "[1,]", "{\"a\" 1}", "1 2", "[1] x", "nul", "\"\\q\""}) {
    boost::system::error_code ours;
    boost::system::error_code theirs;
    (void)parse_json(text, ours);
    (void)json::parse(text, theirs);
    EXPECT_TRUE(ours.failed()) << text;
    EXPECT_EQ(ours, theirs) << text;
  }
  // Boost reads 1e400 as infinity, which it then writes as "Infinity": not JSON.
  for (const std::string& text :
       {std::string("1e400"), std::string("-1e400"), "[1" + std::string(400, '0') + "]"}) {
    boost::system::error_code ec;
    (void)parse_json(text, ec);
    EXPECT_EQ(ec, json::error::exponent_overflow) << text;
  }
  EXPECT_THROW((void)parse_json("{"), boost::system::system_error);
}

TEST(ParseJson, ReadsNumbersTooSmallForADoubleAsZero) {
  EXPECT_EQ(parse_json("1e-400").as_double(), 0.0);
  const double negative = parse_json("-1e-400").as_double();
  EXPECT_EQ(negative, 0.0);
  EXPECT_TRUE(std::signbit(negative));
}

TEST(ParseJson, KeepsTheCallersLimits) {
  json::parse_options options;
  options.max_depth = 3;
  boost::system::error_code ec;
  (void)parse_json("[[[1]]]", ec, options);
  EXPECT_FALSE(ec.failed());
  (void)parse_json("[[[[1]]]]", ec, options);
  EXPECT_EQ(ec, json::error::too_deep);
}

}  // namespace
}  // namespace sen
