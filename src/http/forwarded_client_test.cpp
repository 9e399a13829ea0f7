#include "http/forwarded_client.hpp"

#include <gtest/gtest.h>

#include <vector>

namespace sen::http {
namespace {

const std::vector<std::string> kProxies{"10.0.0.2", "10.0.0.3"};

std::string client(std::string_view peer, std::optional<std::string_view> forwarded) {
  auto c = forwarded_client(peer, forwarded, kProxies);
  return c ? *c : "error: " + c.error().field;
}

TEST(ForwardedClient, ThePeerWhenItIsNoTrustedProxy) {
  EXPECT_EQ(client("203.0.113.7", std::nullopt), "203.0.113.7");
  EXPECT_EQ(client("203.0.113.7", "198.51.100.1"), "203.0.113.7") << "anyone can send the header";
  EXPECT_EQ(client("::ffff:203.0.113.7", std::nullopt), "203.0.113.7");
}

TEST(ForwardedClient, TheAddressATrustedProxyVouchesFor) {
  EXPECT_EQ(client("10.0.0.2", "198.51.100.1"), "198.51.100.1");
  EXPECT_EQ(client("::ffff:10.0.0.2", " 198.51.100.1 "), "198.51.100.1");
  EXPECT_EQ(client("10.0.0.2", "2001:db8::1"), "2001:db8::1");
  EXPECT_EQ(client("10.0.0.2", std::nullopt), "10.0.0.2") << "a proxy's own request, e.g. its health check";
}

TEST(ForwardedClient, EntriesLeftOfTheFirstUntrustedOneAreNotBelieved) {
  // The client wrote "1.2.3.4" itself; our proxies appended 198.51.100.1 and 10.0.0.3.
  EXPECT_EQ(client("10.0.0.2", "1.2.3.4, 198.51.100.1, 10.0.0.3"), "198.51.100.1");
  EXPECT_EQ(client("10.0.0.2", "10.0.0.3"), "10.0.0.3") << "only proxies: the leftmost";
}

TEST(ForwardedClient, RefusesWhatIsNotAnAddressNamingTheHeader) {
  EXPECT_EQ(client("10.0.0.2", "198.51.100.1, unknown"), "error: x-forwarded-for");
  EXPECT_EQ(client("10.0.0.2", "203.0.113.7\n198.51.100.1"), "error: x-forwarded-for");
  EXPECT_EQ(client("203.0.113.7", "not an address"), "203.0.113.7") << "not read from an untrusted peer";
}

TEST(ForwardedClient, KnowsATrustedProxyInAnySpellingOfItsAddress) {
  EXPECT_TRUE(is_trusted_proxy("10.0.0.3", kProxies));
  EXPECT_TRUE(is_trusted_proxy("::ffff:10.0.0.2", kProxies)) << "an IPv4 peer on a dual-stack socket";
  EXPECT_FALSE(is_trusted_proxy("10.0.0.4", kProxies));
  EXPECT_FALSE(is_trusted_proxy("not an address", kProxies));
  EXPECT_FALSE(is_trusted_proxy("10.0.0.2", {}));
}

}  // namespace
}  // namespace sen::http
