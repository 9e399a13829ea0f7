#include "http/forwarded_client.hpp"

#include <algorithm>

#include "core/network_address.hpp"

namespace sen::http {

namespace {
std::string_view trim(std::string_view s) {
  while (!s.empty() && (s.front() == ' ' || s.front() == '\t')) s.remove_prefix(1);
  while (!s.empty() && (s.back() == ' ' || s.back() == '\t')) s.remove_suffix(1);
  return s;
}
}  // namespace

Result<std::string> forwarded_client(std::string_view peer, std::optional<std::string_view> forwarded_for,
                                     std::span<const std::string> trusted_proxies) {
  const auto trusted = [&](const std::string& address) {
    return std::find(trusted_proxies.begin(), trusted_proxies.end(), address) != trusted_proxies.end();
  };
  std::string client = canonical_address(peer).value_or(std::string(peer));
  if (!forwarded_for || !trusted(client)) return client;
  // From the right: each trusted proxy vouches for the entry it appended, up to the first one that is
  // not a proxy of ours.
  std::string_view rest = *forwarded_for;
  while (!rest.empty()) {
    const auto comma = rest.rfind(',');
    const std::string_view entry = trim(comma == std::string_view::npos ? rest : rest.substr(comma + 1));
    rest = comma == std::string_view::npos ? std::string_view{} : rest.substr(0, comma);
    auto address = canonical_address(entry);
    if (!address) {
      return fail(ErrorCode::kInvalidArgument,
                  "X-Forwarded-For from a trusted proxy holds something that is not an address",
                  "x-forwarded-for");
    }
    client = std::move(*address);
    if (!trusted(client)) break;
  }
  return client;
}

}  // namespace sen::http
