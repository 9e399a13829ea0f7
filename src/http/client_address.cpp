#include "http/client_address.hpp"

#include <algorithm>

namespace sen::http {

boost::asio::ip::address client_of(const boost::asio::ip::address& peer) {
  namespace ip = boost::asio::ip;
  if (!peer.is_v6()) return peer;
  const auto v6 = peer.to_v6();
  if (v6.is_v4_mapped()) return ip::make_address_v4(ip::v4_mapped, v6);
  auto bytes = v6.to_bytes();
  std::fill(bytes.begin() + 8, bytes.end(), 0);
  return ip::address_v6(bytes);
}

}  // namespace sen::http
