// Dossier lists and process-control sheets as tables a person reads in a spreadsheet: headers in the
// reader's language, statuses and actions in words, times as times.
#include <fmt/format.h>

#include "services/dossier_reads.hpp"
#include "services/labels.hpp"

namespace sen::services {
namespace {

constexpr int kExportPageSize = 500;

// An instant the database holds, appended to the row (empty when there is none); one that does not
// parse is an error, never left out.
Status append_time(std::vector<tables::Cell>& row, const std::optional<std::string>& text,
                   std::string_view what) {
  if (!text) {
    row.emplace_back();
    return {};
  }
  auto t = parse_rfc3339(*text);
  if (!t) return fail_internal(fmt::format("{} holds a time that does not parse: {}", what, *text));
  row.emplace_back(*t);
  return {};
}

tables::Cell text_cell(std::string_view s) { return tables::Cell{std::string(s)}; }

}  // namespace

Result<tables::Table> DossierReads::list_table(const identity::Principal& who, DossierListFilter filter,
                                               Language lang, std::size_t max_rows) const {
  tables::Table table{
      std::string(in_language(lang, "Danh sách hồ sơ", "Dossiers")),
      {std::string(in_language(lang, "Mã hồ sơ", "Dossier code")),
       std::string(in_language(lang, "Thủ tục", "Procedure")),
       std::string(in_language(lang, "Mã thủ tục", "Procedure code")),
       std::string(in_language(lang, "Người nộp", "Applicant")),
       std::string(in_language(lang, "Trạng thái", "Status")), std::string(in_language(lang, "Bước", "Step")),
       std::string(in_language(lang, "Ngày nộp", "Submitted")),
       std::string(in_language(lang, "Ngày tiếp nhận", "Received")),
       std::string(in_language(lang, "Hạn giải quyết", "Due")),
       std::string(in_language(lang, "Hạn của bước", "Step due")),
       std::string(in_language(lang, "Quá hạn", "Overdue")),
       std::string(in_language(lang, "Kết quả đúng hạn/trễ hạn", "On time / late"))},
      {}};
  filter.limit = kExportPageSize;
  filter.after.reset();
  for (;;) {
    auto page = core_.lists_.page(who, filter, /*counted=*/false);
    if (!page) return tl::unexpected(page.error());
    if (table.rows.size() + page->items.size() > max_rows) {
      return fail(ErrorCode::kPayloadTooLarge,
                  fmt::format("The list holds more than {} dossiers, the most one export takes "
                              "(server.export_max_rows); narrow it with filters",
                              max_rows));
    }
    for (const auto& d : page->items) {
      std::vector<tables::Cell> row{text_cell(d.code),
                                    text_cell(d.procedure_name),
                                    text_cell(d.procedure_code),
                                    text_cell(d.applicant_name),
                                    text_cell(status_label(d.status, lang)),
                                    d.step ? text_cell(d.step->name) : tables::Cell{}};
      for (const auto* t : {&d.submitted_at, &d.received_at, &d.due_at, &d.step_due_at}) {
        if (auto ok = append_time(row, *t, "dossier " + d.code); !ok) return tl::unexpected(ok.error());
      }
      row.push_back(text_cell(yes_no(d.overdue, lang)));
      row.push_back(d.timeliness ? text_cell(timeliness_label(*d.timeliness, lang)) : tables::Cell{});
      table.rows.push_back(std::move(row));
    }
    if (!page->next) return table;
    filter.after = page->next;
  }
}

Result<tables::Table> DossierReads::control_sheet_table(const identity::Principal& who,
                                                        const std::string& code, Language lang) {
  auto conn = d_.db.acquire();
  if (!conn) return tl::unexpected(conn.error());
  auto l = core_.load_readable(**conn, who, code);
  if (!l) return tl::unexpected(l.error());
  if (l->is_applicant) {
    return fail(ErrorCode::kForbidden,
                "The process-control sheet is kept for the agency; the dossier's page shows its history",
                "code");
  }
  auto events = load_events(**conn, code);
  if (!events) return tl::unexpected(events.error());
  tables::Table table{
      fmt::format("{} {}", in_language(lang, "Phiếu kiểm soát", "Control sheet"), code),
      {std::string(in_language(lang, "Bước", "Step")), std::string(in_language(lang, "Thao tác", "Action")),
       std::string(in_language(lang, "Người xử lý", "By")), std::string(in_language(lang, "Vai trò", "Role")),
       std::string(in_language(lang, "Cơ quan", "Agency")),
       std::string(in_language(lang, "Từ trạng thái", "From status")),
       std::string(in_language(lang, "Sang trạng thái", "To status")),
       std::string(in_language(lang, "Thời điểm", "When")),
       std::string(in_language(lang, "Bắt đầu bước", "Step started")),
       std::string(in_language(lang, "Hạn của bước", "Step due")),
       std::string(in_language(lang, "Đúng hạn/trễ hạn", "On time / late")),
       std::string(in_language(lang, "Ý kiến, lý do", "Comment, reason"))},
      {}};
  for (const auto& e : *events) {
    auto agency = core_.agency_name(**conn, e.agency_code);
    if (!agency) return tl::unexpected(agency.error());
    const Step* step = l->procedure->step(e.step);
    std::vector<tables::Cell> row{step ? text_cell(step->name) : text_cell(e.step),
                                  text_cell(event_label(e.action, lang)),
                                  text_cell(e.actor_name),
                                  text_cell(actor_role_label(e.actor_role, lang)),
                                  text_cell(*agency),
                                  text_cell(status_label(e.from_status, lang)),
                                  text_cell(status_label(e.to_status, lang))};
    const std::optional<std::string> at = e.at;
    for (const auto* t : {&at, &e.step_started_at, &e.step_due_at}) {
      if (auto ok = append_time(row, *t, "an event of " + code); !ok) return tl::unexpected(ok.error());
    }
    row.push_back(e.timeliness ? text_cell(timeliness_label(*e.timeliness, lang)) : tables::Cell{});
    row.push_back(text_cell(e.comment));
    table.rows.push_back(std::move(row));
  }
  return table;
}

}  // namespace sen::services
