#pragma once

#include <chrono>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "core/status.hpp"
#include "places/place.hpp"
#include "services/procedure.hpp"

namespace sen::services {

// A channel's time limit and fee as in force on one day in one province.
struct ChannelTerms {
  TimeLimit time_limit;
  std::optional<long long> fee_vnd;  // nullopt: set by the province and not known to the pack
  std::string fee_note;
};

// Applies the channel's rules in force on `day` (Vietnam's calendar) for `province` (empty: none, as for
// ministry-level procedures). For the time limit and for the fee separately, a rule for the province
// wins over a national one, then the latest `effective_from` (an absent one counts as earliest), then
// the later rule in the list.
ChannelTerms terms_in_force(const Channel& channel, std::chrono::year_month_day day,
                            std::string_view province);

// The kind of agency that handles `p` in `province`: an override for it, or `handled_by.kind`.
const std::string& agency_kind_for(const Procedure& p, std::string_view province);

// Every kind that procedures route to (handled_by and its overrides) is a kind of some agency in the
// pack; kInvalidArgument naming the procedure's file and field otherwise.
Status check_routing(const std::vector<Procedure>& procedures, const std::vector<places::Agency>& agencies);

// "YYYY-MM-DD" as a valid date; nullopt otherwise.
std::optional<std::chrono::year_month_day> parse_day(std::string_view text);
std::string format_day(std::chrono::year_month_day day);

}  // namespace sen::services
