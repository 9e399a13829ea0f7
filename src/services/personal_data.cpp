#include "services/personal_data.hpp"

#include <fmt/format.h>

#include <boost/json.hpp>

namespace sen::services {
namespace {

namespace json = boost::json;

Status within(std::size_t n, std::size_t max_items, std::string_view what) {
  if (n <= max_items) return {};
  return fail(
      ErrorCode::kPayloadTooLarge,
      fmt::format("More than {} {}, the most one download takes (server.export_max_rows)", max_items, what));
}

}  // namespace

Result<boost::json::object> personal_data(DossierService& dossiers, identity::AccountService& accounts,
                                          const identity::Principal& who, std::size_t max_items) {
  auto account = accounts.get_account(who.account_id);
  if (!account) return tl::unexpected(account.error());
  json::object me{{"kind", account->kind}, {"display_name", account->display_name}};
  // Their own identity number, in full: the one reader it is unsealed for. A citizen signs in with
  // it; the stored username is only its keyed hash.
  if (account->kind == "citizen") {
    me["id_number"] = who.id_number;
  } else {
    me["username"] = account->username;
  }
  if (!account->enterprise_code.empty()) me["enterprise_code"] = account->enterprise_code;
  if (!account->email.empty()) me["email"] = account->email;
  json::array roles;
  for (const auto& g : who.roles) roles.push_back(json::object{{"role", g.role}, {"scope", g.scope_code}});
  me["roles"] = std::move(roles);

  auto codes = dossiers.reads.codes_of_applicant(who);
  if (!codes) return tl::unexpected(codes.error());
  if (auto s = within(codes->size(), max_items, "dossiers"); !s) return tl::unexpected(s.error());
  json::array dossier_views;
  for (const auto& code : *codes) {
    auto view = dossiers.reads.get(who, code, {who.account_id, ""});
    if (!view) return tl::unexpected(view.error());
    dossier_views.push_back(std::move(*view));
  }

  json::array notifications;
  storage::PageRequest page{500, "", false};
  for (;;) {
    auto n = dossiers.reads.notifications(who, Language::kVietnamese, page);
    if (!n) return tl::unexpected(n.error());
    for (auto& item : n->items) notifications.push_back(std::move(item));
    if (auto s = within(notifications.size(), max_items, "notifications"); !s)
      return tl::unexpected(s.error());
    if (!n->next_after) break;
    page.after = *n->next_after;
  }

  json::array readings;
  std::string cursor;
  for (;;) {
    auto r = dossiers.readers.of_applicant(who, cursor, 500, /*count_total=*/false);
    if (!r) return tl::unexpected(r.error());
    for (const auto& x : r->items) readings.push_back(to_json(x));
    if (auto s = within(readings.size(), max_items, "readings"); !s) return tl::unexpected(s.error());
    if (!r->next) break;
    cursor = *r->next;
  }
  return json::object{{"account", std::move(me)},
                      {"dossiers", std::move(dossier_views)},
                      {"notifications", std::move(notifications)},
                      {"dossier_readings", std::move(readings)}};
}

}  // namespace sen::services
