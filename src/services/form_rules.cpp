#include "services/form_rules.hpp"

#include <fmt/format.h>

#include <algorithm>
#include <array>
#include <boost/json.hpp>
#include <charconv>
#include <optional>

#include "services/procedure_rules.hpp"

namespace sen::services {
namespace {

namespace json = boost::json;

constexpr std::array<std::string_view, 5> kKindNames{"min_age", "different", "applicant_among", "not_before",
                                                     "not_in_future"};

std::string_view kind_name(FormRuleKind k) {
  switch (k) {
    case FormRuleKind::kMinAge:
      return kKindNames[0];
    case FormRuleKind::kDifferent:
      return kKindNames[1];
    case FormRuleKind::kApplicantAmong:
      return kKindNames[2];
    case FormRuleKind::kNotBefore:
      return kKindNames[3];
    case FormRuleKind::kNotInFuture:
      return kKindNames[4];
  }
  return "";
}

// How many fields each kind reads (0: two or more).
std::size_t field_count(FormRuleKind k) {
  switch (k) {
    case FormRuleKind::kMinAge:
    case FormRuleKind::kNotInFuture:
      return 1;
    case FormRuleKind::kNotBefore:
      return 2;
    case FormRuleKind::kDifferent:
    case FormRuleKind::kApplicantAmong:
      return 0;
  }
  return 0;
}

Status broken(const std::string& field, const std::string& what) {
  return fail(ErrorCode::kInvalidArgument, "form." + field + " " + what, "form." + field);
}

}  // namespace

Result<std::vector<FormRule>> parse_form_rules(const JsonReader& r, const json::object& procedure,
                                               const json::value& form_schema) {
  std::vector<FormRule> out;
  auto list = r.array(procedure, "", "form_rules", false);
  if (!list) return tl::unexpected(list.error());
  if (*list == nullptr) return out;
  const json::object* properties = nullptr;
  if (const auto* schema = form_schema.if_object()) {
    if (const auto* p = schema->if_contains("properties")) properties = p->if_object();
  }
  for (std::size_t i = 0; i < (*list)->size(); ++i) {
    const std::string path = JsonReader::index("form_rules", i);
    auto o = r.object((**list)[i], path);
    if (!o) return tl::unexpected(o.error());
    if (auto ok = r.only_keys(**o, path, {"kind", "fields", "years"}); !ok) return tl::unexpected(ok.error());
    auto kind = r.one_of(**o, path, "kind", kKindNames);
    if (!kind) return tl::unexpected(kind.error());
    FormRule rule;
    rule.kind = static_cast<FormRuleKind>(std::find(kKindNames.begin(), kKindNames.end(), *kind) -
                                          kKindNames.begin());
    auto fields = r.strings(**o, path, "fields", true);
    if (!fields) return tl::unexpected(fields.error());
    const std::size_t wanted = field_count(rule.kind);
    if (wanted != 0 ? fields->size() != wanted : fields->size() < 2) {
      return r.error(path + ".fields", wanted == 0 ? std::string("must name at least two fields")
                                                   : fmt::format("must name exactly {} field(s)", wanted));
    }
    for (std::size_t k = 0; k < fields->size(); ++k) {
      if (properties == nullptr || !properties->contains((*fields)[k])) {
        return r.error(JsonReader::index(path + ".fields", k), "is not a property of form_schema");
      }
    }
    rule.fields = std::move(*fields);
    const std::int64_t no_years = 0;
    auto years = r.integer(**o, path, "years", rule.kind == FormRuleKind::kMinAge ? 1 : 0,
                           rule.kind == FormRuleKind::kMinAge ? 150 : 0,
                           rule.kind == FormRuleKind::kMinAge ? nullptr : &no_years);
    if (!years) return tl::unexpected(years.error());
    rule.years = static_cast<int>(*years);
    out.push_back(std::move(rule));
  }
  return out;
}

json::array form_rules_json(const std::vector<FormRule>& rules) {
  json::array out;
  for (const auto& rule : rules) {
    json::array fields;
    for (const auto& f : rule.fields) fields.emplace_back(f);
    json::object o{{"kind", kind_name(rule.kind)}, {"fields", std::move(fields)}};
    if (rule.kind == FormRuleKind::kMinAge) o["years"] = rule.years;
    out.push_back(std::move(o));
  }
  return out;
}

Status check_form_rules(const std::vector<FormRule>& rules, const json::object& form,
                        std::chrono::year_month_day today, std::string_view applicant_id_number) {
  for (const auto& rule : rules) {
    std::vector<std::string_view> values;
    for (const auto& f : rule.fields) {
      const auto* v = form.if_contains(f);
      if (v == nullptr || !v->is_string() || v->get_string().empty()) break;
      values.emplace_back(v->get_string());
    }
    if (values.size() != rule.fields.size()) continue;  // not filled in yet
    const std::string& first = rule.fields.front();
    switch (rule.kind) {
      case FormRuleKind::kMinAge: {
        const auto born = parse_day(values[0]);
        if (!born) continue;  // the field's own format check names it
        const std::chrono::year_month_day of_age{born->year() + std::chrono::years(rule.years), born->month(),
                                                 born->day()};
        // Born on 29 February: of age on 1 March in a common year.
        const auto of_age_day = of_age.ok() ? std::chrono::sys_days(of_age)
                                            : std::chrono::sys_days(of_age.year() / std::chrono::March / 1);
        if (of_age_day > std::chrono::sys_days(today)) {
          return broken(first,
                        fmt::format("must be a birth date at least {} years before today", rule.years));
        }
        break;
      }
      case FormRuleKind::kDifferent:
        for (std::size_t i = 1; i < values.size(); ++i) {
          for (std::size_t j = 0; j < i; ++j) {
            if (values[i] == values[j]) {
              return broken(rule.fields[i], "must differ from form." + rule.fields[j]);
            }
          }
        }
        break;
      case FormRuleKind::kApplicantAmong:
        if (std::find(values.begin(), values.end(), applicant_id_number) == values.end() ||
            applicant_id_number.empty()) {
          return broken(first, "or another of " + fmt::format("{}", fmt::join(rule.fields, ", ")) +
                                   " must be the applicant's own identity number");
        }
        break;
      case FormRuleKind::kNotBefore: {
        const auto later = parse_day(values[0]);
        const auto earlier = parse_day(values[1]);
        if (later && earlier && *later < *earlier) {
          return broken(first, "must not be before form." + rule.fields[1]);
        }
        break;
      }
      case FormRuleKind::kNotInFuture: {
        const auto day = parse_day(values[0]);
        if (day && *day > today) return broken(first, "must not be in the future");
        break;
      }
    }
  }
  return {};
}

}  // namespace sen::services
