#pragma once

#include <map>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace sen::assessment {

// A digital-transformation framework as data: a tree of nodes whose leaves are items, scored by
// scoring.hpp. The file format is documented in packs/vn/frameworks/README.md and read by
// framework_file.hpp; nothing here knows where a framework came from.

struct Text {
  std::string vi;
  std::string en;
  bool operator==(const Text&) const = default;
};

enum class SubjectType { kEnterprise, kAgency, kCommune, kProvince };
enum class Aggregate { kSum, kWeightedMean, kMin };
enum class NodeKind { kPillar, kIndex, kComponent, kCriterion, kGroup };
enum class ItemKind { kSingleChoice, kMultipleChoice, kNumeric, kChecklist, kComputed };
enum class ItemSource { kSelfReport, kAssessor, kAutomatic };
enum class Direction { kHigher, kLower };

// What `computed` items measure from the dossiers an agency handled (services/service_metrics.hpp).
enum class Metric {
  kOnlineRate,
  kOnTimeRate,
  kOnlinePaymentRate,
  kDigitalResultRate,
  kSatisfactionRate,
  kRatedRate,
  kTrackedRate,
  kSupplementOnceRate,
  kRefusalReasonedRate,
  kProcessingTimeRatio,
};
inline constexpr Metric kAllMetrics[] = {Metric::kOnlineRate,          Metric::kOnTimeRate,
                                         Metric::kOnlinePaymentRate,   Metric::kDigitalResultRate,
                                         Metric::kSatisfactionRate,    Metric::kRatedRate,
                                         Metric::kTrackedRate,         Metric::kSupplementOnceRate,
                                         Metric::kRefusalReasonedRate, Metric::kProcessingTimeRatio};

std::string_view name(SubjectType t);
std::string_view name(Aggregate a);
std::string_view name(NodeKind k);
std::string_view name(ItemKind k);
std::string_view name(ItemSource s);
std::string_view name(Direction d);
std::string_view name(Metric m);

struct Option {
  std::string id;
  Text label;
  double score = 0;  // the fraction of the item earned, 0-1
};

struct Threshold {
  double at_least = 0;
  double score = 0;
};

struct Item {
  std::string id;
  ItemKind kind = ItemKind::kSingleChoice;
  Text text;
  Text help;
  ItemSource source = ItemSource::kSelfReport;
  bool evidence_required = false;
  double weight = 0;                  // when the parent is a weighted mean
  double max_points = 0;              // when the parent is a sum
  std::vector<Option> options;        // single and multiple choice
  std::optional<double> min, max;     // numeric answers
  std::string unit;                   // numeric answers
  std::vector<Threshold> thresholds;  // numeric, and computed without a target
  std::optional<double> full_at;      // checklist
  std::optional<Metric> metric;       // computed
  std::optional<double> target;       // computed
  Direction direction = Direction::kHigher;

  const Option* option(std::string_view option_id) const;
};

struct Node {
  std::string id;
  NodeKind kind = NodeKind::kPillar;
  Text name;
  Aggregate aggregate = Aggregate::kSum;
  double weight = 0;
  double max_points = 0;
  std::vector<Node> children;
  std::vector<Item> items;
};

struct Tool {
  std::string id;
  std::string category;
  Text name;
  double points = 0;
};

struct Link {
  std::string first, second;
  double points = 0;
  std::string id() const { return first + "+" + second; }
};

struct Catalogue {
  std::vector<Tool> tools;
  std::vector<Link> links;
  const Tool* tool(std::string_view id) const;
  const Link* link(std::string_view id) const;
  double total_points() const;
};

struct View {
  std::string id;
  Text name;
  std::vector<std::string> nodes;
};

struct Band {
  std::string id;
  Text name;
  double from = 0, to = 0;
};

enum class GateKind { kEveryPillar, kNode, kItem };
struct Gate {
  std::string id;
  Text name;
  GateKind kind = GateKind::kEveryPillar;
  std::string target;                // kNode: node id; kItem: item id
  double min_percent = 0;            // kEveryPillar, kNode
  std::vector<std::string> options;  // kItem: the answers that meet it
  std::string cap;                   // band id
};

struct Levels {
  std::vector<Band> bands;
  std::vector<Gate> gates;
  // The index of a band id, or -1.
  int index_of(std::string_view band_id) const;
};

struct Recommendation {
  std::string id;
  std::string node;  // a node or a view
  double below_percent = 0;
  std::vector<std::string> levels;
  Text text;
  std::vector<std::string> categories;
};

struct Industry {
  std::string id;
  Text name;
};

struct Framework {
  std::string code;
  int version = 1;
  std::optional<int> supersedes;
  Text name;
  Text notes;
  std::string issuer;
  std::vector<std::string> legal_basis;
  std::vector<std::string> sources;
  SubjectType subject_type = SubjectType::kEnterprise;
  std::vector<std::string> sizes;                  // empty: all
  std::vector<std::string> applies_to_industries;  // empty: all
  double scale_max = 100;
  Aggregate aggregate = Aggregate::kWeightedMean;
  std::vector<Industry> industries;
  std::map<std::string, Catalogue> catalogues;  // by industry id
  std::vector<Node> nodes;
  std::vector<View> views;
  bool pillars_are_views = false;
  std::optional<Levels> levels;
  std::vector<Recommendation> recommendations;

  const Node* node(std::string_view id) const;
  const Item* item(std::string_view id) const;
  const View* view(std::string_view id) const;
  const Catalogue* catalogue(std::string_view industry) const;
  // Every item, depth first in file order.
  std::vector<const Item*> all_items() const;
};

inline constexpr std::string_view kSizes[] = {"micro", "small", "medium", "large"};

}  // namespace sen::assessment
