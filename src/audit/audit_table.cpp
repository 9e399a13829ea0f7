#include "audit/audit_table.hpp"

#include <fmt/format.h>

#include <map>

namespace sen::audit {
namespace {

constexpr int kExportPageSize = 1000;

}  // namespace

Result<tables::Table> audit_table(storage::Database& db, const Query& q, Language lang, std::size_t max_rows,
                                  const ActorName& actor_name) {
  tables::Table table{std::string(in_language(lang, "Nhật ký kiểm toán", "Audit log")),
                      {std::string(in_language(lang, "Số thứ tự", "Sequence")),
                       std::string(in_language(lang, "Thời điểm", "When")),
                       std::string(in_language(lang, "Người thực hiện", "Actor")),
                       std::string(in_language(lang, "Địa chỉ IP", "IP address")),
                       std::string(in_language(lang, "Hành động", "Action")),
                       std::string(in_language(lang, "Loại đối tượng", "Object type")),
                       std::string(in_language(lang, "Mã đối tượng", "Object")),
                       std::string(in_language(lang, "Địa bàn", "Place")),
                       std::string(in_language(lang, "Nội dung", "Details")),
                       std::string(in_language(lang, "Mã băm", "Hash"))},
                      {}};
  std::map<std::string, std::string> names;  // actor id -> name, looked up once per export
  storage::PageRequest page{kExportPageSize, ""};
  for (;;) {
    auto result = query(db, q, page);
    if (!result) return tl::unexpected(result.error());
    if (page.count_total && result->total > static_cast<std::int64_t>(max_rows)) {
      return fail(ErrorCode::kPayloadTooLarge,
                  fmt::format("The query selects {} entries, more than the {} one export takes "
                              "(server.export_max_rows); narrow it by time, object or actor",
                              result->total, max_rows));
    }
    for (const auto& e : result->items) {
      std::string actor;
      if (!e.entry.actor_id.empty()) {
        auto known = names.find(e.entry.actor_id);
        if (known == names.end()) {
          auto name = actor_name(e.entry.actor_id);
          if (!name) return tl::unexpected(name.error());
          known = names.emplace(e.entry.actor_id, std::move(*name)).first;
        }
        actor = known->second;
      }
      auto at = parse_rfc3339(e.at);
      if (!at) return fail_internal(fmt::format("audit entry {} has a time that does not parse", e.seq));
      table.rows.push_back({e.seq, *at, actor, e.entry.actor_ip, e.entry.action, e.entry.object_type,
                            e.entry.object_id, e.entry.place_code, e.entry.summary, e.hash});
    }
    if (!result->next_after) return table;
    page.after = *result->next_after;
    page.count_total = false;  // counted on the first page
  }
}

}  // namespace sen::audit
