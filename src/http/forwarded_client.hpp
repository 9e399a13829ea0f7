#pragma once

#include <optional>
#include <span>
#include <string>
#include <string_view>

#include "core/status.hpp"

namespace sen::http {

// Whether `peer` (any spelling of an address) is one of `trusted_proxies` (canonical, as the setting
// keeps them).
bool is_trusted_proxy(std::string_view peer, std::span<const std::string> trusted_proxies);

// The address a request is attributed to in the access log, the audit trail and the rate limits.
// Behind a reverse proxy the peer is the proxy, so every citizen would look like one client: when the
// peer is one of `trusted_proxies` (server.trusted_proxies), the client is the rightmost
// X-Forwarded-For entry that is not itself a trusted proxy. Entries further left were written by
// whoever sent the request and may be forged, and from any other peer the header is not believed at
// all. An entry that is not an address, from a trusted proxy, is refused naming the header.
Result<std::string> forwarded_client(std::string_view peer, std::optional<std::string_view> forwarded_for,
                                     std::span<const std::string> trusted_proxies);

}  // namespace sen::http
