#include "assessment/framework.hpp"

#include <algorithm>

namespace sen::assessment {

std::string_view name(SubjectType t) {
  switch (t) {
    case SubjectType::kEnterprise:
      return "enterprise";
    case SubjectType::kAgency:
      return "agency";
    case SubjectType::kCommune:
      return "commune";
    case SubjectType::kProvince:
      return "province";
  }
  return "";
}

std::string_view name(Aggregate a) {
  switch (a) {
    case Aggregate::kSum:
      return "sum";
    case Aggregate::kWeightedMean:
      return "weighted_mean";
    case Aggregate::kMin:
      return "min";
  }
  return "";
}

std::string_view name(NodeKind k) {
  switch (k) {
    case NodeKind::kPillar:
      return "pillar";
    case NodeKind::kIndex:
      return "index";
    case NodeKind::kComponent:
      return "component";
    case NodeKind::kCriterion:
      return "criterion";
    case NodeKind::kGroup:
      return "group";
  }
  return "";
}

std::string_view name(ItemKind k) {
  switch (k) {
    case ItemKind::kSingleChoice:
      return "single_choice";
    case ItemKind::kMultipleChoice:
      return "multiple_choice";
    case ItemKind::kNumeric:
      return "numeric";
    case ItemKind::kChecklist:
      return "checklist";
    case ItemKind::kComputed:
      return "computed";
  }
  return "";
}

std::string_view name(ItemSource s) {
  switch (s) {
    case ItemSource::kSelfReport:
      return "self_report";
    case ItemSource::kAssessor:
      return "assessor";
    case ItemSource::kAutomatic:
      return "automatic";
  }
  return "";
}

std::string_view name(Direction d) {
  switch (d) {
    case Direction::kHigher:
      return "higher";
    case Direction::kLower:
      return "lower";
  }
  return "";
}

std::string_view name(Metric m) {
  switch (m) {
    case Metric::kOnlineRate:
      return "online_rate";
    case Metric::kOnTimeRate:
      return "on_time_rate";
    case Metric::kOnlinePaymentRate:
      return "online_payment_rate";
    case Metric::kDigitalResultRate:
      return "digital_result_rate";
    case Metric::kSatisfactionRate:
      return "satisfaction_rate";
    case Metric::kRatedRate:
      return "rated_rate";
    case Metric::kTrackedRate:
      return "tracked_rate";
    case Metric::kSupplementOnceRate:
      return "supplement_once_rate";
    case Metric::kRefusalReasonedRate:
      return "refusal_reasoned_rate";
    case Metric::kProcessingTimeRatio:
      return "processing_time_ratio";
  }
  return "";
}

const Option* Item::option(std::string_view option_id) const {
  for (const auto& o : options)
    if (o.id == option_id) return &o;
  return nullptr;
}

const Tool* Catalogue::tool(std::string_view id) const {
  for (const auto& t : tools)
    if (t.id == id) return &t;
  return nullptr;
}

const Link* Catalogue::link(std::string_view id) const {
  for (const auto& l : links)
    if (l.id() == id) return &l;
  return nullptr;
}

double Catalogue::total_points() const {
  double total = 0;
  for (const auto& t : tools) total += t.points;
  for (const auto& l : links) total += l.points;
  return total;
}

int Levels::index_of(std::string_view band_id) const {
  for (std::size_t i = 0; i < bands.size(); ++i)
    if (bands[i].id == band_id) return static_cast<int>(i);
  return -1;
}

namespace {

const Node* find_node(const std::vector<Node>& nodes, std::string_view id) {
  for (const auto& n : nodes) {
    if (n.id == id) return &n;
    if (const Node* found = find_node(n.children, id)) return found;
  }
  return nullptr;
}

void collect_items(const std::vector<Node>& nodes, std::vector<const Item*>& out) {
  for (const auto& n : nodes) {
    collect_items(n.children, out);
    for (const auto& i : n.items) out.push_back(&i);
  }
}

}  // namespace

const Node* Framework::node(std::string_view id) const { return find_node(nodes, id); }

const Item* Framework::item(std::string_view id) const {
  for (const Item* i : all_items())
    if (i->id == id) return i;
  return nullptr;
}

const View* Framework::view(std::string_view id) const {
  for (const auto& v : views)
    if (v.id == id) return &v;
  return nullptr;
}

const Catalogue* Framework::catalogue(std::string_view industry) const {
  const auto it = catalogues.find(std::string(industry));
  return it == catalogues.end() ? nullptr : &it->second;
}

std::vector<const Item*> Framework::all_items() const {
  std::vector<const Item*> out;
  collect_items(nodes, out);
  return out;
}

}  // namespace sen::assessment
