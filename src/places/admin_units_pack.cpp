#include "places/admin_units_pack.hpp"

#include <fmt/format.h>

#include <algorithm>
#include <fstream>
#include <set>
#include <sstream>

namespace sen::places {
namespace {

// The pack's CSV has no quoted fields; a quote means the format changed, so refuse rather than guess.
Result<std::vector<std::string>> split_line(std::string_view line, int line_no) {
  if (line.find('"') != std::string_view::npos) {
    return fail(ErrorCode::kInvalidArgument,
                fmt::format("line {}: quoted fields are not supported", line_no));
  }
  std::vector<std::string> fields;
  std::size_t start = 0;
  for (;;) {
    const auto comma = line.find(',', start);
    fields.emplace_back(
        line.substr(start, comma == std::string_view::npos ? std::string_view::npos : comma - start));
    if (comma == std::string_view::npos) break;
    start = comma + 1;
  }
  return fields;
}

bool all_digits(std::string_view s) {
  return !s.empty() && std::all_of(s.begin(), s.end(), [](char c) { return c >= '0' && c <= '9'; });
}

}  // namespace

Result<std::vector<Place>> parse_admin_units_csv(std::string_view csv) {
  std::vector<Place> provinces;
  std::vector<Place> communes;
  std::set<std::string> codes;
  std::istringstream in{std::string(csv)};
  std::string line;
  int line_no = 0;
  while (std::getline(in, line)) {
    ++line_no;
    if (!line.empty() && line.back() == '\r') line.pop_back();
    if (line_no == 1) {
      if (line != "code,name,level,type,parent_code,parent_name") {
        return fail(ErrorCode::kInvalidArgument, "line 1: unexpected header");
      }
      continue;
    }
    if (line.empty()) continue;
    auto fields = split_line(line, line_no);
    if (!fields) return tl::unexpected(fields.error());
    if (fields->size() != 6) {
      return fail(ErrorCode::kInvalidArgument, fmt::format("line {}: expected 6 fields", line_no));
    }
    auto& f = *fields;
    Place p;
    p.code = f[0];
    p.name = f[1];
    p.type = f[3];
    if (f[2] == "1" && all_digits(p.code) && p.code.size() == 2 && f[4].empty()) {
      p.level = "province";
      p.parent_code = std::string(kNationCode);
    } else if (f[2] == "2" && all_digits(p.code) && p.code.size() == 5 && all_digits(f[4])) {
      p.level = "commune";
      p.parent_code = f[4];
    } else {
      return fail(ErrorCode::kInvalidArgument,
                  fmt::format("line {}: bad code/level/parent_code for '{}'", line_no, p.code));
    }
    if (p.name.empty() || p.type.empty()) {
      return fail(ErrorCode::kInvalidArgument, fmt::format("line {}: name and type are required", line_no));
    }
    if (!codes.insert(p.code).second) {
      return fail(ErrorCode::kInvalidArgument, fmt::format("line {}: duplicate code '{}'", line_no, p.code));
    }
    (p.level == "province" ? provinces : communes).push_back(std::move(p));
  }
  std::vector<Place> all;
  all.push_back(
      Place{std::string(kNationCode), "Việt Nam", "nation", "quoc_gia", std::nullopt, std::nullopt});
  for (auto& p : provinces) all.push_back(std::move(p));
  for (auto& c : communes) {
    if (!codes.contains(*c.parent_code) || c.parent_code->size() != 2) {
      return fail(ErrorCode::kInvalidArgument,
                  fmt::format("commune '{}' names unknown province '{}'", c.code, *c.parent_code));
    }
    all.push_back(std::move(c));
  }
  return all;
}

Result<std::vector<Place>> load_admin_units(const std::filesystem::path& pack_dir) {
  const auto path = pack_dir / "admin-units" / "units-2025.csv";
  std::ifstream in(path, std::ios::binary);
  if (!in) {
    return fail(ErrorCode::kInvalidArgument, fmt::format("cannot read {}", path.string()), "pack.dir");
  }
  std::stringstream buffer;
  buffer << in.rdbuf();
  auto parsed = parse_admin_units_csv(buffer.str());
  if (!parsed) {
    auto e = parsed.error();
    e.message = fmt::format("{}: {}", path.string(), e.message);
    return tl::unexpected(e);
  }
  return parsed;
}

}  // namespace sen::places
