#include "identity/held_account.hpp"

#include <boost/json.hpp>

#include "audit/audit_log.hpp"
#include "identity/identity_number.hpp"
#include "identity/roles.hpp"

namespace sen::identity {

Result<CounterApplicant> counter_applicant(storage::Connection& conn, const Clock& clock,
                                           const IdentityNumberVault& ids, const std::string& id_number,
                                           const std::string& name, const Origin& origin) {
  auto found = conn.execute("SELECT id, kind, display_name FROM accounts WHERE id_number_hash = $1",
                            {ids.lookup_key(id_number)});
  if (!found) return tl::unexpected(found.error());
  if (!found->rows.empty()) {
    const auto& row = found->rows.front();
    if (row.text(1) != "citizen") {
      return fail(ErrorCode::kInvalidArgument, "This identity number does not belong to a citizen's account",
                  "applicant.id_number");
    }
    return CounterApplicant{row.text(0), row.text(2), false};
  }
  const std::string id = random_token(16);
  const std::string at = format_rfc3339(clock.now());
  const StoredIdNumber stored = ids.store(id_number);
  auto ins = conn.execute(
      "INSERT INTO accounts (id, kind, username, display_name, id_number_hash, id_number_sealed, "
      "id_number_masked, created_at) VALUES ($1, 'citizen', $2, $3, $4, $5, $6, $7)",
      {id, stored.username, name, stored.hash, stored.sealed, stored.masked, at});
  if (!ins) return tl::unexpected(ins.error());
  auto grant = conn.execute(
      "INSERT INTO role_grants (id, account_id, role, scope_kind, scope_code, granted_by, created_at) "
      "VALUES ($1, $2, $3, 'place', 'VN', $4, $5)",
      {random_token(16), id, std::string(kRoleCitizen), origin.actor_id, at});
  if (!grant) return tl::unexpected(grant.error());
  const boost::json::object summary{{"kind", "citizen"}, {"username", stored.masked}};
  auto a = audit::append(
      conn, {origin.actor_id, origin.ip, "account.hold", "account", id, "", boost::json::serialize(summary)},
      clock);
  if (!a) return tl::unexpected(a.error());
  return CounterApplicant{id, name, true};
}

}  // namespace sen::identity
