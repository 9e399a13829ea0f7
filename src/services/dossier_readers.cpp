#include "services/dossier_readers.hpp"

#include <fmt/format.h>

#include <boost/json.hpp>
#include <charconv>

#include "core/json_parse.hpp"

namespace sen::services {
namespace {

namespace json = boost::json;

}  // namespace

DossierRead DossierReaders::to_read(const storage::Row& r) const {
  auto text = [&](std::size_t i) { return r.is_null(i) ? std::string() : r.text(i); };
  DossierRead out{r.integer(0), r.text(1), r.text(2), "view", "", text(4), text(5)};
  boost::system::error_code ec;
  const json::value summary = parse_json(r.text(3), ec);
  if (!ec && summary.is_object()) {
    if (const auto* what = summary.as_object().if_contains("what"); what && what->is_string())
      out.what = std::string(what->as_string());
    if (const auto* c = summary.as_object().if_contains("component"); c && c->is_string())
      out.component = std::string(c->as_string());
  }
  if (!out.component.empty()) {
    auto p = d_.catalog.get(r.text(6));
    const Component* c = p ? (*p)->component(out.component) : nullptr;
    out.component_name = c != nullptr ? c->name : out.component;
  }
  return out;
}

namespace {

constexpr std::string_view kReadsOf =
    "FROM audit_log a JOIN dossiers d ON d.code = a.object_id LEFT JOIN accounts acc ON acc.id = a.actor_id "
    "LEFT JOIN agencies g ON g.code = acc.agency_code "
    "WHERE a.object_type = 'dossier' AND a.action = 'dossier.read' AND d.applicant_id = $1";

}  // namespace

boost::json::object to_json(const DossierRead& r) {
  json::object item{{"at", r.at},
                    {"dossier", r.dossier_code},
                    {"what", r.what},
                    {"official", json::object{{"name", r.official_name}, {"agency", r.agency_name}}}};
  if (!r.component.empty())
    item["document"] = json::object{{"component", r.component}, {"name", r.component_name}};
  return item;
}

Result<DossierReaders::Page> DossierReaders::of_applicant(const identity::Principal& who,
                                                          const std::string& cursor, int limit,
                                                          bool count_total) const {
  std::int64_t before = std::numeric_limits<std::int64_t>::max();
  if (!cursor.empty()) {
    const auto [end, ec] = std::from_chars(cursor.data(), cursor.data() + cursor.size(), before);
    if (ec != std::errc() || end != cursor.data() + cursor.size() || before <= 0)
      return fail(ErrorCode::kInvalidArgument, "cursor is not one this list gave", "cursor");
  }
  auto conn = d_.db.acquire();
  if (!conn) return tl::unexpected(conn.error());
  auto rows = (*conn)->execute(fmt::format("SELECT a.seq, a.at, a.object_id, a.summary, acc.display_name, "
                                           "g.name, d.procedure_code {} AND a.seq < $2 "
                                           "ORDER BY a.seq DESC LIMIT $3",
                                           kReadsOf),
                               {who.account_id, before, std::int64_t{limit} + 1});
  if (!rows) return tl::unexpected(rows.error());
  Page page;
  if (count_total) {
    auto count = (*conn)->execute(fmt::format("SELECT count(*) {}", kReadsOf), {who.account_id});
    if (!count) return tl::unexpected(count.error());
    page.total = count->rows.front().integer(0);
  }
  for (const auto& r : rows->rows) {
    if (static_cast<int>(page.items.size()) == limit) {
      page.next = std::to_string(page.items.back().seq);
      break;
    }
    page.items.push_back(to_read(r));
  }
  return page;
}

Result<tables::Table> DossierReaders::table(const identity::Principal& who, Language lang,
                                            std::size_t max_rows) const {
  tables::Table table{std::string(in_language(lang, "Ai đã xem hồ sơ của tôi", "Who read my dossiers")),
                      {std::string(in_language(lang, "Thời điểm", "When")),
                       std::string(in_language(lang, "Mã hồ sơ", "Dossier code")),
                       std::string(in_language(lang, "Nội dung đã xem", "What was read")),
                       std::string(in_language(lang, "Cán bộ", "Official")),
                       std::string(in_language(lang, "Cơ quan", "Agency"))},
                      {}};
  std::string cursor;
  for (;;) {
    auto page = of_applicant(who, cursor, 500, /*count_total=*/false);
    if (!page) return tl::unexpected(page.error());
    if (table.rows.size() + page->items.size() > max_rows) {
      return fail(
          ErrorCode::kPayloadTooLarge,
          fmt::format("More than {} readings, the most one export takes (server.export_max_rows)", max_rows));
    }
    for (const auto& r : page->items) {
      auto at = parse_rfc3339(r.at);
      if (!at) return fail_internal("audit entry with an unreadable time");
      const std::string what =
          r.what == "document"
              ? fmt::format("{}: {}", in_language(lang, "Giấy tờ", "Paper"), r.component_name)
              : std::string(in_language(lang, "Toàn bộ hồ sơ", "The whole dossier"));
      table.rows.push_back({*at, r.dossier_code, what, r.official_name, r.agency_name});
    }
    if (!page->next) return table;
    cursor = *page->next;
  }
}

}  // namespace sen::services
