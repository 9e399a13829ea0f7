#include "identity/official_import.hpp"

#include <fmt/format.h>
#include <fmt/ranges.h>

#include <algorithm>
#include <array>
#include <map>

#include "core/text_input.hpp"
#include "identity/roles.hpp"
#include "tables/csv.hpp"
#include "tables/xlsx_reader.hpp"

namespace sen::identity {
namespace {

constexpr std::array<std::string_view, 5> kColumns = {"username", "full_name", "email", "agency", "roles"};

std::string lower(std::string s) {
  std::transform(s.begin(), s.end(), s.begin(), [](unsigned char c) { return std::tolower(c); });
  return s;
}

Error file_error(std::string message) {
  return Error{ErrorCode::kInvalidArgument, std::move(message), "file", {}};
}

// The values of one data row, checked on their own; errors are appended.
ImportRow check_values(std::size_t row, const std::map<std::string_view, std::string>& v,
                       std::vector<ImportError>& errors) {
  ImportRow out;
  out.row = row;
  auto& o = out.official;
  o.username = v.at("username");
  o.display_name = v.at("full_name");
  o.email = v.at("email");
  o.agency_code = v.at("agency");
  if (auto s = check_username(o.username); !s) errors.push_back({row, "username", s.error().message});
  if (auto s = check_display_name(o.display_name); !s) {
    errors.push_back({row, "full_name", "full_name must have 1 to 200 characters"});
  }
  if (auto s = check_email(o.email); !s) errors.push_back({row, "email", s.error().message});
  if (o.agency_code.empty()) errors.push_back({row, "agency", "agency (an agency code) is required"});
  std::string_view rest = v.at("roles");
  while (!rest.empty()) {
    const auto semi = rest.find(';');
    const std::string role = trim_whitespace(rest.substr(0, semi));
    rest = semi == std::string_view::npos ? std::string_view() : rest.substr(semi + 1);
    if (role.empty()) continue;
    if (!is_staff_role(role)) {
      errors.push_back({row, "roles", fmt::format("'{}' is not a staff role", role)});
    } else if (std::none_of(o.roles.begin(), o.roles.end(),
                            [&](const RoleGrant& g) { return g.role == role; })) {
      o.roles.push_back({"", role, "agency", o.agency_code});
    }
  }
  if (o.roles.empty() && (errors.empty() || errors.back().row != row || errors.back().column != "roles")) {
    errors.push_back({row, "roles", "roles must name at least one staff role (several separated by ';')"});
  }
  return out;
}

bool has_error(const std::vector<ImportError>& errors, std::size_t row) {
  return std::any_of(errors.begin(), errors.end(), [&](const ImportError& e) { return e.row == row; });
}

// Agencies must exist and usernames be free; fills in each row's place. Run on every row, so a row's
// problems are all reported at once.
Status check_database(std::vector<ImportRow>& rows, storage::Database& db, std::vector<ImportError>& errors) {
  auto conn = db.acquire();
  if (!conn) return tl::unexpected(conn.error());
  std::map<std::string, std::optional<std::string>> places;
  for (auto& r : rows) {
    const auto& code = r.official.agency_code;
    if (!code.empty()) {  // an empty code is already reported
      if (!places.contains(code)) {
        auto found = (*conn)->execute("SELECT place_code FROM agencies WHERE code = $1", {code});
        if (!found) return tl::unexpected(found.error());
        places[code] = found->rows.empty() ? std::nullopt : std::optional(found->rows[0].text(0));
      }
      if (const auto& place = places[code]) {
        r.place_code = *place;
      } else {
        errors.push_back({r.row, "agency", fmt::format("No agency with code '{}'", code)});
      }
    }
    auto taken = (*conn)->execute("SELECT 1 FROM accounts WHERE username = $1", {r.official.username});
    if (!taken) return tl::unexpected(taken.error());
    if (!taken->rows.empty()) errors.push_back({r.row, "username", "This username is taken"});
  }
  return {};
}

}  // namespace

Result<ImportOutcome> import_officials(std::string_view file, storage::Database& db, AccountService& accounts,
                                       const ImportOptions& options, const Origin& origin) {
  auto records = tables::looks_like_xlsx(file) ? tables::read_xlsx(file, options.max_unpacked_bytes)
                                               : tables::read_csv(file);
  if (!records) return tl::unexpected(records.error());
  if (records->empty()) {
    return tl::unexpected(file_error(
        fmt::format("The file is empty; the first row names the columns {}", fmt::join(kColumns, ", "))));
  }
  const auto& header = records->front();
  std::map<std::string_view, std::size_t> position;
  for (std::size_t i = 0; i < header.size(); ++i) {
    const std::string name = lower(header[i]);
    auto known = std::find(kColumns.begin(), kColumns.end(), name);
    if (known == kColumns.end()) {
      return tl::unexpected(file_error(
          fmt::format("Unknown column '{}'; the columns are {}", header[i], fmt::join(kColumns, ", "))));
    }
    position[*known] = i;
  }
  for (auto column : kColumns) {
    if (!position.contains(column)) {
      return tl::unexpected(file_error(fmt::format("The header has no '{}' column", column)));
    }
  }
  ImportOutcome outcome;
  outcome.rows = records->size() - 1;
  if (outcome.rows > options.max_rows) {
    return tl::unexpected(file_error(fmt::format("The file has {} rows; at most {} are imported at once",
                                                 outcome.rows, options.max_rows)));
  }
  std::vector<ImportRow> rows;
  std::map<std::string, std::size_t> first_row_of;
  for (std::size_t i = 1; i < records->size(); ++i) {
    const auto& record = (*records)[i];
    const std::size_t row = i + 1;
    if (record.size() != header.size()) {
      outcome.errors.push_back(
          {row, "", fmt::format("The row has {} values; the header has {}", record.size(), header.size())});
      continue;
    }
    std::map<std::string_view, std::string> values;
    for (auto column : kColumns) values[column] = record[position[column]];
    auto checked = check_values(row, values, outcome.errors);
    auto [first, inserted] = first_row_of.emplace(checked.official.username, row);
    if (!inserted) {
      outcome.errors.push_back(
          {row, "username", fmt::format("This username is already in row {}", first->second)});
    }
    rows.push_back(std::move(checked));
  }
  if (auto s = check_database(rows, db, outcome.errors); !s) return tl::unexpected(s.error());
  std::erase_if(rows, [&](const ImportRow& r) { return has_error(outcome.errors, r.row); });
  if (options.check) {
    std::erase_if(rows, [&](const ImportRow& r) {
      auto problem = options.check(r);
      if (problem) outcome.errors.push_back(std::move(*problem));
      return problem.has_value();
    });
  }
  outcome.valid = rows.size();
  std::stable_sort(outcome.errors.begin(), outcome.errors.end(),
                   [](const ImportError& a, const ImportError& b) { return a.row < b.row; });
  if (options.dry_run || rows.empty() || (!outcome.errors.empty() && !options.skip_invalid)) return outcome;
  std::vector<NewOfficial> officials;
  for (auto& r : rows) officials.push_back(std::move(r.official));
  auto written = accounts.import_officials(officials, origin, options.progress);
  if (!written) return tl::unexpected(written.error());
  for (const auto& o : officials) outcome.created.push_back(o.username);
  return outcome;
}

}  // namespace sen::identity
