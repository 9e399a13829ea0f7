#include "analytics/metadata.hpp"

#include <fmt/format.h>

#include <algorithm>

namespace sen::analytics {

std::string_view name(Source s) {
  switch (s) {
    case Source::kDossierEvents:
      return "dossier_events";
    case Source::kAssessment:
      return "assessment";
    case Source::kStatistics:
      return "statistics";
  }
  return "";
}

std::string_view name(Aggregation a) {
  switch (a) {
    case Aggregation::kSum:
      return "sum";
    case Aggregation::kNone:
      return "none";
  }
  return "";
}

std::string_view name(Dimension d) {
  switch (d) {
    case Dimension::kProcedure:
      return "procedure";
    case Dimension::kChannel:
      return "channel";
    case Dimension::kLevel:
      return "level";
    case Dimension::kIndustry:
      return "industry";
    case Dimension::kSize:
      return "size";
  }
  return "";
}

std::optional<Dimension> dimension_named(std::string_view s) {
  for (Dimension d : kDimensions)
    if (name(d) == s) return d;
  return std::nullopt;
}

std::string_view name(EventElement e) {
  switch (e) {
    case EventElement::kReceived:
      return "dossiers_received";
    case EventElement::kReceivedOnline:
      return "dossiers_received_online";
    case EventElement::kWithFee:
      return "dossiers_with_fee";
    case EventElement::kProcessed:
      return "dossiers_processed";
    case EventElement::kOnTime:
      return "dossiers_processed_on_time";
    case EventElement::kLate:
      return "dossiers_processed_late";
    case EventElement::kPaidOnline:
      return "payments_online";
    case EventElement::kResultsIssued:
      return "results_issued";
    case EventElement::kResultsDigitised:
      return "results_digitised";
    case EventElement::kRated:
      return "ratings";
    case EventElement::kSatisfied:
      return "ratings_satisfied";
  }
  return "";
}

std::string_view name(AssessmentElement e) {
  switch (e) {
    case AssessmentElement::kEnterprises:
      return "enterprises_assessed";
    case AssessmentElement::kServiceIndex766:
      return "service_index_766";
  }
  return "";
}

std::string_view name(RuleKind k) {
  switch (k) {
    case RuleKind::kThreshold:
      return "threshold";
    case RuleKind::kTrajectory:
      return "trajectory";
    case RuleKind::kChange:
      return "change";
    case RuleKind::kBaseline:
      return "baseline";
    case RuleKind::kPeerOutlier:
      return "peer_outlier";
    case RuleKind::kConsistency:
      return "consistency";
    case RuleKind::kMissingReports:
      return "missing_reports";
  }
  return "";
}

std::string_view name(Severity s) {
  switch (s) {
    case Severity::kInfo:
      return "info";
    case Severity::kWarning:
      return "warning";
    case Severity::kCritical:
      return "critical";
  }
  return "";
}

namespace {

bool id_char(char c) { return (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '_'; }

}  // namespace

Result<std::vector<Term>> parse_expression(std::string_view text, std::string_view field) {
  const auto bad = [&](std::string_view why) {
    return fail(ErrorCode::kInvalidArgument,
                fmt::format("{}: \"{}\" {}: write data element ids joined by + and -, each optionally "
                            "followed by {{dimension=value}}",
                            field, text.substr(0, 80), why),
                std::string(field));
  };
  std::vector<Term> out;
  std::size_t i = 0;
  const auto skip_spaces = [&] {
    while (i < text.size() && text[i] == ' ') ++i;
  };
  int sign = 1;
  skip_spaces();
  for (;;) {
    const std::size_t start = i;
    while (i < text.size() && id_char(text[i])) ++i;
    if (i == start) return bad("expects a data element id");
    Term t{sign, std::string(text.substr(start, i - start)), std::nullopt, ""};
    if (i < text.size() && text[i] == '{') {
      const auto close = text.find('}', i);
      const auto eq = text.find('=', i);
      if (close == text.npos || eq == text.npos || eq > close)
        return bad("has an unclosed {dimension=value}");
      const auto dim = dimension_named(text.substr(i + 1, eq - i - 1));
      if (!dim) return bad("names an unknown dimension");
      t.dimension = dim;
      t.value = std::string(text.substr(eq + 1, close - eq - 1));
      if (t.value.empty() || !std::all_of(t.value.begin(), t.value.end(),
                                          [](char c) { return id_char(c) || c == '.' || c == '-'; }))
        return bad("has an empty or malformed dimension value");
      i = close + 1;
    }
    out.push_back(std::move(t));
    skip_spaces();
    if (i == text.size()) break;
    if (text[i] != '+' && text[i] != '-') return bad("expects + or -");
    sign = text[i] == '+' ? 1 : -1;
    ++i;
    skip_spaces();
  }
  return out;
}

std::string expression_text(const std::vector<Term>& terms) {
  std::string out;
  for (const auto& t : terms) {
    if (!out.empty())
      out += t.sign > 0 ? " + " : " - ";
    else if (t.sign < 0)
      out += "-";
    out += t.element;
    if (t.dimension) out += fmt::format("{{{}={}}}", name(*t.dimension), t.value);
  }
  return out;
}

const DataElement* Metadata::element(std::string_view id) const {
  for (const auto& e : elements)
    if (e.id == id) return &e;
  return nullptr;
}

const Indicator* Metadata::indicator(std::string_view id) const {
  for (const auto& i : indicators)
    if (i.id == id) return &i;
  return nullptr;
}

const Indicator* Metadata::indicator_or_element(std::string_view id) const {
  if (const Indicator* i = indicator(id)) return i;
  for (const auto& i : element_indicators)
    if (i.id == id) return &i;
  return nullptr;
}

}  // namespace sen::analytics
