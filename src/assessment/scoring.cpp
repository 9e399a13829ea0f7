#include "assessment/scoring.hpp"

#include <fmt/format.h>

#include <algorithm>
#include <boost/json.hpp>
#include <cmath>

namespace sen::assessment {
namespace {

namespace json = boost::json;

// Scores are compared with band edges after rounding, so 0.25 x 100 is 25 and not 25.000000000000004.
double round6(double v) { return std::round(v * 1e6) / 1e6; }

std::optional<double> from_thresholds(const std::vector<Threshold>& ts, double value) {
  double out = 0;
  for (const auto& t : ts)
    if (value >= t.at_least) out = t.score;
  return out;
}

class Scorer {
 public:
  Scorer(const Framework& f, const Answers& a, const Subject& s, const PlatformData& d)
      : f_(f), answers_(a), subject_(s), data_(d) {}

  Scored run() {
    Scored out;
    std::vector<std::pair<std::optional<double>, std::pair<double, double>>> parts;
    for (const auto& n : f_.nodes) parts.push_back({node(n, out), {n.weight, n.max_points}});
    out.fraction = combine(f_.aggregate, parts);
    out.score = out.fraction ? round6(*out.fraction * f_.scale_max) : 0;
    for (const auto& v : f_.views) out.nodes[v.id] = view(v, out);
    if (f_.pillars_are_views) {
      for (const auto& v : f_.views) out.pillars.push_back(out.nodes[v.id]);
    } else {
      for (const auto& n : f_.nodes) out.pillars.push_back(out.nodes[n.id]);
    }
    if (f_.levels && out.fraction) levels(*f_.levels, out);
    for (const auto& r : f_.recommendations) {
      const auto& part = out.nodes[r.node];
      if (!part.fraction || *part.fraction * 100 >= r.below_percent - 1e-9) continue;
      if (!r.levels.empty() && (out.level == nullptr ||
                                std::find(r.levels.begin(), r.levels.end(), out.level->id) == r.levels.end()))
        continue;
      out.recommendations.push_back(&r);
    }
    return out;
  }

 private:
  static std::optional<double> combine(
      Aggregate aggregate,
      const std::vector<std::pair<std::optional<double>, std::pair<double, double>>>& parts) {
    double num = 0, den = 0;
    std::optional<double> lowest;
    for (const auto& [fraction, share] : parts) {
      if (!fraction) continue;
      const auto [weight, max_points] = share;
      switch (aggregate) {
        case Aggregate::kSum:
          num += *fraction * max_points;
          den += max_points;
          break;
        case Aggregate::kWeightedMean:
          num += *fraction * weight;
          den += weight;
          break;
        case Aggregate::kMin:
          lowest = lowest ? std::min(*lowest, *fraction) : *fraction;
          break;
      }
    }
    if (aggregate == Aggregate::kMin) return lowest;
    if (den <= 0) return std::nullopt;
    return num / den;
  }

  std::optional<double> node(const Node& n, Scored& out) {
    std::vector<std::pair<std::optional<double>, std::pair<double, double>>> parts;
    for (const auto& c : n.children) parts.push_back({node(c, out), {c.weight, c.max_points}});
    for (const auto& i : n.items) {
      const auto fraction = item(i);
      out.items[i.id] = fraction;
      parts.push_back({fraction, {i.weight, i.max_points}});
    }
    const auto fraction = combine(n.aggregate, parts);
    out.nodes[n.id] =
        PartScore{n.id, n.name, fraction, fraction ? round6(*fraction * n.max_points) : 0, n.max_points};
    return fraction;
  }

  PartScore view(const View& v, const Scored& out) const {
    // Members with points make a sum of points (an unscored member, like the DTI's smart city, adds
    // nothing); members without any make a plain mean.
    double points = 0, max_points = 0, sum = 0, all_points = 0;
    int counted = 0;
    for (const auto& id : v.nodes) all_points += out.nodes.at(id).max_points;
    const bool by_points = all_points > 0;
    for (const auto& id : v.nodes) {
      const auto& part = out.nodes.at(id);
      if (!part.fraction) continue;
      points += part.points;
      max_points += part.max_points;
      sum += *part.fraction;
      ++counted;
    }
    std::optional<double> fraction;
    if (by_points && max_points > 0) fraction = points / max_points;
    if (!by_points && counted > 0) fraction = sum / counted;
    return PartScore{v.id, v.name, fraction, fraction ? round6(*fraction * all_points) : 0, all_points};
  }

  std::optional<double> item(const Item& i) const {
    if (i.kind == ItemKind::kComputed) {
      const auto it = data_.find(*i.metric);
      if (it == data_.end()) return std::nullopt;
      const double value = it->second;
      if (!i.target) return from_thresholds(i.thresholds, value);
      switch (i.direction) {
        case Direction::kHigher:
          return std::min(1.0, value / *i.target);
        case Direction::kLower:
          return value <= *i.target ? 1.0 : *i.target / value;
      }
      return std::nullopt;
    }
    const auto found = answers_.find(i.id);
    if (found == answers_.end()) return std::nullopt;
    const Answer& a = found->second;
    if (std::holds_alternative<NotApplicable>(a)) return std::nullopt;
    switch (i.kind) {
      case ItemKind::kSingleChoice:
        return i.option(std::get<std::string>(a))->score;
      case ItemKind::kMultipleChoice: {
        double total = 0;
        for (const auto& id : std::get<std::vector<std::string>>(a)) total += i.option(id)->score;
        return std::min(1.0, total);
      }
      case ItemKind::kNumeric:
        return from_thresholds(i.thresholds, std::get<double>(a));
      case ItemKind::kChecklist: {
        const Catalogue* c = f_.catalogue(subject_.industry);
        if (c == nullptr) return std::nullopt;
        const auto& chosen = std::get<std::vector<std::string>>(a);
        const auto picked = [&](const std::string& id) {
          return std::find(chosen.begin(), chosen.end(), id) != chosen.end();
        };
        double raw = 0;
        for (const auto& t : c->tools)
          if (picked(t.id)) raw += t.points;
        for (const auto& l : c->links)
          if (picked(l.id()) && picked(l.first) && picked(l.second)) raw += l.points;
        const double full = i.full_at.value_or(c->total_points());
        return full > 0 ? std::min(1.0, raw / full) : 0.0;
      }
      case ItemKind::kComputed:
        return std::nullopt;
    }
    return std::nullopt;
  }

  bool gate_met(const Gate& g, const Scored& out) const {
    switch (g.kind) {
      case GateKind::kEveryPillar:
        return std::all_of(out.pillars.begin(), out.pillars.end(), [&](const PartScore& p) {
          return !p.fraction || *p.fraction * 100 >= g.min_percent - 1e-9;
        });
      case GateKind::kNode: {
        const auto& part = out.nodes.at(g.target);
        return !part.fraction || *part.fraction * 100 >= g.min_percent - 1e-9;
      }
      case GateKind::kItem: {
        const auto found = answers_.find(g.target);
        if (found == answers_.end()) return false;
        const auto in_gate = [&](const std::string& id) {
          return std::find(g.options.begin(), g.options.end(), id) != g.options.end();
        };
        if (const auto* one = std::get_if<std::string>(&found->second)) return in_gate(*one);
        if (const auto* many = std::get_if<std::vector<std::string>>(&found->second))
          return std::any_of(many->begin(), many->end(), in_gate);
        return false;
      }
    }
    return false;
  }

  void levels(const Levels& lv, Scored& out) const {
    int band = 0;
    for (std::size_t b = 0; b < lv.bands.size(); ++b)
      if (out.score >= lv.bands[b].from) band = static_cast<int>(b);
    int level = band;
    for (const auto& g : lv.gates) {
      if (gate_met(g, out)) continue;
      out.gates_failed.push_back(&g);
      level = std::min(level, lv.index_of(g.cap));
    }
    out.band = &lv.bands[static_cast<std::size_t>(band)];
    out.level = &lv.bands[static_cast<std::size_t>(level)];
    const auto next = static_cast<std::size_t>(level + 1);
    if (next >= lv.bands.size()) return;
    LevelGap gap;
    gap.next = &lv.bands[next];
    gap.points = std::max(0.0, round6(gap.next->from - out.score));
    for (const Gate* g : out.gates_failed)
      if (static_cast<std::size_t>(lv.index_of(g->cap)) < next) gap.blocked_by.push_back(g);
    out.gap = gap;
  }

  const Framework& f_;
  const Answers& answers_;
  const Subject& subject_;
  const PlatformData& data_;
};

tl::unexpected<Error> bad_answer(const std::string& item, const std::string& problem) {
  return fail(ErrorCode::kInvalidArgument, "answers." + item + ": " + problem, "answers." + item);
}

Result<std::vector<std::string>> id_list(const json::value& v, const std::string& item) {
  if (!v.is_array()) return bad_answer(item, "must be a list of ids or \"na\"");
  std::vector<std::string> out;
  for (const auto& e : v.as_array()) {
    if (!e.is_string()) return bad_answer(item, "must be a list of ids or \"na\"");
    std::string id(e.as_string());
    if (std::find(out.begin(), out.end(), id) != out.end())
      return bad_answer(item, "\"" + id + "\" is given twice");
    out.push_back(std::move(id));
  }
  return out;
}

}  // namespace

Result<Answer> parse_answer(const Framework& f, const Item& item, const json::value& v,
                            const Subject& subject) {
  const std::string& key = item.id;
  if (v.is_string() && v.as_string() == "na") return Answer(NotApplicable{});
  switch (item.kind) {
    case ItemKind::kComputed:
      return bad_answer(key, "is computed from platform data and takes no answer");
    case ItemKind::kSingleChoice: {
      if (!v.is_string()) return bad_answer(key, "must be an option id or \"na\"");
      std::string id(v.as_string());
      if (item.option(id) == nullptr) return bad_answer(key, "no option \"" + id + "\"");
      return Answer(std::move(id));
    }
    case ItemKind::kMultipleChoice: {
      auto ids = id_list(v, key);
      if (!ids) return tl::unexpected(ids.error());
      for (const auto& id : *ids)
        if (item.option(id) == nullptr) return bad_answer(key, "no option \"" + id + "\"");
      return Answer(std::move(*ids));
    }
    case ItemKind::kChecklist: {
      auto ids = id_list(v, key);
      if (!ids) return tl::unexpected(ids.error());
      const Catalogue* c = f.catalogue(subject.industry);
      if (c == nullptr) return bad_answer(key, "needs the subject's industry, which has no catalogue");
      for (const auto& id : *ids) {
        const Link* link = c->link(id);
        if (c->tool(id) == nullptr && link == nullptr)
          return bad_answer(key,
                            "\"" + id + "\" is not a tool or link of the " + subject.industry + " catalogue");
        if (link != nullptr && (std::find(ids->begin(), ids->end(), link->first) == ids->end() ||
                                std::find(ids->begin(), ids->end(), link->second) == ids->end()))
          return bad_answer(key, "the link \"" + id + "\" needs both of its tools chosen");
      }
      return Answer(std::move(*ids));
    }
    case ItemKind::kNumeric: {
      if (!v.is_number()) return bad_answer(key, "must be a number or \"na\"");
      const double d = v.to_number<double>();
      if (!std::isfinite(d)) return bad_answer(key, "must be a finite number");
      if (item.min && d < *item.min)
        return bad_answer(key, "must be at least " + fmt::format("{}", *item.min));
      if (item.max && d > *item.max)
        return bad_answer(key, "must be at most " + fmt::format("{}", *item.max));
      return Answer(d);
    }
  }
  return bad_answer(key, "unknown kind");
}

Result<Answers> parse_answers(const Framework& f, const json::object& answers, const Subject& subject) {
  Answers out;
  for (const auto& kv : answers) {
    const std::string key(kv.key());
    const Item* it = f.item(key);
    if (it == nullptr)
      return bad_answer(key, "no such item in " + f.code + " version " + std::to_string(f.version));
    auto a = parse_answer(f, *it, kv.value(), subject);
    if (!a) return tl::unexpected(a.error());
    out.emplace(key, std::move(*a));
  }
  return out;
}

json::object answers_to_json(const Answers& answers) {
  json::object out;
  for (const auto& [id, a] : answers) {
    if (std::holds_alternative<NotApplicable>(a)) {
      out[id] = "na";
    } else if (const auto* s = std::get_if<std::string>(&a)) {
      out[id] = *s;
    } else if (const auto* list = std::get_if<std::vector<std::string>>(&a)) {
      json::array arr;
      for (const auto& x : *list) arr.emplace_back(x);
      out[id] = std::move(arr);
    } else {
      out[id] = std::get<double>(a);
    }
  }
  return out;
}

Answers carry_over(const Framework& to, const json::object& answers, const Subject& subject,
                   std::vector<std::string>& dropped) {
  dropped.clear();
  Answers out;
  for (const auto& kv : answers) {
    auto one = parse_answers(to, json::object{{kv.key(), kv.value()}}, subject);
    if (one) {
      out.merge(*one);
    } else {
      dropped.emplace_back(kv.key());
    }
  }
  return out;
}

std::vector<std::string> unanswered(const Framework& f, const Answers& answers, ItemSource source) {
  std::vector<std::string> out;
  for (const Item* it : f.all_items())
    if (it->source == source && !answers.contains(it->id)) out.push_back(it->id);
  return out;
}

Scored score(const Framework& f, const Answers& answers, const Subject& subject, const PlatformData& data) {
  return Scorer(f, answers, subject, data).run();
}

}  // namespace sen::assessment
