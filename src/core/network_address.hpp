#pragma once

#include <optional>
#include <string>
#include <string_view>

namespace sen {

// An IP address in the one form comparisons use (IPv4-mapped IPv6 written as IPv4); nullopt when
// `text` is not an address.
std::optional<std::string> canonical_address(std::string_view text);

}  // namespace sen
