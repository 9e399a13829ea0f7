#include "opendata/release_diff.hpp"

#include <map>

namespace sen::opendata {

namespace json = boost::json;

namespace {

// The key of a row: its key columns, or the whole row when none is marked.
std::string row_key(const Release& r, const std::vector<Value>& row) {
  json::array key;
  for (std::size_t i = 0; i < r.columns.size() && i < row.size(); ++i)
    if (r.columns[i].key) key.push_back(row[i]);
  if (key.empty()) key = json::array(row.begin(), row.end());
  return json::serialize(key);
}

json::object row_object(const Release& r, const std::vector<Value>& row) {
  json::object o;
  for (std::size_t i = 0; i < r.columns.size() && i < row.size(); ++i) o[r.columns[i].id] = row[i];
  return o;
}

}  // namespace

json::object release_diff(const Release& from, const Release& to, std::size_t max_rows) {
  std::map<std::string, const std::vector<Value>*> before;
  for (const auto& row : from.rows) before[row_key(from, row)] = &row;
  json::array added, removed, changed;
  std::size_t n_added = 0, n_removed = 0, n_changed = 0;
  std::map<std::string, bool> seen;
  for (const auto& row : to.rows) {
    const auto key = row_key(to, row);
    seen[key] = true;
    auto it = before.find(key);
    if (it == before.end()) {
      if (n_added++ < max_rows) added.push_back(row_object(to, row));
    } else if (*it->second != row || from.columns.size() != to.columns.size()) {
      if (n_changed++ < max_rows)
        changed.push_back(
            json::object{{"before", row_object(from, *it->second)}, {"after", row_object(to, row)}});
    }
  }
  for (const auto& [key, row] : before)
    if (!seen.contains(key) && n_removed++ < max_rows) removed.push_back(row_object(from, *row));
  return json::object{
      {"dataset", to.dataset},     {"from", from.number},           {"to", to.number},
      {"added_count", n_added},    {"removed_count", n_removed},    {"changed_count", n_changed},
      {"added", std::move(added)}, {"removed", std::move(removed)}, {"changed", std::move(changed)}};
}

}  // namespace sen::opendata
