#pragma once

#include <boost/json/object.hpp>
#include <filesystem>
#include <string_view>
#include <vector>

#include "core/status.hpp"
#include "services/procedure.hpp"

namespace sen::services {

// Parses one procedure definition (packs/vn/procedures/<code>.json, or the body of a PUT): the keys of
// Procedure in snake_case, nothing else. Strict, because a typo in a time limit or a fee silently
// changes every dossier's due date or payment: unknown keys, wrong types, values outside their enums,
// malformed codes and ids ([a-z0-9_]+), duplicate component or step ids, impossible time limits, step
// shares not summing to 1 (±0.001), a workflow that does not start at the receiving officer or does
// not have exactly one result-issuing step held by the approving leader, and a form_schema that is not
// an object are all kInvalidArgument, the message naming `origin` and the JSON path
// ("1.001193.json: channels[1].time_limit.unit: must be one of working_days, calendar_days, same_day")
// and Error::field holding the path. Invalid JSON is kMalformedJson. The form schema's own keywords
// are not checked here.
//
// Defaults for optional keys: conditions, source_note, fee_note, form_template = ""; cutoff_hour = 15;
// required = true; reusable_from = []; accepted_types = PDF, JPEG, PNG; issues_result = false;
// rules = []; handled_by.overrides = []. A channel's fee_vnd may be null (set by the province, not
// known); a rule's dates are "YYYY-MM-DD", its province two digits, and it sets a time limit, a fee or
// both, citing its `source`. `sources` must list at least one source.
Result<Procedure> parse_procedure(std::string_view json_text, std::string_view origin);

// Loads every *.json in `dir` (README.md and other files are ignored), sorted by code. A file named
// like a code ("1.001193.json") must hold that code; two files with the same code, or a reusable_from
// naming a code the directory does not define, are errors. kNotFound when the directory is missing or
// holds no *.json.
Result<std::vector<Procedure>> load_procedure_directory(const std::filesystem::path& dir);

// JSON of a time limit ({"unit", "value", "cutoff_hour"}) and of a fee (null when unknown).
boost::json::object time_limit_to_json(const TimeLimit& limit);
boost::json::value fee_to_json(const std::optional<long long>& fee);

// The file shape with every key present; parsing its serialization gives the same procedure back.
boost::json::object procedure_to_json(const Procedure& procedure);

}  // namespace sen::services
