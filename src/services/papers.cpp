#include "services/papers.hpp"

#include <fmt/format.h>

#include <boost/json.hpp>

#include "core/json_parse.hpp"
#include "core/text_input.hpp"
#include "services/labels.hpp"
#include "services/notifier.hpp"

namespace sen::services {
namespace {

namespace json = boost::json;

std::string upper_issuer(const std::string& agency_name) {
  // "Ủy ban nhân dân Phường Ba Đình" → two lines as on official letterheads.
  constexpr std::string_view kCommittee = "Ủy ban nhân dân ";
  if (agency_name.rfind(kCommittee, 0) == 0) {
    return "ỦY BAN NHÂN DÂN\n" + agency_name.substr(kCommittee.size());
  }
  return agency_name;
}

std::string place_date(const std::string& place_name, const std::string& rfc3339) {
  if (rfc3339.size() < 10) return place_name;
  return fmt::format("{}, ngày {} tháng {} năm {}", place_name, rfc3339.substr(8, 2), rfc3339.substr(5, 2),
                     rfc3339.substr(0, 4));
}

std::string json_text(const json::value& v) {
  if (v.is_string()) return std::string(v.as_string());
  if (v.is_null()) return "";
  return json::serialize(v);
}

// The applicant's answers with the schema's Vietnamese titles, in the schema's order.
std::vector<documents::Field> form_fields(const Procedure& p, const std::string& form_text) {
  std::vector<documents::Field> out;
  boost::system::error_code ec;
  const json::value form = parse_json(form_text, ec);
  if (ec || !form.is_object() || !p.form_schema.is_object()) return out;
  const auto* props = p.form_schema.as_object().if_contains("properties");
  if (props == nullptr || !props->is_object()) return out;
  for (const auto& [name, schema] : props->as_object()) {
    const auto* value = form.as_object().if_contains(name);
    if (value == nullptr) continue;
    std::string label(name);
    std::string text = json_text(*value);
    if (schema.is_object()) {
      const auto& field = schema.as_object();
      if (const auto* title = field.if_contains("title"); title && title->is_string()) {
        label = std::string(title->as_string());
      }
      // A date as people write it: 01/06/2025, not 2025-06-01.
      if (const auto* format = field.if_contains("format");
          format && *format == "date" && text.size() == 10) {
        text = fmt::format("{}/{}/{}", text.substr(8, 2), text.substr(5, 2), text.substr(0, 4));
      }
    }
    out.push_back({label, std::move(text)});
  }
  return out;
}

documents::DocumentSpec base_spec(const PaperContext& c) {
  documents::DocumentSpec s;
  s.issuer = upper_issuer(c.agency_name);
  s.number = "Số: " + c.dossier.code;
  s.meta_author = c.agency_name;
  s.meta_keywords = "dossier=" + c.dossier.code;
  s.footer = fmt::format("Hồ sơ {} — {}", c.dossier.code, c.procedure.name);
  return s;
}

}  // namespace

std::string display_time(const std::string& t) {
  const auto at = parse_rfc3339(t);
  return at ? people_time(*at, Language::kVietnamese) : t;
}

documents::DocumentSpec receipt_spec(const PaperContext& c, const std::vector<DocumentRow>& documents) {
  auto s = base_spec(c);
  const auto& d = c.dossier;
  s.place_date = place_date(c.place_name, d.submitted_at.value_or(d.created_at));
  s.title = "GIẤY TIẾP NHẬN HỒ SƠ VÀ HẸN TRẢ KẾT QUẢ";
  s.subtitle = "Mã hồ sơ: " + d.code;
  s.meta_title = s.title;
  s.meta_subject = "Tiếp nhận hồ sơ " + d.code;
  documents::Section main;
  main.heading = "Thông tin hồ sơ";
  main.fields = {{"Thủ tục", c.procedure.name + " (" + c.procedure.code + ")"},
                 {"Người nộp", d.applicant_name},
                 {"Nơi nộp", c.agency_name},
                 {"Hình thức nộp", d.channel == "online" ? "Trực tuyến" : d.channel},
                 {"Thời điểm nộp", display_time(d.submitted_at.value_or(d.created_at))},
                 {"Trạng thái", std::string(status_label(d.status, Language::kVietnamese))},
                 {"Hẹn trả kết quả", d.due_at ? display_time(*d.due_at) : "Sau khi cơ quan tiếp nhận hồ sơ"},
                 {"Phí, lệ phí", d.fee_vnd == 0 ? "Miễn phí" : fmt::format("{} đồng", d.fee_vnd)}};
  s.sections.push_back(std::move(main));
  documents::Section papers;
  papers.heading = "Thành phần hồ sơ";
  documents::Table table;
  table.header = {"Giấy tờ", "Hình thức", "SHA-256"};
  for (const auto& doc : documents) {
    const auto* comp = c.procedure.component(doc.component_id);
    table.rows.push_back({comp ? comp->name : doc.component_id,
                          doc.source == "upload" ? "Bản điện tử tải lên" : "Tái sử dụng kết quả đã có",
                          doc.sha256.substr(0, 16) + "…"});
  }
  papers.table = std::move(table);
  s.sections.push_back(std::move(papers));
  s.signer_title = "CƠ QUAN TIẾP NHẬN";
  s.signer_name = c.agency_name;
  s.qr_payload = c.public_url + "/#/track?code=" + d.code;
  s.qr_caption = "Tra cứu tiến độ hồ sơ";
  return s;
}

documents::DocumentSpec result_spec(const PaperContext& c, const std::string& signer_name,
                                    const std::string& issued_at) {
  auto s = base_spec(c);
  s.place_date = place_date(c.place_name, issued_at);
  // The document's own name, as a paper of that kind is titled; what it contains follows below.
  const std::string title = upper_case(c.procedure.result_title);
  s.title = title;
  s.subtitle = c.procedure.name;
  s.meta_title = title;
  s.meta_subject = "Kết quả hồ sơ " + c.dossier.code;
  documents::Section main;
  main.heading = "Nội dung";
  main.fields = form_fields(c.procedure, c.dossier.form);
  s.sections.push_back(std::move(main));
  documents::Section note;
  note.paragraphs = {fmt::format("Cấp theo hồ sơ số {} của {}, tiếp nhận lúc {}.", c.dossier.code,
                                 c.dossier.applicant_name,
                                 display_time(c.dossier.received_at.value_or(issued_at)))};
  s.sections.push_back(std::move(note));
  s.signer_title = "TM. ỦY BAN NHÂN DÂN\nCHỦ TỊCH";
  s.signer_name = signer_name;
  s.signed_note = "Đã ký số";
  s.qr_payload = c.public_url + "/#/verify?dossier=" + c.dossier.code;
  s.qr_caption = "Kiểm tra tính hợp lệ";
  return s;
}

documents::DocumentSpec result_preview_spec(const PaperContext& c, const std::string& signer_name,
                                            const std::string& at) {
  auto s = result_spec(c, signer_name, at);
  s.number = "BẢN XEM TRƯỚC – CHƯA KÝ SỐ";
  s.signed_note.clear();
  s.qr_payload.clear();
  s.qr_caption.clear();
  s.footer = "Bản xem trước để lãnh đạo kiểm tra trước khi ký; không có giá trị pháp lý.";
  s.meta_subject = "Bản xem trước kết quả hồ sơ " + c.dossier.code;
  return s;
}

documents::DocumentSpec payment_receipt_spec(const PaperContext& c, const PaymentRow& payment) {
  auto s = base_spec(c);
  s.place_date = place_date(c.place_name, payment.paid_at.value_or(payment.created_at));
  s.title = "BIÊN LAI THU PHÍ, LỆ PHÍ";
  s.subtitle = "(Biên lai điện tử)";
  s.meta_title = s.title;
  s.meta_subject = "Biên lai hồ sơ " + c.dossier.code;
  documents::Section main;
  main.fields = {{"Người nộp", c.dossier.applicant_name},
                 {"Nội dung thu", "Phí, lệ phí " + c.procedure.name},
                 {"Số tiền", fmt::format("{} đồng", payment.amount_vnd)},
                 {"Mã thanh toán", payment.reference},
                 {"Mã giao dịch", payment.transaction_id.value_or("")},
                 {"Thời điểm thanh toán", display_time(payment.paid_at.value_or(""))}};
  s.sections.push_back(std::move(main));
  s.signer_title = "ĐƠN VỊ THU";
  s.signer_name = c.agency_name;
  s.qr_payload = c.public_url + "/#/track?code=" + c.dossier.code;
  s.qr_caption = "Tra cứu hồ sơ";
  return s;
}

}  // namespace sen::services
