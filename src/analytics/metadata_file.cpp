#include "analytics/metadata_file.hpp"

#include <boost/json.hpp>
#include <cmath>
#include <fstream>
#include <set>
#include <sstream>

#include "core/json_parse.hpp"
#include "core/json_reader.hpp"

namespace sen::analytics {

Result<Text> read_text(const JsonReader& r, const boost::json::object& o, const std::string& path,
                       std::string_view key) {
  const boost::json::value* v = o.if_contains(key);
  const std::string p = JsonReader::join(path, key);
  if (v == nullptr) return r.error(p, "missing required text {\"vi\", \"en\"}");
  auto t = r.object(*v, p);
  if (!t) return tl::unexpected(t.error());
  if (auto ok = r.only_keys(**t, p, {"vi", "en"}); !ok) return tl::unexpected(ok.error());
  auto vi = r.string(**t, p, "vi", true);
  if (!vi) return tl::unexpected(vi.error());
  auto en = r.string(**t, p, "en", true);
  if (!en) return tl::unexpected(en.error());
  return Text{*vi, *en};
}

namespace {

namespace json = boost::json;

constexpr Level kLevels[] = {Level::kNation, Level::kProvince, Level::kCommune};
constexpr PeriodType kReportPeriods[] = {PeriodType::kMonth, PeriodType::kQuarter, PeriodType::kYear};

bool id_shaped(std::string_view s) {
  return !s.empty() && s.size() <= 64 && std::all_of(s.begin(), s.end(), [](char c) {
    return (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '_';
  });
}

class MetadataReader {
 public:
  MetadataReader(std::string_view origin, const PlaceTree& tree) : r_(origin), tree_(tree) {}

  Result<Metadata> read(const json::value& root) {
    auto o = r_.object(root, "");
    if (!o) return tl::unexpected(o.error());
    if (auto ok = r_.only_keys(**o, "", {"notes", "data_elements", "indicators", "targets", "alert_rules"});
        !ok)
      return tl::unexpected(ok.error());
    if (auto ok = each(**o, "data_elements", &MetadataReader::element); !ok)
      return tl::unexpected(ok.error());
    if (auto ok = each(**o, "indicators", &MetadataReader::indicator); !ok) return tl::unexpected(ok.error());
    if (auto ok = each(**o, "targets", &MetadataReader::target); !ok) return tl::unexpected(ok.error());
    if (auto ok = each(**o, "alert_rules", &MetadataReader::rule); !ok) return tl::unexpected(ok.error());
    for (const auto& e : m_.elements)
      m_.element_indicators.push_back(Indicator{e.id,
                                                e.name,
                                                e.definition,
                                                {Term{1, e.id, std::nullopt, ""}},
                                                {},
                                                1,
                                                e.unit,
                                                true,
                                                true,
                                                "",
                                                e.dimensions});
    return std::move(m_);
  }

 private:
  using Part = Status (MetadataReader::*)(const json::object&, const std::string&);

  Status each(const json::object& o, std::string_view key, Part part) {
    auto arr = r_.array(o, "", key, true);
    if (!arr) return tl::unexpected(arr.error());
    for (std::size_t i = 0; i < (*arr)->size(); ++i) {
      const std::string path = JsonReader::index(std::string(key), i);
      auto item = r_.object((**arr)[i], path);
      if (!item) return tl::unexpected(item.error());
      if (auto ok = (this->*part)(**item, path); !ok) return ok;
    }
    return {};
  }

  Result<Text> text(const json::object& o, const std::string& path, std::string_view key) const {
    return read_text(r_, o, path, key);
  }

  Result<double> number(const json::object& o, const std::string& path, std::string_view key,
                        std::optional<double> fallback = std::nullopt) const {
    const json::value* v = o.if_contains(key);
    const std::string p = JsonReader::join(path, key);
    if (v == nullptr) {
      if (fallback) return *fallback;
      return r_.error(p, "missing required number");
    }
    if (!v->is_number() || !std::isfinite(v->to_number<double>())) return r_.error(p, "must be a number");
    return v->to_number<double>();
  }

  Result<std::string> fresh_id(const json::object& o, const std::string& path,
                               std::set<std::string>& seen) const {
    auto id = r_.string(o, path, "id", true);
    if (!id) return id;
    if (!id_shaped(*id)) return r_.error(JsonReader::join(path, "id"), "must be 1-64 of a-z, 0-9 and _");
    if (!seen.insert(*id).second) return r_.error(JsonReader::join(path, "id"), "duplicate id " + *id);
    return id;
  }

  Status element(const json::object& o, const std::string& path) {
    if (auto ok = r_.only_keys(o, path,
                               {"id", "source", "aggregation", "name", "definition", "unit", "dimensions",
                                "reported_by", "reported_every"});
        !ok)
      return ok;
    DataElement e;
    auto id = fresh_id(o, path, ids_);
    if (!id) return tl::unexpected(id.error());
    e.id = *id;
    auto source = enum_member(r_, o, path, "source", kSources);
    if (!source) return tl::unexpected(source.error());
    e.source = *source;
    auto aggregation =
        enum_member(r_, o, path, "aggregation", kAggregations, std::optional(Aggregation::kSum));
    if (!aggregation) return tl::unexpected(aggregation.error());
    e.aggregation = *aggregation;
    auto n = text(o, path, "name");
    if (!n) return tl::unexpected(n.error());
    e.name = *n;
    auto d = text(o, path, "definition");
    if (!d) return tl::unexpected(d.error());
    e.definition = *d;
    auto unit = r_.string(o, path, "unit", true);
    if (!unit) return tl::unexpected(unit.error());
    e.unit = *unit;
    auto dims = r_.strings(o, path, "dimensions", false);
    if (!dims) return tl::unexpected(dims.error());
    for (std::size_t i = 0; i < dims->size(); ++i) {
      auto dim = dimension_named((*dims)[i]);
      if (!dim)
        return r_.error(JsonReader::index(JsonReader::join(path, "dimensions"), i), "unknown dimension");
      e.dimensions.push_back(*dim);
    }
    if (e.source == Source::kDossierEvents) {
      for (EventElement ev : kEventElements)
        if (name(ev) == e.id) e.event = ev;
      if (!e.event)
        return r_.error(JsonReader::join(path, "id"), "the dossier event stream does not count " + e.id);
      for (Dimension dim : e.dimensions)
        if (dim != Dimension::kProcedure && dim != Dimension::kChannel)
          return r_.error(JsonReader::join(path, "dimensions"),
                          "dossier events break down by procedure and channel only");
    }
    if (e.source == Source::kAssessment) {
      for (AssessmentElement a : kAssessmentElements)
        if (name(a) == e.id) e.assessment = a;
      if (!e.assessment)
        return r_.error(JsonReader::join(path, "id"), "the DX programme does not give " + e.id);
    }
    if (o.if_contains("reported_by") != nullptr) {
      if (e.source != Source::kStatistics)
        return r_.error(JsonReader::join(path, "reported_by"),
                        "only imported statistics are reported by places");
      auto by = enum_member(r_, o, path, "reported_by", kLevels);
      if (!by) return tl::unexpected(by.error());
      e.reported_by = *by;
      auto every =
          enum_member(r_, o, path, "reported_every", kReportPeriods, std::optional(PeriodType::kMonth));
      if (!every) return tl::unexpected(every.error());
      e.reported_every = *every;
    }
    m_.elements.push_back(std::move(e));
    return {};
  }

  Result<std::vector<Term>> expression(const json::object& o, const std::string& path, std::string_view key,
                                       bool required, std::vector<Dimension>& allowed) const {
    auto s = r_.string(o, path, key, required);
    if (!s) return tl::unexpected(s.error());
    if (s->empty()) return std::vector<Term>();
    const std::string p = JsonReader::join(path, key);
    auto terms = parse_expression(*s, p);
    if (!terms) return r_.error(p, terms.error().message);
    for (const auto& t : *terms) {
      const DataElement* e = m_.element(t.element);
      if (e == nullptr) return r_.error(p, "unknown data element " + t.element);
      if (t.dimension &&
          std::find(e->dimensions.begin(), e->dimensions.end(), *t.dimension) == e->dimensions.end())
        return r_.error(p, t.element + " does not break down by " + std::string(name(*t.dimension)));
      std::erase_if(allowed, [&](Dimension d) {
        return std::find(e->dimensions.begin(), e->dimensions.end(), d) == e->dimensions.end();
      });
    }
    return terms;
  }

  Status indicator(const json::object& o, const std::string& path) {
    if (auto ok = r_.only_keys(o, path,
                               {"id", "name", "definition", "numerator", "denominator", "factor", "unit",
                                "higher_is_better", "published", "group"});
        !ok)
      return ok;
    Indicator ind;
    auto id = fresh_id(o, path, indicator_ids_);
    if (!id) return tl::unexpected(id.error());
    ind.id = *id;
    auto n = text(o, path, "name");
    if (!n) return tl::unexpected(n.error());
    ind.name = *n;
    auto d = text(o, path, "definition");
    if (!d) return tl::unexpected(d.error());
    ind.definition = *d;
    ind.dimensions.assign(std::begin(kDimensions), std::end(kDimensions));
    auto num = expression(o, path, "numerator", true, ind.dimensions);
    if (!num) return tl::unexpected(num.error());
    ind.numerator = *num;
    auto den = expression(o, path, "denominator", false, ind.dimensions);
    if (!den) return tl::unexpected(den.error());
    ind.denominator = *den;
    auto factor = number(o, path, "factor", 1.0);
    if (!factor) return tl::unexpected(factor.error());
    ind.factor = *factor;
    auto unit = r_.string(o, path, "unit", true);
    if (!unit) return tl::unexpected(unit.error());
    ind.unit = *unit;
    auto hib = r_.boolean(o, path, "higher_is_better", true);
    if (!hib) return tl::unexpected(hib.error());
    ind.higher_is_better = *hib;
    auto pub = r_.boolean(o, path, "published", true);
    if (!pub) return tl::unexpected(pub.error());
    ind.published = *pub;
    auto group = r_.string(o, path, "group", false);
    if (!group) return tl::unexpected(group.error());
    ind.group = *group;
    m_.indicators.push_back(std::move(ind));
    return {};
  }

  Result<Month> period_end(const json::object& o, const std::string& path) const {
    auto s = r_.string(o, path, "period", true);
    if (!s) return tl::unexpected(s.error());
    auto p = parse_periods(*s, month_of(2100, 1), JsonReader::join(path, "period"));
    if (!p || p->size() != 1 || p->front().type == PeriodType::kYearToDate)
      return r_.error(JsonReader::join(path, "period"), "must be a month, quarter or year");
    return p->front().last;
  }

  Status target(const json::object& o, const std::string& path) {
    if (auto ok =
            r_.only_keys(o, path, {"indicator", "place", "baseline", "target", "at_risk_margin", "note"});
        !ok)
      return ok;
    Target t;
    auto ind = r_.string(o, path, "indicator", true);
    if (!ind) return tl::unexpected(ind.error());
    if (m_.indicator(*ind) == nullptr)
      return r_.error(JsonReader::join(path, "indicator"), "unknown indicator " + *ind);
    t.indicator = *ind;
    auto place = r_.string(o, path, "place", true);
    if (!place) return tl::unexpected(place.error());
    auto node = tree_.find(*place);
    if (!node || tree_.level(*node) == Level::kCommune)
      return r_.error(JsonReader::join(path, "place"), "must be VN or a province");
    t.place = *place;
    for (auto [key, month, value] : {std::tuple{"baseline", &t.baseline_month, &t.baseline},
                                     std::tuple{"target", &t.due_month, &t.value}}) {
      const std::string p = JsonReader::join(path, key);
      const json::value* v = o.if_contains(key);
      if (v == nullptr) return r_.error(p, "missing required {\"period\", \"value\"}");
      auto obj = r_.object(*v, p);
      if (!obj) return tl::unexpected(obj.error());
      if (auto ok = r_.only_keys(**obj, p, {"period", "value"}); !ok) return ok;
      auto m = period_end(**obj, p);
      if (!m) return tl::unexpected(m.error());
      *month = *m;
      auto x = number(**obj, p, "value");
      if (!x) return tl::unexpected(x.error());
      *value = *x;
    }
    if (t.due_month <= t.baseline_month)
      return r_.error(JsonReader::join(path, "target"), "must come after the baseline");
    auto margin = number(o, path, "at_risk_margin", 5.0);
    if (!margin) return tl::unexpected(margin.error());
    if (*margin < 0) return r_.error(JsonReader::join(path, "at_risk_margin"), "must not be negative");
    t.at_risk_margin = *margin;
    auto note = r_.string(o, path, "note", false);
    if (!note) return tl::unexpected(note.error());
    t.note = *note;
    m_.targets.push_back(std::move(t));
    return {};
  }

  Status rule(const json::object& o, const std::string& path) {
    if (auto ok = r_.only_keys(
            o, path,
            {"id", "name", "kind", "indicator", "elements", "level", "severity", "notify", "period",
             "persistence", "min_denominator", "op", "value", "compare", "window", "deviations"});
        !ok)
      return ok;
    AlertRule a;
    auto id = fresh_id(o, path, rule_ids_);
    if (!id) return tl::unexpected(id.error());
    a.id = *id;
    auto n = text(o, path, "name");
    if (!n) return tl::unexpected(n.error());
    a.name = *n;
    auto kind = enum_member(r_, o, path, "kind", kRuleKinds);
    if (!kind) return tl::unexpected(kind.error());
    a.kind = *kind;
    const bool on_elements = a.kind == RuleKind::kConsistency || a.kind == RuleKind::kMissingReports;
    if (on_elements) {
      auto els = r_.strings(o, path, "elements", true);
      if (!els) return tl::unexpected(els.error());
      for (const auto& e : *els)
        if (m_.element(e) == nullptr)
          return r_.error(JsonReader::join(path, "elements"), "unknown data element " + e);
      if (a.kind == RuleKind::kConsistency && els->size() < 2)
        return r_.error(JsonReader::join(path, "elements"),
                        "a consistency rule orders at least two elements");
      if (a.kind == RuleKind::kMissingReports && (els->size() != 1 || !m_.element(els->front())->reported_by))
        return r_.error(JsonReader::join(path, "elements"), "names one element that places report");
      a.elements = *els;
    } else {
      auto ind = r_.string(o, path, "indicator", true);
      if (!ind) return tl::unexpected(ind.error());
      if (m_.indicator(*ind) == nullptr)
        return r_.error(JsonReader::join(path, "indicator"), "unknown indicator " + *ind);
      a.indicator = *ind;
    }
    auto level = enum_member(r_, o, path, "level", kLevels);
    if (!level) return tl::unexpected(level.error());
    a.level = *level;
    if (a.kind == RuleKind::kPeerOutlier && a.level == Level::kNation)
      return r_.error(JsonReader::join(path, "level"), "peers are provinces or communes");
    auto sev = enum_member(r_, o, path, "severity", kSeverities);
    if (!sev) return tl::unexpected(sev.error());
    a.severity = *sev;
    auto notify = r_.strings(o, path, "notify", false);
    if (!notify) return tl::unexpected(notify.error());
    a.notify = *notify;
    auto period = enum_member(r_, o, path, "period", kReportPeriods, std::optional(PeriodType::kMonth));
    if (!period) return tl::unexpected(period.error());
    a.period = *period;
    const std::int64_t one = 1, zero = 0, six = 6;
    auto persistence = r_.integer(o, path, "persistence", 1, 24, &one);
    if (!persistence) return tl::unexpected(persistence.error());
    a.persistence = static_cast<int>(*persistence);
    auto min_den = r_.integer(o, path, "min_denominator", 0, 1000000, &zero);
    if (!min_den) return tl::unexpected(min_den.error());
    a.min_denominator = static_cast<double>(*min_den);
    auto window = r_.integer(o, path, "window", 2, 36, &six);
    if (!window) return tl::unexpected(window.error());
    a.window = static_cast<int>(*window);
    auto devs = number(o, path, "deviations", 2.0);
    if (!devs) return tl::unexpected(devs.error());
    a.deviations = *devs;
    const bool needs_value =
        a.kind == RuleKind::kThreshold || a.kind == RuleKind::kChange || a.kind == RuleKind::kPeerOutlier;
    auto value = needs_value ? number(o, path, "value") : number(o, path, "value", 0.0);
    if (!value) return tl::unexpected(value.error());
    a.value = *value;
    if (a.kind == RuleKind::kThreshold) {
      const std::string_view ops[] = {"<", "<=", ">", ">="};
      auto op = r_.one_of(o, path, "op", JsonNames(ops));
      if (!op) return tl::unexpected(op.error());
      a.op = *op;
    } else if (o.if_contains("op") != nullptr) {
      return r_.error(JsonReader::join(path, "op"), "only a threshold rule has an operator");
    }
    if (a.kind == RuleKind::kChange) {
      const std::string_view compares[] = {"previous", "last_year"};
      auto c = r_.one_of(o, path, "compare", JsonNames(compares));
      if (!c) return tl::unexpected(c.error());
      a.compare = *c;
    }
    m_.rules.push_back(std::move(a));
    return {};
  }

  JsonReader r_;
  const PlaceTree& tree_;
  Metadata m_;
  std::set<std::string> ids_, indicator_ids_, rule_ids_;
};

}  // namespace

Result<Metadata> read_metadata(std::string_view json_text, std::string_view origin, const PlaceTree& tree) {
  boost::system::error_code ec;
  auto root = parse_json(json_text, ec);
  if (ec)
    return fail(ErrorCode::kInvalidArgument, std::string(origin) + ": not JSON: " + ec.message(), "pack");
  return MetadataReader(origin, tree).read(root);
}

Result<Metadata> load_metadata(const std::filesystem::path& file, const PlaceTree& tree) {
  std::ifstream in(file, std::ios::binary);
  if (!in) return fail(ErrorCode::kInvalidArgument, "cannot read " + file.string(), "pack");
  std::stringstream text;
  text << in.rdbuf();
  const std::string origin = file.filename().string();
  return read_metadata(text.str(), origin, tree);
}

}  // namespace sen::analytics
