#include "core/network_address.hpp"

#include <boost/asio/ip/address.hpp>

namespace sen {

std::optional<std::string> canonical_address(std::string_view text) {
  namespace ip = boost::asio::ip;
  boost::system::error_code ec;
  auto address = ip::make_address(std::string(text), ec);
  if (ec) return std::nullopt;
  if (address.is_v6() && address.to_v6().is_v4_mapped())
    address = ip::make_address_v4(ip::v4_mapped, address.to_v6());
  return address.to_string();
}

}  // namespace sen
