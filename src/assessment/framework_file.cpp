#include "assessment/framework_file.hpp"

#include <algorithm>
#include <boost/json.hpp>
#include <cmath>
#include <fstream>
#include <set>
#include <sstream>

#include "core/json_parse.hpp"
#include "core/json_reader.hpp"

namespace sen::assessment {
namespace {

namespace json = boost::json;

constexpr double kSumTolerance = 0.001;

constexpr SubjectType kSubjectTypes[] = {SubjectType::kEnterprise, SubjectType::kAgency,
                                         SubjectType::kCommune, SubjectType::kProvince};
constexpr Aggregate kAggregates[] = {Aggregate::kSum, Aggregate::kWeightedMean, Aggregate::kMin};
constexpr NodeKind kNodeKinds[] = {NodeKind::kPillar, NodeKind::kIndex, NodeKind::kComponent,
                                   NodeKind::kCriterion, NodeKind::kGroup};
constexpr ItemKind kItemKinds[] = {ItemKind::kSingleChoice, ItemKind::kMultipleChoice, ItemKind::kNumeric,
                                   ItemKind::kChecklist, ItemKind::kComputed};
constexpr ItemSource kSources[] = {ItemSource::kSelfReport, ItemSource::kAssessor, ItemSource::kAutomatic};
constexpr Direction kDirections[] = {Direction::kHigher, Direction::kLower};

// Ids and codes: 1-64 (codes 1-40) of the given characters.
bool id_shaped(std::string_view s, std::size_t max_length, std::string_view extra) {
  if (s.empty() || s.size() > max_length) return false;
  return std::all_of(s.begin(), s.end(), [&](char c) {
    return (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || extra.find(c) != std::string_view::npos;
  });
}

std::string number_text(double v) {
  std::ostringstream out;
  out << v;
  return out.str();
}

class FrameworkReader {
 public:
  explicit FrameworkReader(std::string_view origin) : r_(origin) {}

  Result<Framework> read(const json::value& root);

 private:
  Result<double> number(const json::object& o, const std::string& path, std::string_view key, double min,
                        double max, std::optional<double> fallback = std::nullopt) const {
    const json::value* v = o.if_contains(key);
    const std::string p = JsonReader::join(path, key);
    if (v == nullptr) {
      if (fallback) return *fallback;
      return r_.error(p, "missing required number");
    }
    if (!v->is_number()) return r_.error(p, "must be a number, not " + json_type_name(*v));
    const double d = v->to_number<double>();
    if (!std::isfinite(d) || d < min || d > max)
      return r_.error(p, number_text(d) + " is outside " + number_text(min) + "-" + number_text(max));
    return d;
  }

  Result<std::optional<double>> optional_number(const json::object& o, const std::string& path,
                                                std::string_view key, double min, double max) const {
    if (o.if_contains(key) == nullptr) return std::optional<double>();
    auto d = number(o, path, key, min, max);
    if (!d) return tl::unexpected(d.error());
    return std::optional<double>(*d);
  }

  Result<Text> text(const json::object& o, const std::string& path, std::string_view key,
                    bool required) const {
    const json::value* v = o.if_contains(key);
    const std::string p = JsonReader::join(path, key);
    if (v == nullptr) {
      if (required) return r_.error(p, "missing required text {\"vi\", \"en\"}");
      return Text{};
    }
    auto obj = r_.object(*v, p);
    if (!obj) return tl::unexpected(obj.error());
    if (auto ok = r_.only_keys(**obj, p, {"vi", "en"}); !ok) return tl::unexpected(ok.error());
    auto vi = r_.string(**obj, p, "vi", true);
    if (!vi) return tl::unexpected(vi.error());
    auto en = r_.string(**obj, p, "en", true);
    if (!en) return tl::unexpected(en.error());
    return Text{std::move(*vi), std::move(*en)};
  }

  // An id of [a-z0-9_-]+, unique across the framework's nodes and items when `unique` is given.
  Result<std::string> id(const json::object& o, const std::string& path,
                         std::set<std::string>* unique) const {
    auto s = r_.string(o, path, "id", true);
    if (!s) return s;
    if (!id_shaped(*s, 64, "_-"))
      return r_.error(JsonReader::join(path, "id"), "must match [a-z0-9_-]{1,64}");
    if (unique != nullptr && !unique->insert(*s).second)
      return r_.error(JsonReader::join(path, "id"), "duplicate id \"" + *s + "\"");
    return s;
  }

  // The part of a child its parent's aggregate needs: points under a sum, a weight under a weighted mean.
  Status share(const json::object& o, const std::string& path, Aggregate parent, double& weight,
               double& max_points) const {
    switch (parent) {
      case Aggregate::kSum: {
        if (o.if_contains("weight"))
          return r_.error(JsonReader::join(path, "weight"), "the parent is a sum: give max_points");
        auto p = number(o, path, "max_points", 0, 1e6);
        if (!p) return tl::unexpected(p.error());
        max_points = *p;
        return {};
      }
      case Aggregate::kWeightedMean: {
        auto w = number(o, path, "weight", 0, 1);
        if (!w) return tl::unexpected(w.error());
        weight = *w;
        auto p = number(o, path, "max_points", 0, 1e6, 0.0);
        if (!p) return tl::unexpected(p.error());
        max_points = *p;
        return {};
      }
      case Aggregate::kMin: {
        auto p = number(o, path, "max_points", 0, 1e6, 0.0);
        if (!p) return tl::unexpected(p.error());
        max_points = *p;
        return {};
      }
    }
    return {};
  }

  Result<std::vector<Threshold>> thresholds(const json::object& o, const std::string& path,
                                            bool required) const {
    auto arr = r_.array(o, path, "thresholds", required);
    if (!arr) return tl::unexpected(arr.error());
    std::vector<Threshold> out;
    if (*arr == nullptr) return out;
    const std::string list = JsonReader::join(path, "thresholds");
    for (std::size_t i = 0; i < (*arr)->size(); ++i) {
      const std::string p = JsonReader::index(list, i);
      auto t = r_.object((**arr)[i], p);
      if (!t) return tl::unexpected(t.error());
      if (auto ok = r_.only_keys(**t, p, {"at_least", "score"}); !ok) return tl::unexpected(ok.error());
      auto at = number(**t, p, "at_least", -1e12, 1e12);
      if (!at) return tl::unexpected(at.error());
      auto score = number(**t, p, "score", 0, 1);
      if (!score) return tl::unexpected(score.error());
      if (!out.empty() && *at <= out.back().at_least)
        return r_.error(JsonReader::join(p, "at_least"), "thresholds must rise");
      out.push_back({*at, *score});
    }
    if (required && out.empty()) return r_.error(list, "must not be empty");
    return out;
  }

  Result<Item> item(const json::value& v, const std::string& path, Aggregate parent) {
    auto o = r_.object(v, path);
    if (!o) return tl::unexpected(o.error());
    if (auto ok = r_.only_keys(
            **o, path,
            {"id", "kind", "text", "help", "source", "evidence_required", "weight", "max_points", "options",
             "min", "max", "unit", "thresholds", "full_at", "metric", "target", "direction"});
        !ok)
      return tl::unexpected(ok.error());
    Item it;
    auto item_id = id(**o, path, &ids_);
    if (!item_id) return tl::unexpected(item_id.error());
    it.id = *item_id;
    auto kind = enum_member(r_, **o, path, "kind", kItemKinds);
    if (!kind) return tl::unexpected(kind.error());
    it.kind = *kind;
    auto t = text(**o, path, "text", true);
    if (!t) return tl::unexpected(t.error());
    it.text = *t;
    auto h = text(**o, path, "help", false);
    if (!h) return tl::unexpected(h.error());
    it.help = *h;
    auto source = enum_member(r_, **o, path, "source", kSources);
    if (!source) return tl::unexpected(source.error());
    it.source = *source;
    auto evidence = r_.boolean(**o, path, "evidence_required", false);
    if (!evidence) return tl::unexpected(evidence.error());
    it.evidence_required = *evidence;
    if (auto ok = share(**o, path, parent, it.weight, it.max_points); !ok) return tl::unexpected(ok.error());
    if ((it.kind == ItemKind::kComputed) != (it.source == ItemSource::kAutomatic))
      return r_.error(JsonReader::join(path, "source"), "computed items, and only they, are automatic");

    // Each kind takes its own fields and no others.
    const bool choice = it.kind == ItemKind::kSingleChoice || it.kind == ItemKind::kMultipleChoice;
    const auto refuse = [&](std::string_view key) -> Status {
      if ((*o)->if_contains(key))
        return r_.error(JsonReader::join(path, key), "not used by " + std::string(name(it.kind)) + " items");
      return {};
    };
    if (!choice)
      if (auto ok = refuse("options"); !ok) return tl::unexpected(ok.error());
    if (it.kind != ItemKind::kNumeric) {
      for (auto key : {"min", "max", "unit"})
        if (auto ok = refuse(key); !ok) return tl::unexpected(ok.error());
    }
    if (it.kind != ItemKind::kNumeric && it.kind != ItemKind::kComputed)
      if (auto ok = refuse("thresholds"); !ok) return tl::unexpected(ok.error());
    if (it.kind != ItemKind::kChecklist)
      if (auto ok = refuse("full_at"); !ok) return tl::unexpected(ok.error());
    if (it.kind != ItemKind::kComputed) {
      for (auto key : {"metric", "target", "direction"})
        if (auto ok = refuse(key); !ok) return tl::unexpected(ok.error());
    }

    if (choice) {
      auto arr = r_.array(**o, path, "options", true);
      if (!arr) return tl::unexpected(arr.error());
      const std::string list = JsonReader::join(path, "options");
      std::set<std::string> option_ids;
      for (std::size_t i = 0; i < (*arr)->size(); ++i) {
        const std::string p = JsonReader::index(list, i);
        auto opt = r_.object((**arr)[i], p);
        if (!opt) return tl::unexpected(opt.error());
        if (auto ok = r_.only_keys(**opt, p, {"id", "label", "score"}); !ok)
          return tl::unexpected(ok.error());
        auto oid = id(**opt, p, &option_ids);
        if (!oid) return tl::unexpected(oid.error());
        if (*oid == "na") return r_.error(JsonReader::join(p, "id"), "\"na\" is the answer not applicable");
        auto label = text(**opt, p, "label", true);
        if (!label) return tl::unexpected(label.error());
        auto score = number(**opt, p, "score", 0, 1);
        if (!score) return tl::unexpected(score.error());
        it.options.push_back({*oid, *label, *score});
      }
      if (it.options.size() < 2) return r_.error(list, "needs at least two options");
    }
    if (it.kind == ItemKind::kNumeric) {
      auto mn = optional_number(**o, path, "min", -1e12, 1e12);
      if (!mn) return tl::unexpected(mn.error());
      auto mx = optional_number(**o, path, "max", -1e12, 1e12);
      if (!mx) return tl::unexpected(mx.error());
      if (*mn && *mx && **mn > **mx) return r_.error(JsonReader::join(path, "max"), "is below min");
      it.min = *mn;
      it.max = *mx;
      auto unit = r_.string(**o, path, "unit", false);
      if (!unit) return tl::unexpected(unit.error());
      it.unit = *unit;
      auto th = thresholds(**o, path, true);
      if (!th) return tl::unexpected(th.error());
      it.thresholds = *th;
    }
    if (it.kind == ItemKind::kChecklist) {
      auto full = optional_number(**o, path, "full_at", 0.001, 1e6);
      if (!full) return tl::unexpected(full.error());
      it.full_at = *full;
    }
    if (it.kind == ItemKind::kComputed) {
      auto metric = enum_member(r_, **o, path, "metric", kAllMetrics);
      if (!metric) return tl::unexpected(metric.error());
      it.metric = *metric;
      auto target = optional_number(**o, path, "target", 1e-9, 1e12);
      if (!target) return tl::unexpected(target.error());
      it.target = *target;
      if ((*o)->if_contains("direction")) {
        auto d = enum_member(r_, **o, path, "direction", kDirections);
        if (!d) return tl::unexpected(d.error());
        it.direction = *d;
      }
      auto th = thresholds(**o, path, false);
      if (!th) return tl::unexpected(th.error());
      it.thresholds = *th;
      if (it.target.has_value() == !it.thresholds.empty())
        return r_.error(JsonReader::join(path, "target"), "give either a target or thresholds");
    }
    return it;
  }

  // The children's shares must add up to what the parent has to give.
  Status check_shares(const std::string& path, Aggregate aggregate, double parent_points,
                      const std::vector<std::pair<double, double>>& shares, bool parent_has_points) const {
    if (shares.empty()) return r_.error(path, "needs children or items");
    double weights = 0, points = 0;
    for (const auto& [w, p] : shares) {
      weights += w;
      points += p;
    }
    switch (aggregate) {
      case Aggregate::kSum:
        if (parent_has_points && std::abs(points - parent_points) > kSumTolerance)
          return r_.error(path, "max_points of the children add up to " + number_text(points) +
                                    ", the node has " + number_text(parent_points));
        return {};
      case Aggregate::kWeightedMean:
        if (std::abs(weights - 1.0) > kSumTolerance)
          return r_.error(path, "weights of the children add up to " + number_text(weights) + ", not 1");
        return {};
      case Aggregate::kMin:
        return {};
    }
    return {};
  }

  Result<Node> node(const json::value& v, const std::string& path, Aggregate parent) {
    auto o = r_.object(v, path);
    if (!o) return tl::unexpected(o.error());
    if (auto ok = r_.only_keys(
            **o, path, {"id", "kind", "name", "aggregate", "weight", "max_points", "children", "items"});
        !ok)
      return tl::unexpected(ok.error());
    Node n;
    auto node_id = id(**o, path, &ids_);
    if (!node_id) return tl::unexpected(node_id.error());
    n.id = *node_id;
    auto kind = enum_member(r_, **o, path, "kind", kNodeKinds);
    if (!kind) return tl::unexpected(kind.error());
    n.kind = *kind;
    auto nm = text(**o, path, "name", true);
    if (!nm) return tl::unexpected(nm.error());
    n.name = *nm;
    auto agg = enum_member(r_, **o, path, "aggregate", kAggregates);
    if (!agg) return tl::unexpected(agg.error());
    n.aggregate = *agg;
    if (auto ok = share(**o, path, parent, n.weight, n.max_points); !ok) return tl::unexpected(ok.error());
    auto parts = children(**o, path, n.aggregate, n.children, n.items);
    if (!parts) return tl::unexpected(parts.error());
    if (auto ok =
            check_shares(path, n.aggregate, n.max_points, *parts, (*o)->if_contains("max_points") != nullptr);
        !ok)
      return tl::unexpected(ok.error());
    return n;
  }

  // Reads "children" and "items", returning each part's (weight, max_points).
  Result<std::vector<std::pair<double, double>>> children(const json::object& o, const std::string& path,
                                                          Aggregate aggregate, std::vector<Node>& nodes,
                                                          std::vector<Item>& items,
                                                          std::string_view children_key = "children") {
    std::vector<std::pair<double, double>> shares;
    auto kids = r_.array(o, path, children_key, false);
    if (!kids) return tl::unexpected(kids.error());
    if (*kids != nullptr) {
      const std::string list = JsonReader::join(path, children_key);
      for (std::size_t i = 0; i < (*kids)->size(); ++i) {
        auto child = node((**kids)[i], JsonReader::index(list, i), aggregate);
        if (!child) return tl::unexpected(child.error());
        shares.emplace_back(child->weight, child->max_points);
        nodes.push_back(std::move(*child));
      }
    }
    auto its = r_.array(o, path, "items", false);
    if (!its) return tl::unexpected(its.error());
    if (*its != nullptr) {
      const std::string list = JsonReader::join(path, "items");
      for (std::size_t i = 0; i < (*its)->size(); ++i) {
        auto it = item((**its)[i], JsonReader::index(list, i), aggregate);
        if (!it) return tl::unexpected(it.error());
        shares.emplace_back(it->weight, it->max_points);
        items.push_back(std::move(*it));
      }
    }
    return shares;
  }

  Result<std::map<std::string, Catalogue>> catalogues(const json::object& o,
                                                      const std::set<std::string>& industries) {
    std::map<std::string, Catalogue> out;
    const json::value* v = o.if_contains("catalogues");
    if (v == nullptr) return out;
    auto obj = r_.object(*v, "catalogues");
    if (!obj) return tl::unexpected(obj.error());
    for (const auto& kv : **obj) {
      const std::string industry(kv.key());
      const std::string path = JsonReader::join("catalogues", industry);
      if (!industries.contains(industry)) return r_.error(path, "unknown industry (not in industries)");
      auto c = r_.object(kv.value(), path);
      if (!c) return tl::unexpected(c.error());
      if (auto ok = r_.only_keys(**c, path, {"tools", "links"}); !ok) return tl::unexpected(ok.error());
      Catalogue cat;
      auto tools = r_.array(**c, path, "tools", true);
      if (!tools) return tl::unexpected(tools.error());
      std::set<std::string> tool_ids;
      for (std::size_t i = 0; i < (*tools)->size(); ++i) {
        const std::string p = JsonReader::index(JsonReader::join(path, "tools"), i);
        auto t = r_.object((**tools)[i], p);
        if (!t) return tl::unexpected(t.error());
        if (auto ok = r_.only_keys(**t, p, {"id", "category", "name", "points"}); !ok)
          return tl::unexpected(ok.error());
        auto tid = id(**t, p, &tool_ids);
        if (!tid) return tl::unexpected(tid.error());
        auto category = r_.string(**t, p, "category", true);
        if (!category) return tl::unexpected(category.error());
        auto nm = text(**t, p, "name", true);
        if (!nm) return tl::unexpected(nm.error());
        auto points = number(**t, p, "points", 0, 1000);
        if (!points) return tl::unexpected(points.error());
        cat.tools.push_back({*tid, *category, *nm, *points});
      }
      auto links = r_.array(**c, path, "links", false);
      if (!links) return tl::unexpected(links.error());
      if (*links != nullptr) {
        for (std::size_t i = 0; i < (*links)->size(); ++i) {
          const std::string p = JsonReader::index(JsonReader::join(path, "links"), i);
          auto l = r_.object((**links)[i], p);
          if (!l) return tl::unexpected(l.error());
          if (auto ok = r_.only_keys(**l, p, {"tools", "points"}); !ok) return tl::unexpected(ok.error());
          auto pair = r_.strings(**l, p, "tools", true);
          if (!pair) return tl::unexpected(pair.error());
          if (pair->size() != 2)
            return r_.error(JsonReader::join(p, "tools"), "a link joins exactly two tools");
          for (std::size_t k = 0; k < 2; ++k)
            if (!tool_ids.contains((*pair)[k]))
              return r_.error(JsonReader::index(JsonReader::join(p, "tools"), k),
                              "unknown tool \"" + (*pair)[k] + "\" in this catalogue");
          auto points = number(**l, p, "points", 0, 1000);
          if (!points) return tl::unexpected(points.error());
          Link link{(*pair)[0], (*pair)[1], *points};
          if (cat.link(link.id()) != nullptr) return r_.error(p, "duplicate link " + link.id());
          cat.links.push_back(std::move(link));
        }
      }
      out.emplace(industry, std::move(cat));
    }
    return out;
  }

  Result<Levels> levels(const json::object& o, const Framework& f) {
    Levels lv;
    if (auto ok = r_.only_keys(o, "levels", {"bands", "gates"}); !ok) return tl::unexpected(ok.error());
    auto bands = r_.array(o, "levels", "bands", true);
    if (!bands) return tl::unexpected(bands.error());
    std::set<std::string> band_ids;
    for (std::size_t i = 0; i < (*bands)->size(); ++i) {
      const std::string p = JsonReader::index("levels.bands", i);
      auto b = r_.object((**bands)[i], p);
      if (!b) return tl::unexpected(b.error());
      if (auto ok = r_.only_keys(**b, p, {"id", "name", "from", "to"}); !ok)
        return tl::unexpected(ok.error());
      Band band;
      auto bid = id(**b, p, &band_ids);
      if (!bid) return tl::unexpected(bid.error());
      band.id = *bid;
      auto nm = text(**b, p, "name", true);
      if (!nm) return tl::unexpected(nm.error());
      band.name = *nm;
      auto from = number(**b, p, "from", 0, f.scale_max);
      if (!from) return tl::unexpected(from.error());
      auto to = number(**b, p, "to", 0, f.scale_max);
      if (!to) return tl::unexpected(to.error());
      band.from = *from;
      band.to = *to;
      if (band.to <= band.from) return r_.error(JsonReader::join(p, "to"), "must be above from");
      const double expected_from = lv.bands.empty() ? 0.0 : lv.bands.back().to;
      if (std::abs(band.from - expected_from) > 1e-9) {
        const std::string what =
            band.from < expected_from ? "overlaps the band before" : "leaves a gap after the band before";
        return r_.error(JsonReader::join(p, "from"), what + " (expected " + number_text(expected_from) + ")");
      }
      lv.bands.push_back(std::move(band));
    }
    if (lv.bands.empty()) return r_.error("levels.bands", "must not be empty");
    if (std::abs(lv.bands.back().to - f.scale_max) > 1e-9)
      return r_.error(JsonReader::index("levels.bands", lv.bands.size() - 1) + ".to",
                      "the last band must end at scale.max " + number_text(f.scale_max));

    auto gates = r_.array(o, "levels", "gates", false);
    if (!gates) return tl::unexpected(gates.error());
    if (*gates == nullptr) return lv;
    std::set<std::string> gate_ids;
    for (std::size_t i = 0; i < (*gates)->size(); ++i) {
      const std::string p = JsonReader::index("levels.gates", i);
      auto g = r_.object((**gates)[i], p);
      if (!g) return tl::unexpected(g.error());
      if (auto ok = r_.only_keys(
              **g, p, {"id", "name", "pillar_min_percent", "node", "min_percent", "item", "options", "cap"});
          !ok)
        return tl::unexpected(ok.error());
      Gate gate;
      auto gid = id(**g, p, &gate_ids);
      if (!gid) return tl::unexpected(gid.error());
      gate.id = *gid;
      auto nm = text(**g, p, "name", true);
      if (!nm) return tl::unexpected(nm.error());
      gate.name = *nm;
      auto cap = r_.string(**g, p, "cap", true);
      if (!cap) return tl::unexpected(cap.error());
      if (lv.index_of(*cap) < 0) return r_.error(JsonReader::join(p, "cap"), "unknown band \"" + *cap + "\"");
      gate.cap = *cap;
      const bool every = (*g)->if_contains("pillar_min_percent") != nullptr;
      const bool node_gate = (*g)->if_contains("node") != nullptr;
      const bool item_gate = (*g)->if_contains("item") != nullptr;
      if (every + node_gate + item_gate != 1)
        return r_.error(p, "a gate has exactly one of pillar_min_percent, node or item");
      if (every) {
        gate.kind = GateKind::kEveryPillar;
        auto pct = number(**g, p, "pillar_min_percent", 0, 100);
        if (!pct) return tl::unexpected(pct.error());
        gate.min_percent = *pct;
      } else if (node_gate) {
        gate.kind = GateKind::kNode;
        auto target = r_.string(**g, p, "node", true);
        if (!target) return tl::unexpected(target.error());
        if (f.node(*target) == nullptr && f.view(*target) == nullptr)
          return r_.error(JsonReader::join(p, "node"), "unknown node \"" + *target + "\"");
        gate.target = *target;
        auto pct = number(**g, p, "min_percent", 0, 100);
        if (!pct) return tl::unexpected(pct.error());
        gate.min_percent = *pct;
      } else {
        gate.kind = GateKind::kItem;
        auto target = r_.string(**g, p, "item", true);
        if (!target) return tl::unexpected(target.error());
        const Item* it = f.item(*target);
        if (it == nullptr) return r_.error(JsonReader::join(p, "item"), "unknown item \"" + *target + "\"");
        gate.target = *target;
        auto opts = r_.strings(**g, p, "options", true);
        if (!opts) return tl::unexpected(opts.error());
        for (std::size_t k = 0; k < opts->size(); ++k)
          if (it->option((*opts)[k]) == nullptr)
            return r_.error(JsonReader::index(JsonReader::join(p, "options"), k),
                            "item \"" + *target + "\" has no option \"" + (*opts)[k] + "\"");
        gate.options = *opts;
      }
      lv.gates.push_back(std::move(gate));
    }
    return lv;
  }

  JsonReader r_;
  std::set<std::string> ids_;  // nodes and items share one namespace
};

Result<Framework> FrameworkReader::read(const json::value& root) {
  auto o = r_.object(root, "");
  if (!o) return tl::unexpected(o.error());
  if (auto ok = r_.only_keys(**o, "",
                             {"code", "version", "supersedes", "name", "notes", "issuer", "legal_basis",
                              "sources", "subject_type", "applies_to", "scale", "aggregate", "industries",
                              "catalogues", "nodes", "views", "pillars", "levels", "recommendations"});
      !ok)
    return tl::unexpected(ok.error());
  Framework f;
  auto code = r_.string(**o, "", "code", true);
  if (!code) return tl::unexpected(code.error());
  if (!id_shaped(*code, 40, "-")) return r_.error("code", "must match [a-z0-9-]{1,40}");
  f.code = *code;
  auto version = r_.integer(**o, "", "version", 1, 100000);
  if (!version) return tl::unexpected(version.error());
  f.version = static_cast<int>(*version);
  if (const json::value* s = (*o)->if_contains("supersedes"); s != nullptr && !s->is_null()) {
    auto sv = r_.integer(**o, "", "supersedes", 1, f.version - 1 < 1 ? 1 : f.version - 1);
    if (!sv) return tl::unexpected(sv.error());
    if (*sv >= f.version) return r_.error("supersedes", "must be an earlier version");
    f.supersedes = static_cast<int>(*sv);
  }
  auto nm = text(**o, "", "name", true);
  if (!nm) return tl::unexpected(nm.error());
  f.name = *nm;
  auto notes = text(**o, "", "notes", true);
  if (!notes) return tl::unexpected(notes.error());
  f.notes = *notes;
  auto issuer = r_.string(**o, "", "issuer", true);
  if (!issuer) return tl::unexpected(issuer.error());
  f.issuer = *issuer;
  auto basis = r_.strings(**o, "", "legal_basis", false);
  if (!basis) return tl::unexpected(basis.error());
  f.legal_basis = *basis;
  auto sources = r_.strings(**o, "", "sources", true);
  if (!sources) return tl::unexpected(sources.error());
  f.sources = *sources;
  auto subject = enum_member(r_, **o, "", "subject_type", kSubjectTypes);
  if (!subject) return tl::unexpected(subject.error());
  f.subject_type = *subject;

  auto scale_value = (*o)->if_contains("scale");
  if (scale_value == nullptr) return r_.error("scale", "missing required object");
  auto scale = r_.object(*scale_value, "scale");
  if (!scale) return tl::unexpected(scale.error());
  if (auto ok = r_.only_keys(**scale, "scale", {"max"}); !ok) return tl::unexpected(ok.error());
  auto smax = number(**scale, "scale", "max", 1, 1e6);
  if (!smax) return tl::unexpected(smax.error());
  f.scale_max = *smax;
  auto agg = enum_member(r_, **o, "", "aggregate", kAggregates);
  if (!agg) return tl::unexpected(agg.error());
  f.aggregate = *agg;

  std::set<std::string> industry_ids;
  if (auto arr = r_.array(**o, "", "industries", false); !arr) {
    return tl::unexpected(arr.error());
  } else if (*arr != nullptr) {
    for (std::size_t i = 0; i < (*arr)->size(); ++i) {
      const std::string p = JsonReader::index("industries", i);
      auto ind = r_.object((**arr)[i], p);
      if (!ind) return tl::unexpected(ind.error());
      if (auto ok = r_.only_keys(**ind, p, {"id", "name"}); !ok) return tl::unexpected(ok.error());
      auto iid = id(**ind, p, &industry_ids);
      if (!iid) return tl::unexpected(iid.error());
      auto iname = text(**ind, p, "name", true);
      if (!iname) return tl::unexpected(iname.error());
      f.industries.push_back({*iid, *iname});
    }
  }
  if (const json::value* a = (*o)->if_contains("applies_to"); a != nullptr) {
    auto applies = r_.object(*a, "applies_to");
    if (!applies) return tl::unexpected(applies.error());
    if (auto ok = r_.only_keys(**applies, "applies_to", {"sizes", "industries"}); !ok)
      return tl::unexpected(ok.error());
    auto sizes = r_.strings(**applies, "applies_to", "sizes", false);
    if (!sizes) return tl::unexpected(sizes.error());
    for (std::size_t i = 0; i < sizes->size(); ++i)
      if (std::find(std::begin(kSizes), std::end(kSizes), (*sizes)[i]) == std::end(kSizes))
        return r_.error(JsonReader::index("applies_to.sizes", i),
                        "must be one of micro, small, medium, large");
    f.sizes = *sizes;
    auto inds = r_.strings(**applies, "applies_to", "industries", false);
    if (!inds) return tl::unexpected(inds.error());
    for (std::size_t i = 0; i < inds->size(); ++i)
      if (!industry_ids.contains((*inds)[i]))
        return r_.error(JsonReader::index("applies_to.industries", i),
                        "unknown industry \"" + (*inds)[i] + "\"");
    f.applies_to_industries = *inds;
  }
  auto cats = catalogues(**o, industry_ids);
  if (!cats) return tl::unexpected(cats.error());
  f.catalogues = std::move(*cats);

  std::vector<Item> top_items;  // stays empty: the top has no "items" key
  auto parts = children(**o, "", f.aggregate, f.nodes, top_items, "nodes");
  if (!parts) return tl::unexpected(parts.error());
  if (f.nodes.empty()) return r_.error("nodes", "must not be empty");
  if (auto ok = check_shares("nodes", f.aggregate, f.scale_max, *parts, true); !ok)
    return tl::unexpected(ok.error());

  bool has_checklist = false;
  for (const Item* it : f.all_items()) has_checklist = has_checklist || it->kind == ItemKind::kChecklist;
  if (has_checklist && f.catalogues.empty())
    return r_.error("catalogues", "checklist items need a catalogue");
  if (has_checklist) {
    for (const auto& ind : f.industries)
      if (!f.catalogues.contains(ind.id))
        return r_.error("catalogues", "no catalogue for industry \"" + ind.id + "\"");
  }

  if (auto arr = r_.array(**o, "", "views", false); !arr) {
    return tl::unexpected(arr.error());
  } else if (*arr != nullptr) {
    std::set<std::string> view_ids;
    for (std::size_t i = 0; i < (*arr)->size(); ++i) {
      const std::string p = JsonReader::index("views", i);
      auto v = r_.object((**arr)[i], p);
      if (!v) return tl::unexpected(v.error());
      if (auto ok = r_.only_keys(**v, p, {"id", "name", "nodes"}); !ok) return tl::unexpected(ok.error());
      View view;
      auto vid = id(**v, p, &view_ids);
      if (!vid) return tl::unexpected(vid.error());
      if (ids_.contains(*vid))
        return r_.error(JsonReader::join(p, "id"), "a node already has the id \"" + *vid + "\"");
      view.id = *vid;
      auto vname = text(**v, p, "name", true);
      if (!vname) return tl::unexpected(vname.error());
      view.name = *vname;
      auto members = r_.strings(**v, p, "nodes", true);
      if (!members) return tl::unexpected(members.error());
      for (std::size_t k = 0; k < members->size(); ++k)
        if (f.node((*members)[k]) == nullptr)
          return r_.error(JsonReader::index(JsonReader::join(p, "nodes"), k),
                          "unknown node \"" + (*members)[k] + "\"");
      view.nodes = *members;
      f.views.push_back(std::move(view));
    }
  }
  if ((*o)->if_contains("pillars")) {
    static constexpr std::string_view kPillars[] = {"nodes", "views"};
    auto p = r_.one_of(**o, "", "pillars", kPillars);
    if (!p) return tl::unexpected(p.error());
    f.pillars_are_views = *p == "views";
    if (f.pillars_are_views && f.views.empty()) return r_.error("pillars", "\"views\" needs views");
  }

  if (const json::value* lv = (*o)->if_contains("levels"); lv != nullptr && !lv->is_null()) {
    auto lo = r_.object(*lv, "levels");
    if (!lo) return tl::unexpected(lo.error());
    auto parsed = levels(**lo, f);
    if (!parsed) return tl::unexpected(parsed.error());
    f.levels = std::move(*parsed);
  }

  if (auto arr = r_.array(**o, "", "recommendations", false); !arr) {
    return tl::unexpected(arr.error());
  } else if (*arr != nullptr) {
    std::set<std::string> rec_ids;
    for (std::size_t i = 0; i < (*arr)->size(); ++i) {
      const std::string p = JsonReader::index("recommendations", i);
      auto ro = r_.object((**arr)[i], p);
      if (!ro) return tl::unexpected(ro.error());
      if (auto ok = r_.only_keys(**ro, p, {"id", "node", "below_percent", "levels", "text", "categories"});
          !ok)
        return tl::unexpected(ok.error());
      Recommendation rec;
      auto rid = id(**ro, p, &rec_ids);
      if (!rid) return tl::unexpected(rid.error());
      rec.id = *rid;
      auto target = r_.string(**ro, p, "node", true);
      if (!target) return tl::unexpected(target.error());
      if (f.node(*target) == nullptr && f.view(*target) == nullptr)
        return r_.error(JsonReader::join(p, "node"), "unknown node \"" + *target + "\"");
      rec.node = *target;
      auto below = number(**ro, p, "below_percent", 0, 100);
      if (!below) return tl::unexpected(below.error());
      rec.below_percent = *below;
      auto lvls = r_.strings(**ro, p, "levels", false);
      if (!lvls) return tl::unexpected(lvls.error());
      for (std::size_t k = 0; k < lvls->size(); ++k)
        if (!f.levels || f.levels->index_of((*lvls)[k]) < 0)
          return r_.error(JsonReader::index(JsonReader::join(p, "levels"), k),
                          "unknown band \"" + (*lvls)[k] + "\"");
      rec.levels = *lvls;
      auto t = text(**ro, p, "text", true);
      if (!t) return tl::unexpected(t.error());
      rec.text = *t;
      auto categories = r_.strings(**ro, p, "categories", false);
      if (!categories) return tl::unexpected(categories.error());
      rec.categories = *categories;
      f.recommendations.push_back(std::move(rec));
    }
  }
  return f;
}

json::object text_json(const Text& t) { return json::object{{"vi", t.vi}, {"en", t.en}}; }

json::array strings_json(const std::vector<std::string>& v) {
  json::array out;
  for (const auto& s : v) out.emplace_back(s);
  return out;
}

void put_share(json::object& o, Aggregate parent, double weight, double max_points) {
  switch (parent) {
    case Aggregate::kSum:
      o["max_points"] = max_points;
      return;
    case Aggregate::kWeightedMean:
      o["weight"] = weight;
      if (max_points > 0) o["max_points"] = max_points;
      return;
    case Aggregate::kMin:
      if (max_points > 0) o["max_points"] = max_points;
      return;
  }
}

json::array thresholds_json(const std::vector<Threshold>& ts) {
  json::array out;
  for (const auto& t : ts) out.push_back(json::object{{"at_least", t.at_least}, {"score", t.score}});
  return out;
}

json::object item_json(const Item& it, Aggregate parent) {
  json::object o{{"id", it.id},
                 {"kind", name(it.kind)},
                 {"text", text_json(it.text)},
                 {"source", name(it.source)},
                 {"evidence_required", it.evidence_required}};
  if (!it.help.vi.empty()) o["help"] = text_json(it.help);
  put_share(o, parent, it.weight, it.max_points);
  switch (it.kind) {
    case ItemKind::kSingleChoice:
    case ItemKind::kMultipleChoice: {
      json::array options;
      for (const auto& opt : it.options)
        options.push_back(
            json::object{{"id", opt.id}, {"label", text_json(opt.label)}, {"score", opt.score}});
      o["options"] = std::move(options);
      break;
    }
    case ItemKind::kNumeric:
      if (it.min) o["min"] = *it.min;
      if (it.max) o["max"] = *it.max;
      if (!it.unit.empty()) o["unit"] = it.unit;
      o["thresholds"] = thresholds_json(it.thresholds);
      break;
    case ItemKind::kChecklist:
      if (it.full_at) o["full_at"] = *it.full_at;
      break;
    case ItemKind::kComputed:
      o["metric"] = name(*it.metric);
      if (it.target) o["target"] = *it.target;
      o["direction"] = name(it.direction);
      if (!it.thresholds.empty()) o["thresholds"] = thresholds_json(it.thresholds);
      break;
  }
  return o;
}

json::object node_json(const Node& n, Aggregate parent) {
  json::object o{
      {"id", n.id}, {"kind", name(n.kind)}, {"name", text_json(n.name)}, {"aggregate", name(n.aggregate)}};
  put_share(o, parent, n.weight, n.max_points);
  if (!n.children.empty()) {
    json::array kids;
    for (const auto& c : n.children) kids.push_back(node_json(c, n.aggregate));
    o["children"] = std::move(kids);
  }
  if (!n.items.empty()) {
    json::array items;
    for (const auto& i : n.items) items.push_back(item_json(i, n.aggregate));
    o["items"] = std::move(items);
  }
  return o;
}

}  // namespace

Result<Framework> parse_framework(std::string_view text, std::string_view origin) {
  boost::system::error_code ec;
  const json::value root = parse_json(text, ec);
  if (ec) return fail(ErrorCode::kInvalidArgument, std::string(origin) + ": not valid JSON: " + ec.message());
  return FrameworkReader(origin).read(root);
}

json::object framework_to_json(const Framework& f) {
  json::object o{{"code", f.code},
                 {"version", f.version},
                 {"supersedes", f.supersedes ? json::value(*f.supersedes) : json::value(nullptr)},
                 {"name", text_json(f.name)},
                 {"notes", text_json(f.notes)},
                 {"issuer", f.issuer},
                 {"legal_basis", strings_json(f.legal_basis)},
                 {"sources", strings_json(f.sources)},
                 {"subject_type", name(f.subject_type)},
                 {"applies_to", json::object{{"sizes", strings_json(f.sizes)},
                                             {"industries", strings_json(f.applies_to_industries)}}},
                 {"scale", json::object{{"max", f.scale_max}}},
                 {"aggregate", name(f.aggregate)},
                 {"pillars", f.pillars_are_views ? "views" : "nodes"}};
  json::array industries;
  for (const auto& i : f.industries)
    industries.push_back(json::object{{"id", i.id}, {"name", text_json(i.name)}});
  o["industries"] = std::move(industries);
  json::object catalogues;
  for (const auto& [industry, c] : f.catalogues) {
    json::array tools, links;
    for (const auto& t : c.tools)
      tools.push_back(json::object{
          {"id", t.id}, {"category", t.category}, {"name", text_json(t.name)}, {"points", t.points}});
    for (const auto& l : c.links)
      links.push_back(json::object{{"tools", json::array{json::value(l.first), json::value(l.second)}},
                                   {"points", l.points}});
    catalogues[industry] = json::object{{"tools", std::move(tools)}, {"links", std::move(links)}};
  }
  o["catalogues"] = std::move(catalogues);
  json::array nodes;
  for (const auto& n : f.nodes) nodes.push_back(node_json(n, f.aggregate));
  o["nodes"] = std::move(nodes);
  json::array views;
  for (const auto& v : f.views)
    views.push_back(
        json::object{{"id", v.id}, {"name", text_json(v.name)}, {"nodes", strings_json(v.nodes)}});
  o["views"] = std::move(views);
  if (f.levels) {
    json::array bands, gates;
    for (const auto& b : f.levels->bands)
      bands.push_back(
          json::object{{"id", b.id}, {"name", text_json(b.name)}, {"from", b.from}, {"to", b.to}});
    for (const auto& g : f.levels->gates) {
      json::object go{{"id", g.id}, {"name", text_json(g.name)}, {"cap", g.cap}};
      switch (g.kind) {
        case GateKind::kEveryPillar:
          go["pillar_min_percent"] = g.min_percent;
          break;
        case GateKind::kNode:
          go["node"] = g.target;
          go["min_percent"] = g.min_percent;
          break;
        case GateKind::kItem:
          go["item"] = g.target;
          go["options"] = strings_json(g.options);
          break;
      }
      gates.push_back(std::move(go));
    }
    o["levels"] = json::object{{"bands", std::move(bands)}, {"gates", std::move(gates)}};
  } else {
    o["levels"] = nullptr;
  }
  json::array recs;
  for (const auto& r : f.recommendations)
    recs.push_back(json::object{{"id", r.id},
                                {"node", r.node},
                                {"below_percent", r.below_percent},
                                {"levels", strings_json(r.levels)},
                                {"text", text_json(r.text)},
                                {"categories", strings_json(r.categories)}});
  o["recommendations"] = std::move(recs);
  return o;
}

Result<std::vector<Framework>> load_framework_directory(const std::filesystem::path& dir) {
  std::error_code ec;
  if (!std::filesystem::is_directory(dir, ec))
    return fail(ErrorCode::kInvalidArgument, "framework directory " + dir.string() + " does not exist");
  std::vector<std::filesystem::path> files;
  for (const auto& entry : std::filesystem::directory_iterator(dir))
    if (entry.is_regular_file() && entry.path().extension() == ".json") files.push_back(entry.path());
  std::sort(files.begin(), files.end());
  std::vector<Framework> out;
  for (const auto& path : files) {
    std::ifstream in(path, std::ios::binary);
    std::stringstream buffer;
    buffer << in.rdbuf();
    const std::string file = path.filename().string();
    auto f = parse_framework(buffer.str(), file);
    if (!f) return tl::unexpected(f.error());
    const std::string expected = f->code + "@" + std::to_string(f->version) + ".json";
    if (file != expected)
      return fail(ErrorCode::kInvalidArgument, file + ": the file of " + f->code + " version " +
                                                   std::to_string(f->version) + " must be named " + expected);
    out.push_back(std::move(*f));
  }
  // A version supersedes one that exists.
  for (const auto& f : out) {
    if (!f.supersedes) continue;
    const bool found = std::any_of(out.begin(), out.end(), [&](const Framework& g) {
      return g.code == f.code && g.version == *f.supersedes;
    });
    if (!found)
      return fail(ErrorCode::kInvalidArgument, f.code + "@" + std::to_string(f.version) +
                                                   ".json: supersedes: no version " +
                                                   std::to_string(*f.supersedes) + " of " + f.code);
  }
  return out;
}

}  // namespace sen::assessment
