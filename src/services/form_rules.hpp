#pragma once

#include <boost/json/fwd.hpp>
#include <chrono>
#include <string>
#include <string_view>
#include <vector>

#include "core/json_reader.hpp"
#include "core/status.hpp"

namespace sen::services {

// A check across fields of a procedure's form, beyond each field's own format: what the official
// would check before accepting the dossier. Rules are data in the procedure file ("form_rules").
enum class FormRuleKind {
  kMinAge,          // fields[0] (a birth date) is at least `years` years before the day of submission
  kDifferent,       // the fields hold different values (two people are not one)
  kApplicantAmong,  // one of the fields holds the applicant's identity number
  kNotBefore,       // fields[0] (a date) is not before fields[1]
  kNotInFuture,     // fields[0] (a date) is not after the day of submission
};

struct FormRule {
  FormRuleKind kind = FormRuleKind::kDifferent;
  std::vector<std::string> fields;
  int years = 0;  // kMinAge
  friend bool operator==(const FormRule&, const FormRule&) = default;
};

// `path` is where the list is in the procedure file; every field must be a property of `form_schema`.
Result<std::vector<FormRule>> parse_form_rules(const JsonReader& r, const boost::json::object& procedure,
                                               const boost::json::value& form_schema);
boost::json::array form_rules_json(const std::vector<FormRule>& rules);

// kInvalidArgument naming the first field of the first rule broken ("form.bride_birth_date"). Rules
// whose fields are not all filled in yet are left for later (a draft), or to "required" (a submission).
Status check_form_rules(const std::vector<FormRule>& rules, const boost::json::object& form,
                        std::chrono::year_month_day today, std::string_view applicant_id_number);

}  // namespace sen::services
