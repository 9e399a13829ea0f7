#include "http/forwarded_client.hpp"

#include <algorithm>

#include "core/network_address.hpp"
#include "core/text_input.hpp"

namespace sen::http {

namespace {

bool listed(const std::string& canonical, std::span<const std::string> trusted_proxies) {
  return std::find(trusted_proxies.begin(), trusted_proxies.end(), canonical) != trusted_proxies.end();
}

}  // namespace

bool is_trusted_proxy(std::string_view peer, std::span<const std::string> trusted_proxies) {
  if (trusted_proxies.empty()) return false;  // no proxy in front: nothing to parse
  auto address = canonical_address(peer);
  return address && listed(*address, trusted_proxies);
}

Result<std::string> forwarded_client(std::string_view peer, std::optional<std::string_view> forwarded_for,
                                     std::span<const std::string> trusted_proxies) {
  const auto trusted = [&](const std::string& address) { return listed(address, trusted_proxies); };
  std::string client = canonical_address(peer).value_or(std::string(peer));
  if (!forwarded_for || !trusted(client)) return client;
  // From the right: each trusted proxy vouches for the entry it appended, up to the first one that is
  // not a proxy of ours.
  const auto entries = split_list(*forwarded_for);
  for (auto entry = entries.rbegin(); entry != entries.rend(); ++entry) {
    auto address = canonical_address(*entry);
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
