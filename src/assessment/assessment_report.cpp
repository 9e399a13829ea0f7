#include "assessment/assessment_report.hpp"

#include <fmt/format.h>

#include <boost/json.hpp>
#include <cmath>

#include "core/clock.hpp"

namespace sen::assessment {
namespace {

namespace json = boost::json;

std::string vi(const json::value& text) {
  if (!text.is_object()) return "";
  const auto* v = text.as_object().if_contains("vi");
  return v != nullptr && v->is_string() ? std::string(v->as_string()) : "";
}

// 61.5 -> "61,5": decimals the Vietnamese way.
std::string number(double v) {
  std::string s = fmt::format("{:.2f}", v);
  while (s.back() == '0') s.pop_back();
  if (s.back() == '.') s.pop_back();
  for (auto& c : s)
    if (c == '.') c = ',';
  return s;
}

std::string vnd(std::int64_t v) {
  std::string digits = std::to_string(v), out;
  for (std::size_t i = 0; i < digits.size(); ++i) {
    if (i > 0 && (digits.size() - i) % 3 == 0) out += '.';
    out += digits[i];
  }
  return out + " đồng";
}

std::string day_text(const json::value& rfc3339) {
  if (!rfc3339.is_string()) return "";
  const auto t = parse_rfc3339(rfc3339.as_string());
  if (!t) return "";
  const auto c = vietnam_civil_time(*t);
  return fmt::format("ngày {:02} tháng {:02} năm {}", static_cast<unsigned>(c.date.day()),
                     static_cast<unsigned>(c.date.month()), static_cast<int>(c.date.year()));
}

std::string size_name(std::string_view size) {
  if (size == "micro") return "Siêu nhỏ";
  if (size == "small") return "Nhỏ";
  if (size == "medium") return "Vừa";
  if (size == "large") return "Lớn";
  return "";
}

double num(const json::value& v) { return v.is_number() ? v.to_number<double>() : 0; }

}  // namespace

documents::DocumentSpec assessment_report(const json::object& view) {
  documents::DocumentSpec spec;
  const auto& framework = view.at("framework").as_object();
  const auto& subject = view.at("subject").as_object();
  spec.issuer = "HỆ THỐNG SEN\nĐÁNH GIÁ CHUYỂN ĐỔI SỐ";
  spec.number = "Mã đánh giá: " + std::string(view.at("id").as_string());
  const auto& when = view.at("submitted_at").is_string() ? view.at("submitted_at") : view.at("created_at");
  spec.place_date = day_text(when);
  spec.title = "KẾT QUẢ ĐÁNH GIÁ MỨC ĐỘ CHUYỂN ĐỔI SỐ";
  spec.subtitle = vi(framework.at("name")) + " (phiên bản " +
                  std::to_string(framework.at("scored_with").as_int64()) + ")";

  documents::Section who{"Đối tượng đánh giá", {}, {}, std::nullopt};
  who.fields.push_back({"Tên", std::string(subject.at("name").as_string())});
  if (const auto& s = subject.at("size").as_string(); !s.empty())
    who.fields.push_back({"Quy mô", size_name(s)});
  if (const auto* name = subject.if_contains("industry_name"); name != nullptr && name->is_object())
    who.fields.push_back({"Ngành", vi(*name)});
  if (const auto* place = subject.if_contains("place_name"); place != nullptr && place->is_string())
    who.fields.push_back({"Địa bàn", std::string(place->as_string())});
  const std::string status(view.at("status").as_string());
  who.fields.push_back({"Trạng thái", status == "confirmed" ? "Đã được chuyên gia xác nhận"
                                      : status == "submitted"
                                          ? "Doanh nghiệp tự đánh giá, chờ chuyên gia xác nhận"
                                          : "Bản nháp, chưa gửi"});
  spec.sections.push_back(std::move(who));

  documents::Section result{"Kết quả", {}, {}, std::nullopt};
  const double max_score = num(view.at("max_score"));
  result.fields.push_back({"Điểm", view.at("score").is_number()
                                       ? number(num(view.at("score"))) + " / " + number(max_score)
                                       : "Chưa đủ câu trả lời để tính điểm"});
  if (view.at("level").is_object()) result.fields.push_back({"Mức độ", vi(view.at("level").at("name"))});
  if (const auto& gap = view.at("next_level_gap"); gap.is_object()) {
    std::string text =
        "Cần thêm " + number(num(gap.at("points"))) + " điểm để đạt mức " + vi(gap.at("level").at("name"));
    for (const auto& g : gap.at("blocked_by").as_array()) text += "; cần đạt điều kiện: " + vi(g.at("name"));
    result.fields.push_back({"Mức tiếp theo", text});
  }
  if (const auto* self = view.if_contains("self");
      self != nullptr && self->is_object() && self->at("score").is_number())
    result.fields.push_back({"Điểm tự đánh giá", number(num(self->at("score"))) + " / " + number(max_score)});
  if (const auto& b = view.at("benchmark"); b.is_object()) {
    if (b.at("shown").as_bool()) {
      result.fields.push_back({"So với doanh nghiệp cùng ngành, quy mô, tỉnh",
                               "cao hơn " + number(num(b.at("percentile"))) + "% trong " +
                                   std::to_string(b.at("peers").as_int64()) + " doanh nghiệp (trung vị " +
                                   number(num(b.at("median"))) + " điểm)"});
    } else {
      result.fields.push_back(
          {"So với doanh nghiệp cùng nhóm", "Chưa đủ " + std::to_string(b.at("min_peers").as_int64()) +
                                                " doanh nghiệp cùng ngành, quy mô và tỉnh để so sánh"});
    }
  }
  // Points only for frameworks whose pillars have them (a weighted mean has shares, not points).
  bool with_points = false;
  for (const auto& p : view.at("pillars").as_array())
    with_points = with_points || num(p.at("max_points")) > 0;
  documents::Table pillars{{"Trụ cột", "Tỷ lệ đạt"}, {}};
  if (with_points) pillars.header.emplace_back("Điểm");
  for (const auto& p : view.at("pillars").as_array()) {
    const auto& o = p.as_object();
    const bool scored = o.at("percent").is_number();
    std::vector<std::string> row{vi(o.at("name")),
                                 scored ? number(num(o.at("percent"))) + "%" : "Không áp dụng"};
    if (with_points)
      row.push_back(scored ? number(num(o.at("points"))) + " / " + number(num(o.at("max_points"))) : "");
    pillars.rows.push_back(std::move(row));
  }
  result.table = std::move(pillars);
  spec.sections.push_back(std::move(result));

  const auto& recs = view.at("recommendations").as_array();
  if (!recs.empty()) {
    documents::Section advice{"Khuyến nghị", {}, {}, std::nullopt};
    for (const auto& r : recs) {
      const auto& o = r.as_object();
      std::string text = vi(o.at("node").at("name")) + ": " + vi(o.at("text"));
      for (const auto& s : o.at("solutions").as_array()) {
        const auto& so = s.as_object();
        const auto& price = so.at("price_range").as_object();
        text += "\n– Giải pháp đã công nhận: " + std::string(so.at("name").as_string()) + " (" +
                std::string(so.at("provider").as_string()) + "), giá " + vnd(price.at("min_vnd").as_int64()) +
                " – " + vnd(price.at("max_vnd").as_int64()) + "/năm, mã " +
                std::string(so.at("id").as_string());
      }
      advice.paragraphs.push_back(std::move(text));
    }
    spec.sections.push_back(std::move(advice));
  }
  spec.footer = "Báo cáo do hệ thống Sen lập từ câu trả lời của doanh nghiệp; điểm tính theo bộ tiêu chí " +
                std::string(framework.at("code").as_string()) + " phiên bản " +
                std::to_string(framework.at("scored_with").as_int64()) + ".";
  spec.meta_title = spec.title;
  spec.meta_subject = std::string(view.at("id").as_string());
  spec.meta_author = "Sen";
  return spec;
}

}  // namespace sen::assessment
