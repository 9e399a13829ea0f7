#include "analytics/engine.hpp"

#include <mutex>
#include <set>

namespace sen::analytics {

void Engine::apply(std::span<const services::EventRow> events) {
  std::unique_lock lock(mutex_);
  for (const auto& e : events) {
    if (e.id <= last_event_id_) continue;
    cube_.add(e);
    last_event_id_ = e.id;
  }
}

std::int64_t Engine::last_event_id() const {
  std::shared_lock lock(mutex_);
  return last_event_id_;
}

void Engine::rebuild() {
  std::unique_lock lock(mutex_);
  cube_.rebuild();
}

Engine::Size Engine::size() const {
  std::shared_lock lock(mutex_);
  return Size{cube_.facts(), cube_.bytes(), dx_.size(), last_event_id_};
}

Engine::Values Engine::term_values(const Term& term, Node place, const Period& period, const Filters& filters,
                                   std::optional<Dimension> by) const {
  Values out;
  const DataElement* e = meta_.element(term.element);
  if (e == nullptr) return out;
  Filters all = filters;
  if (term.dimension) all.emplace_back(*term.dimension, term.value);
  const auto from_counts = [&](const std::unordered_map<std::string, std::int64_t>& counts) {
    out.known = true;
    for (const auto& [k, v] : counts) out.by_category[k] = static_cast<double>(v);
  };
  switch (e->source) {
    case Source::kDossierEvents:
      if (all.empty() && !by) {
        out.known = true;
        out.by_category[""] = static_cast<double>(cube_.sum(*e->event, place, period.first, period.last));
      } else {
        from_counts(cube_.breakdown(*e->event, place, period.first, period.last, all, by));
      }
      break;
    case Source::kAssessment:
      switch (*e->assessment) {
        case AssessmentElement::kEnterprises:
          from_counts(dx_.count(place, period.last, all, by));
          break;
        case AssessmentElement::kServiceIndex766:
          if (auto v = service_index_ ? service_index_(tree_.code(place), tree_.level(place), period)
                                      : std::nullopt) {
            out.known = true;
            out.by_category[""] = *v;
          }
          break;
      }
      break;
    case Source::kStatistics: {
      const Figure f = statistics_.value(*e, place, period);
      if (f.value) {
        out.known = true;
        out.mapped = f.mapped;
        out.by_category[""] = *f.value;
      }
      break;
    }
  }
  return out;
}

std::vector<Cell> Engine::evaluate(const Indicator& indicator, Node place, const Period& period,
                                   const Filters& filters, std::optional<Dimension> by) const {
  std::shared_lock lock(mutex_);
  struct Side {
    std::unordered_map<std::string, double> sums;
    bool known = true;
    bool mapped = false;
  };
  const auto side = [&](const std::vector<Term>& terms) {
    Side s;
    for (const auto& t : terms) {
      Values v = term_values(t, place, period, filters, by);
      s.known = s.known && v.known;
      s.mapped = s.mapped || v.mapped;
      for (const auto& [k, x] : v.by_category) s.sums[k] += t.sign * x;
    }
    return s;
  };
  const Side num = side(indicator.numerator);
  const Side den = indicator.is_ratio() ? side(indicator.denominator) : Side{};
  std::set<std::string> categories;
  if (!by) categories.insert("");
  for (const auto& [k, x] : num.sums) categories.insert(k);
  for (const auto& [k, x] : den.sums) categories.insert(k);
  std::vector<Cell> out;
  for (const auto& k : categories) {
    Cell c;
    c.category = k;
    c.mapped = num.mapped || den.mapped;
    if (!num.known || !den.known) {
      out.push_back(std::move(c));
      continue;
    }
    const auto n = num.sums.find(k);
    c.numerator = n == num.sums.end() ? 0.0 : n->second;
    if (indicator.is_ratio()) {
      const auto d = den.sums.find(k);
      c.denominator = d == den.sums.end() ? 0.0 : d->second;
      if (*c.denominator > 0) c.value = *c.numerator / *c.denominator * indicator.factor;
    } else {
      c.value = *c.numerator * indicator.factor;
    }
    out.push_back(std::move(c));
  }
  return out;
}

Figure Engine::element_value(const DataElement& e, Node place, const Period& period) const {
  std::shared_lock lock(mutex_);
  Values v = term_values(Term{1, e.id, std::nullopt, ""}, place, period, {}, std::nullopt);
  if (!v.known) return {};
  double total = 0;
  for (const auto& [k, x] : v.by_category) total += x;
  return Figure{total, v.mapped};
}

}  // namespace sen::analytics
