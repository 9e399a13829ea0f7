#include "services/procedure_rules.hpp"

#include <fmt/format.h>

#include <charconv>
#include <set>

#include "calendar/working_calendar.hpp"
#include "core/json_reader.hpp"

namespace sen::services {
namespace {

bool in_force(const ChannelRule& r, std::chrono::year_month_day day, std::string_view province) {
  if (!r.province.empty() && r.province != province) return false;
  if (r.effective_from && day < *r.effective_from) return false;
  return !r.effective_until || day <= *r.effective_until;
}

// True when `a` takes precedence over `b`, which comes earlier in the list.
bool overrides(const ChannelRule& a, const ChannelRule& b) {
  if (a.province.empty() != b.province.empty()) return !a.province.empty();
  if (!b.effective_from) return true;
  return a.effective_from && *a.effective_from >= *b.effective_from;
}

}  // namespace

ChannelTerms terms_in_force(const Channel& channel, std::chrono::year_month_day day,
                            std::string_view province) {
  ChannelTerms terms{channel.time_limit, channel.fee_vnd, channel.fee_note};
  const ChannelRule* time_rule = nullptr;
  const ChannelRule* fee_rule = nullptr;
  for (const auto& r : channel.rules) {
    if (!in_force(r, day, province)) continue;
    if (r.time_limit && (time_rule == nullptr || overrides(r, *time_rule))) time_rule = &r;
    if (r.fee_vnd && (fee_rule == nullptr || overrides(r, *fee_rule))) fee_rule = &r;
  }
  if (time_rule != nullptr) terms.time_limit = *time_rule->time_limit;
  if (fee_rule != nullptr) {
    terms.fee_vnd = fee_rule->fee_vnd;
    if (fee_rule->fee_note) terms.fee_note = *fee_rule->fee_note;
  }
  return terms;
}

const std::string& agency_kind_for(const Procedure& p, std::string_view province) {
  for (const auto& o : p.handled_by.overrides) {
    if (o.province == province) return o.kind;
  }
  return p.handled_by.kind;
}

Status check_routing(const std::vector<Procedure>& procedures, const std::vector<places::Agency>& agencies) {
  std::set<std::string, std::less<>> kinds;
  for (const auto& a : agencies) kinds.insert(a.kind);
  for (const auto& p : procedures) {
    const std::string file = p.code + ".json";
    const JsonReader r(file);
    if (!kinds.contains(p.handled_by.kind)) {
      return r.error("handled_by.kind",
                     "no agency of kind " + shown(p.handled_by.kind) + " in the agencies pack");
    }
    for (std::size_t i = 0; i < p.handled_by.overrides.size(); ++i) {
      const auto& kind = p.handled_by.overrides[i].kind;
      if (!kinds.contains(kind)) {
        return r.error(JsonReader::index("handled_by.overrides", i) + ".kind",
                       "no agency of kind " + shown(kind) + " in the agencies pack");
      }
    }
  }
  return {};
}

std::optional<std::chrono::year_month_day> parse_day(std::string_view text) {
  auto day = calendar::parse_iso_date(text, "");
  if (!day) return std::nullopt;
  return *day;
}

std::string format_day(std::chrono::year_month_day day) {
  return fmt::format("{:04}-{:02}-{:02}", int(day.year()), unsigned(day.month()), unsigned(day.day()));
}

}  // namespace sen::services
