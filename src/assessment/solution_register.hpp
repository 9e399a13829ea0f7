#pragma once

#include <boost/json/array.hpp>
#include <boost/json/object.hpp>
#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "assessment/assessments.hpp"
#include "assessment/programme.hpp"
#include "storage/database.hpp"

namespace sen::assessment {

// An approved digital solution: a dossier of the programme's approval procedure whose result (the
// ministry's decision) was issued. The register has no table of its own, so a revoked decision leaves
// the public list at once.
struct Solution {
  std::string code;  // the approval dossier's code
  std::string name, provider, description, industry, category, website, approved_at;
  std::int64_t price_min_vnd = 0, price_max_vnd = 0;
  double productivity_gain_percent = 0;
  bool ai_integrated = false;
};

struct SolutionFilter {
  std::string industry;  // an industry id; "" for all
  std::string category;  // a category id; "" for all
  std::string query;     // words of the name, provider or description, with or without diacritics
};

// A text member of a dossier's form, "" when absent (the form was checked against its schema).
std::string form_text(const boost::json::object& form, std::string_view key);

class SolutionRegister {
 public:
  SolutionRegister(storage::Database& db, const Programme& programme) : db_(db), programme_(programme) {}

  Result<std::vector<Solution>> search(const SolutionFilter& filter);
  Result<std::optional<Solution>> get(const std::string& code);
  Result<std::optional<Solution>> get(storage::Connection& conn, const std::string& code);
  boost::json::object to_json(const Solution& s) const;
  // What assessments show beside a recommendation: approved solutions of its categories for an industry.
  SolutionsFor lookup();

 private:
  std::optional<Solution> from_dossier(const std::string& code, const std::string& form,
                                       const std::string& finished_at) const;

  storage::Database& db_;
  const Programme& programme_;
};

}  // namespace sen::assessment
