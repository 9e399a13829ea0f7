#pragma once

#include <boost/json/value.hpp>
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

struct Channel {
  std::string kind;  // direct | online | postal
  TimeLimit time_limit;
  long long fee_vnd = 0;
  std::string fee_note;  // exemptions, per-page rules, ...
  friend bool operator==(const Channel&, const Channel&) = default;
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
  std::vector<std::string> applicant_types;  // citizen | business
  std::string online_level;                  // full (toàn trình) | partial (một phần)
  std::vector<Channel> channels;
  std::vector<Component> components;
  std::string conditions;
  std::string result;  // name of the result document, e.g. "Giấy khai sinh"
  std::vector<std::string> legal_basis;
  boost::json::value form_schema;  // JSON Schema (object) of the applicant's form
  std::vector<FormRule> form_rules;  // checks across the form's fields
  std::vector<Step> steps;
  std::string source_note;  // where the figures come from; "minh họa" data is labelled as such
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
