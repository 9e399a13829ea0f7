#include "http/client_address.hpp"

#include <gtest/gtest.h>

namespace sen::http {
namespace {

using boost::asio::ip::make_address;

TEST(ClientAddress, IPv4IsItsOwnClient) {
  EXPECT_EQ(client_of(make_address("203.0.113.7")), make_address("203.0.113.7"));
  EXPECT_NE(client_of(make_address("203.0.113.7")), client_of(make_address("203.0.113.8")));
}

TEST(ClientAddress, IPv4MappedCountsAsTheIPv4Address) {
  EXPECT_EQ(client_of(make_address("::ffff:203.0.113.7")), make_address("203.0.113.7"));
}

TEST(ClientAddress, IPv6CountsPerSlash64) {
  EXPECT_EQ(client_of(make_address("2001:db8:1:2:aaaa::1")), client_of(make_address("2001:db8:1:2:bbbb::9")));
  EXPECT_EQ(client_of(make_address("2001:db8:1:2:aaaa::1")), make_address("2001:db8:1:2::"));
  EXPECT_NE(client_of(make_address("2001:db8:1:2::1")), client_of(make_address("2001:db8:1:3::1")));
}

}  // namespace
}  // namespace sen::http
