#pragma once

#include <boost/json/value.hpp>
#include <chrono>
#include <optional>
#include <string>
#include <vector>

#include "services/form_rules.hpp"

namespace sen::services {

// One way of submitting (direct, online, postal), with its own time limit and fee.
struct TimeLimit {
  std::string unit;      // working_days | calendar_days | same_day
  int value = 0;         // days; 0 for same_day
  int cutoff_hour = 15;  // same_day: received at or after this hour (local time) -> next working day
  friend bool operator==(const TimeLimit&, const TimeLimit&) = default;
};

// A dated change to a channel's time limit or fee, nationally or in one province. In force from
// `effective_from` to `effective_until` (both inclusive, Vietnam's calendar days; absent: unbounded).
struct ChannelRule {
  std::string province;  // 2-digit province code; empty: every province
  std::optional<std::chrono::year_month_day> effective_from, effective_until;
  std::optional<TimeLimit> time_limit;
  std::optional<long long> fee_vnd;     // absent: the rule leaves the fee alone
  std::optional<std::string> fee_note;  // replaces the channel's note with the rule's fee
  std::string source;                   // the legal text or publication that sets it
  friend bool operator==(const ChannelRule&, const ChannelRule&) = default;
};

struct Channel {
  std::string kind;  // direct | online | postal
  TimeLimit time_limit;
  std::optional<long long> fee_vnd;  // nullopt: set by each province and not known to the pack
  std::string fee_note;              // exemptions, per-page rules, ...
  std::vector<ChannelRule> rules;    // dated and per-province changes to the two above
  friend bool operator==(const Channel&, const Channel&) = default;
};

// Which agency handles the procedure at the place a dossier is submitted for: the agency of `kind`
// located there, or of another kind in the provinces listed in `overrides`.
struct RoutingOverride {
  std::string province;
  std::string kind;
  friend bool operator==(const RoutingOverride&, const RoutingOverride&) = default;
};

struct Routing {
  std::string kind;  // people_committee, commune_police, immigration_office, ... (packs/vn/agencies)
  std::vector<RoutingOverride> overrides;
  friend bool operator==(const Routing&, const Routing&) = default;
};

// One paper of the dossier.
struct Component {
  std::string id;  // stable within the procedure, [a-z0-9_]+, used in URLs
  std::string name;
  std::string
      form_template;  // name of the official form, e.g. "Tờ khai đăng ký khai sinh (mẫu ...)"; may be empty
  std::string copy_kind;  // original | copy | certified_copy | electronic
  bool required = true;
  std::vector<std::string>
      reusable_from;  // procedure codes whose results can be attached instead of an upload
  std::vector<std::string> accepted_types;  // MIME types; default application/pdf, image/jpeg, image/png
  friend bool operator==(const Component&, const Component&) = default;
};

// One step of the workflow, acted on by one role of the receiving agency.
struct Step {
  std::string id;              // receive | assess | approve | return ... ([a-z_]+)
  std::string name;            // Vietnamese label
  std::string role;            // receiving_officer | processing_officer | approving_leader
  double share = 0;            // share of the time limit this step may use; the shares sum to 1
  bool issues_result = false;  // the step whose "approve" issues the signed result
  friend bool operator==(const Step&, const Step&) = default;
};

struct Procedure {
  std::string code;  // national code, e.g. "1.001193"
  std::string name;
  std::string sector;                        // e.g. "Hộ tịch"
  std::string level;                         // commune | province | ministry
  std::string agency;                        // who implements it, e.g. "Ủy ban nhân dân cấp xã"
  Routing handled_by;                        // the agency that receives dossiers, as a rule
  std::vector<std::string> applicant_types;  // citizen | business
  std::string online_level;                  // full (toàn trình) | partial (một phần)
  std::vector<Channel> channels;
  std::vector<Component> components;
  std::string conditions;
  std::string result;        // what the applicant receives, as published
  std::string result_title;  // the result document's own name ("Giấy khai sinh"): its PDF's title
  std::vector<std::string> legal_basis;
  boost::json::value form_schema;    // JSON Schema (object) of the applicant's form
  std::vector<FormRule> form_rules;  // checks across the form's fields
  std::vector<Step> steps;
  std::string source_note;           // where the figures come from; "minh họa" data is labelled as such
  std::vector<std::string> sources;  // public sources the figures were checked against
  int version = 1;

  bool fully_online() const { return online_level == "full"; }
  const Channel* channel(std::string_view kind) const {
    for (const auto& c : channels) {
      if (c.kind == kind) return &c;
    }
    return nullptr;
  }
  const Step* step(std::string_view id) const {
    for (const auto& s : steps) {
      if (s.id == id) return &s;
    }
    return nullptr;
  }
  const Component* component(std::string_view id) const {
    for (const auto& c : components) {
      if (c.id == id) return &c;
    }
    return nullptr;
  }
};

}  // namespace sen::services
