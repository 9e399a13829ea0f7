#pragma once

#include <boost/json/object.hpp>
#include <map>
#include <optional>
#include <string>
#include <variant>
#include <vector>

#include "assessment/framework.hpp"
#include "core/status.hpp"

namespace sen::assessment {

// Scoring is a pure function of (framework version, answers, subject, platform data): an assessment is
// re-scored by calling it again, under the same or a newer version.

struct NotApplicable {
  bool operator==(const NotApplicable&) const = default;
};
// An option id, a list of option (or tool and link) ids, a number, or not applicable.
using Answer = std::variant<NotApplicable, std::string, std::vector<std::string>, double>;
using Answers = std::map<std::string, Answer>;

struct Subject {
  std::string industry;  // enterprise frameworks with catalogues
  std::string size;      // micro | small | medium | large
};

// Measured values of `computed` items; a metric without a value is not applicable.
using PlatformData = std::map<Metric, double>;

// Reads `{"item id": "option" | ["a", "b"] | 12.5 | "na"}` against the framework; an unknown item or
// option, or an answer of the wrong kind, is kInvalidArgument naming `answers.<item id>`. Computed
// items take no answer.
Result<Answers> parse_answers(const Framework& f, const boost::json::object& answers, const Subject& subject);
// One item's answer; the error names `answers.<item id>`.
Result<Answer> parse_answer(const Framework& f, const Item& item, const boost::json::value& answer,
                            const Subject& subject);
boost::json::object answers_to_json(const Answers& answers);

// Answers given under one version, read under another: each answer the new version accepts is kept,
// the others are named in `dropped` (an item or option the new version no longer has).
Answers carry_over(const Framework& to, const boost::json::object& answers, const Subject& subject,
                   std::vector<std::string>& dropped);

// Items a respondent of this source still has to answer (self-report items for a self-assessment).
std::vector<std::string> unanswered(const Framework& f, const Answers& answers, ItemSource source);

struct PartScore {
  std::string id;
  Text name;
  std::optional<double> fraction;  // nullopt: not applicable
  double points = 0;               // fraction x max_points
  double max_points = 0;
};

struct LevelGap {
  const Band* next = nullptr;
  double points = 0;                    // what the score lacks to reach the next band
  std::vector<const Gate*> blocked_by;  // gates that would still cap the level below it
};

struct Scored {
  std::optional<double> fraction;          // overall, nullopt when nothing applies
  double score = 0;                        // fraction x scale.max, rounded to 1e-6
  std::vector<PartScore> pillars;          // the top nodes, or the views
  std::map<std::string, PartScore> nodes;  // every node and view by id
  std::map<std::string, std::optional<double>> items;
  const Band* band = nullptr;   // the band of the score
  const Band* level = nullptr;  // the band after gates
  std::vector<const Gate*> gates_failed;
  std::optional<LevelGap> gap;  // none at the top level or without levels
  std::vector<const Recommendation*> recommendations;
};

Scored score(const Framework& f, const Answers& answers, const Subject& subject, const PlatformData& data);

}  // namespace sen::assessment
