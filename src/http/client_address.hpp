#pragma once

#include <boost/asio/ip/address.hpp>

namespace sen::http {

// Whom a connection counts against for server.max_connections_per_client: the IPv4 address (also when
// it arrives IPv4-mapped), or the IPv6 /64, which one subscriber usually holds whole and could
// otherwise rotate through.
boost::asio::ip::address client_of(const boost::asio::ip::address& peer);

}  // namespace sen::http
