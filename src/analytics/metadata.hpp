#pragma once

#include <array>
#include <map>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "analytics/period.hpp"
#include "analytics/place_tree.hpp"

namespace sen::analytics {

// What the data brain counts and computes, read from packs/vn/analytics/indicators.json
// (metadata_file.cpp): data elements (the measured "what"), indicators (expressions over them),
// targets and alert rules. Kept apart from the values, as DHIS2 keeps its metadata.

struct Text {
  std::string vi, en;
};

enum class Source {
  kDossierEvents,  // counted from the dossier event stream, live
  kAssessment,     // the DX programme's aggregates (latest standing of each enterprise)
  kStatistics,     // imported series
};
inline constexpr Source kSources[] = {Source::kDossierEvents, Source::kAssessment, Source::kStatistics};
std::string_view name(Source s);

// How values of places below combine into a place above: summed, or not at all (a share of GDP is
// reported for the place it is about and never added up).
enum class Aggregation { kSum, kNone };
inline constexpr Aggregation kAggregations[] = {Aggregation::kSum, Aggregation::kNone};
std::string_view name(Aggregation a);

// The ways a data element may be broken down.
enum class Dimension { kProcedure, kChannel, kLevel, kIndustry, kSize };
inline constexpr Dimension kDimensions[] = {Dimension::kProcedure, Dimension::kChannel, Dimension::kLevel,
                                            Dimension::kIndustry, Dimension::kSize};
std::string_view name(Dimension d);
std::optional<Dimension> dimension_named(std::string_view s);

// The counts the dossier event stream gives (docs/dossier-events.md): each is a predicate on one event.
enum class EventElement {
  kReceived,          // submit
  kReceivedOnline,    // submit, channel online
  kWithFee,           // submit with a fee due
  kProcessed,         // approve or reject, with the dossier's timeliness
  kOnTime,            // of them, early or on time
  kLate,              // of them, late
  kPaidOnline,        // confirm_payment through the gateway
  kResultsIssued,     // approve
  kResultsDigitised,  // approve, the result a signed electronic document
  kRated,             // rate
  kSatisfied,         // rate, 4 or 5
};
inline constexpr std::array kEventElements = {
    EventElement::kReceived,   EventElement::kReceivedOnline, EventElement::kWithFee,
    EventElement::kProcessed,  EventElement::kOnTime,         EventElement::kLate,
    EventElement::kPaidOnline, EventElement::kResultsIssued,  EventElement::kResultsDigitised,
    EventElement::kRated,      EventElement::kSatisfied};
inline constexpr std::size_t kEventElementCount = kEventElements.size();
std::string_view name(EventElement e);

// What the DX programme's aggregates give.
enum class AssessmentElement {
  kEnterprises,      // enterprises by their latest level, industry and size
  kServiceIndex766,  // the public-service index of Decision 766, 0-100, for a place and period
};
inline constexpr AssessmentElement kAssessmentElements[] = {AssessmentElement::kEnterprises,
                                                            AssessmentElement::kServiceIndex766};
std::string_view name(AssessmentElement e);

// Values of dimensions a query keeps to (procedure=1.001193, channel=online, level=elite).
using Filters = std::vector<std::pair<Dimension, std::string>>;

struct DataElement {
  std::string id;
  Source source = Source::kStatistics;
  Aggregation aggregation = Aggregation::kSum;
  Text name, definition;
  std::string unit;  // count | vnd | percent | ...
  std::vector<Dimension> dimensions;
  std::optional<EventElement> event;            // source dossier_events
  std::optional<AssessmentElement> assessment;  // source assessment
  // Statistics places report: each place of `reported_by` is expected to report every period of
  // `reported_every` (completeness). Empty: not a reported series.
  std::optional<Level> reported_by;
  PeriodType reported_every = PeriodType::kMonth;
};

// One term of an expression: +/- a data element, optionally only one value of a dimension
// (enterprises_assessed{level=elite}).
struct Term {
  int sign = 1;
  std::string element;
  std::optional<Dimension> dimension;
  std::string value;
};
// "a + b - c{level=x}": kInvalidArgument naming `field` when it does not read.
Result<std::vector<Term>> parse_expression(std::string_view text, std::string_view field);
std::string expression_text(const std::vector<Term>& terms);

struct Indicator {
  std::string id;
  Text name, definition;
  std::vector<Term> numerator, denominator;  // no denominator: a count or value
  double factor = 1;                         // 100 for a percentage
  std::string unit;
  bool higher_is_better = true;
  bool published = true;              // public without signing in
  std::string group;                  // e.g. "766-2": the group of Decision 766 it scores in
  std::vector<Dimension> dimensions;  // breakdowns every element of it allows
  bool is_ratio() const { return !denominator.empty(); }
};

struct Target {
  std::string indicator;
  std::string place;  // VN for the national default, a province for its override
  Month baseline_month = 0;
  double baseline = 0;
  Month due_month = 0;  // the month the target is due by (its last month)
  double value = 0;
  double at_risk_margin = 5;  // within this much below the path: at risk; further: off track
  std::string note;
};

enum class RuleKind {
  kThreshold,       // value op constant
  kTrajectory,      // below the target's path by more than its margin
  kChange,          // relative change against the previous period or the same period last year
  kBaseline,        // beyond the mean of the last k periods ± n standard deviations
  kPeerOutlier,     // modified z-score across the places of the same parent
  kConsistency,     // elements in order: each at most the next (on time ≤ processed ≤ received)
  kMissingReports,  // a reported series with no value from a place for the period
};
inline constexpr RuleKind kRuleKinds[] = {
    RuleKind::kThreshold,   RuleKind::kTrajectory,  RuleKind::kChange,        RuleKind::kBaseline,
    RuleKind::kPeerOutlier, RuleKind::kConsistency, RuleKind::kMissingReports};
std::string_view name(RuleKind k);

enum class Severity { kInfo, kWarning, kCritical };
inline constexpr Severity kSeverities[] = {Severity::kInfo, Severity::kWarning, Severity::kCritical};
std::string_view name(Severity s);

struct AlertRule {
  std::string id;
  Text name;
  RuleKind kind = RuleKind::kThreshold;
  std::string indicator;              // every kind but consistency and missing reports
  std::vector<std::string> elements;  // consistency: in order; missing reports: the one element
  Level level = Level::kProvince;     // the places evaluated
  Severity severity = Severity::kWarning;
  std::vector<std::string> notify;  // roles told, at the place or above it
  PeriodType period = PeriodType::kMonth;
  int persistence = 1;         // periods in breach in a row before it alerts
  double min_denominator = 0;  // ratios over fewer are not judged
  // threshold
  std::string op = "<";
  double value = 0;
  // change: "previous" or "last_year"; a relative change beyond `value` percent either way
  std::string compare = "previous";
  // baseline: k periods, n standard deviations; peers: the modified z-score limit in `value`
  int window = 6;
  double deviations = 2;
};

struct Metadata {
  std::vector<DataElement> elements;
  std::vector<Indicator> indicators;
  std::vector<Target> targets;
  std::vector<AlertRule> rules;
  // Every data element as a plain count or value, so a query may ask for it directly (as DHIS2 lets
  // data elements stand in its data dimension).
  std::vector<Indicator> element_indicators;
  const DataElement* element(std::string_view id) const;
  const Indicator* indicator(std::string_view id) const;
  // An indicator, else a data element's plain figure.
  const Indicator* indicator_or_element(std::string_view id) const;
};

}  // namespace sen::analytics
