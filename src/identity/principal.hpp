#pragma once

#include <string>
#include <vector>

namespace sen::identity {

struct RoleGrant {
  std::string id;
  std::string role;        // see roles.hpp
  std::string scope_kind;  // place | agency
  std::string scope_code;
};

// Who is asking: resolved once per request from the session cookie or bearer token.
struct Principal {
  std::string account_id;
  std::string kind;  // citizen | business | official
  std::string username;
  std::string id_number;  // citizens: unsealed, in memory only
  std::string display_name;
  std::string agency_code;  // officials
  std::string credential_id;
  bool via_session = false;  // cookie: state-changing requests must carry the CSRF token
  std::string csrf_token;
  std::vector<RoleGrant> roles;
  bool password_change_required = false;  // one-time or reset password: only a change is allowed
};

}  // namespace sen::identity
