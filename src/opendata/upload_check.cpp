#include "opendata/upload_check.hpp"

#include <fmt/format.h>

#include <charconv>
#include <cmath>

#include "core/text_input.hpp"

namespace sen::opendata {

namespace {

// The cell as its column's type, or a problem.
Result<Value> typed(const Column& c, const std::string& cell) {
  if (cell.empty()) {
    if (c.required) return fail(ErrorCode::kInvalidArgument, "A value is required");
    return Value(nullptr);
  }
  switch (c.type) {
    case ColumnType::kText: {
      auto clean = clean_text(cell, c.id, false);
      if (!clean) return fail(ErrorCode::kInvalidArgument, clean.error().message);
      return Value(boost::json::string(*clean));
    }
    case ColumnType::kInteger: {
      std::int64_t n = 0;
      auto [end, ec] = std::from_chars(cell.data(), cell.data() + cell.size(), n);
      if (ec != std::errc() || end != cell.data() + cell.size())
        return fail(ErrorCode::kInvalidArgument, fmt::format("\"{}\" is not a whole number", cell));
      return Value(n);
    }
    case ColumnType::kNumber: {
      double x = 0;
      auto [end, ec] = std::from_chars(cell.data(), cell.data() + cell.size(), x);
      if (ec != std::errc() || end != cell.data() + cell.size() || !std::isfinite(x))
        return fail(ErrorCode::kInvalidArgument,
                    fmt::format("\"{}\" is not a number (use a dot for the decimal point)", cell));
      return Value(x);
    }
  }
  return fail(ErrorCode::kInvalidArgument, "Unknown column type");
}

}  // namespace

CheckedUpload check_upload(const std::vector<Column>& dictionary, const tables::Records& records,
                           std::size_t max_rows) {
  CheckedUpload out;
  if (records.empty()) {
    out.problems.push_back({1, "", "The file is empty: the first row must name the columns"});
    return out;
  }
  if (records.size() - 1 > max_rows) {
    out.problems.push_back({records.size(), "", fmt::format("More than {} rows in one file", max_rows)});
    return out;
  }
  // Where each dictionary column is in the file.
  std::vector<std::size_t> position(dictionary.size(), records[0].size());
  for (std::size_t i = 0; i < records[0].size(); ++i) {
    const auto& name = records[0][i];
    std::size_t found = dictionary.size();
    for (std::size_t c = 0; c < dictionary.size(); ++c)
      if (dictionary[c].id == name) found = c;
    if (found == dictionary.size()) {
      out.problems.push_back({1, name, "Not a column of the dataset's dictionary"});
    } else if (position[found] != records[0].size()) {
      out.problems.push_back({1, name, "Named twice"});
    } else {
      position[found] = i;
    }
  }
  for (std::size_t c = 0; c < dictionary.size(); ++c)
    if (position[c] == records[0].size())
      out.problems.push_back({1, dictionary[c].id, "Missing from the header"});
  if (!out.problems.empty()) return out;

  out.rows.reserve(records.size() - 1);
  for (std::size_t r = 1; r < records.size(); ++r) {
    std::vector<Value> row;
    row.reserve(dictionary.size());
    for (std::size_t c = 0; c < dictionary.size(); ++c) {
      const std::string empty;
      const auto& cell = position[c] < records[r].size() ? records[r][position[c]] : empty;
      auto v = typed(dictionary[c], cell);
      if (!v) {
        out.problems.push_back({r + 1, dictionary[c].id, v.error().message});
        row.emplace_back(nullptr);
      } else {
        row.push_back(std::move(*v));
      }
    }
    out.rows.push_back(std::move(row));
  }
  if (!out.problems.empty()) out.rows.clear();
  return out;
}

}  // namespace sen::opendata
