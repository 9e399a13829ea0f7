#include "tables/csv.hpp"

#include <fmt/format.h>

#include "core/clock.hpp"
#include "core/text_input.hpp"

namespace sen::tables {
namespace {

bool looks_like_formula(const std::string& s) {
  return !s.empty() &&
         (s[0] == '=' || s[0] == '+' || s[0] == '-' || s[0] == '@' || s[0] == '\t' || s[0] == '\r');
}

void append_field(std::string& out, const std::string& value) {
  const bool quote = value.find_first_of(",\"\r\n") != std::string::npos || looks_like_formula(value);
  if (!quote) {
    out += value;
    return;
  }
  out += '"';
  if (looks_like_formula(value)) out += '\'';
  for (char c : value) {
    if (c == '"') out += '"';
    out += c;
  }
  out += '"';
}

std::string cell_text(const Cell& cell, Decimals decimals) {
  struct Visitor {
    Decimals decimals;
    std::string operator()(std::monostate) const { return {}; }
    std::string operator()(const std::string& s) const { return s; }
    std::string operator()(std::int64_t n) const { return std::to_string(n); }
    // Two decimals at most, with a dot: what spreadsheet programs read back as the same number.
    std::string operator()(double d) const {
      if (decimals == Decimals::kExact) return fmt::format("{}", d);
      std::string s = fmt::format("{:.2f}", d);
      while (s.back() == '0') s.pop_back();
      if (s.back() == '.') s.pop_back();
      return s;
    }
    std::string operator()(std::chrono::system_clock::time_point t) const { return vietnam_time_text(t); }
  };
  return std::visit(Visitor{decimals}, cell);
}

}  // namespace

std::string vietnam_time_text(std::chrono::system_clock::time_point t) {
  const auto [date, time] = vietnam_civil_time(t);
  return fmt::format("{:02}:{:02} {:02}/{:02}/{:04}", time.hours().count(), time.minutes().count(),
                     unsigned(date.day()), unsigned(date.month()), int(date.year()));
}

std::string write_csv(const Table& table, Decimals decimals) {
  std::string out = "\xEF\xBB\xBF";
  auto line = [&](auto&& cells, auto&& text_of) {
    bool first = true;
    for (const auto& c : cells) {
      if (!first) out += ',';
      first = false;
      append_field(out, text_of(c));
    }
    out += "\r\n";
  };
  line(table.headers, [](const std::string& h) { return h; });
  for (const auto& row : table.rows) line(row, [decimals](const Cell& c) { return cell_text(c, decimals); });
  return out;
}

Result<Records> read_csv(std::string_view text) {
  if (text.starts_with("\xEF\xBB\xBF")) text.remove_prefix(3);
  Records records;
  std::vector<std::string> record;
  std::string field;
  bool quoted = false;      // inside quotes
  bool was_quoted = false;  // the current field was quoted (kept as written)
  auto end_field = [&] {
    record.push_back(was_quoted ? std::move(field) : trim_whitespace(field));
    field.clear();
    was_quoted = false;
  };
  auto end_record = [&] {
    end_field();
    if (!(record.size() == 1 && record[0].empty())) records.push_back(std::move(record));
    record.clear();
  };
  for (std::size_t i = 0; i < text.size(); ++i) {
    const char c = text[i];
    if (quoted) {
      if (c != '"') {
        field += c;
      } else if (i + 1 < text.size() && text[i + 1] == '"') {
        field += '"';
        ++i;
      } else {
        quoted = false;
      }
    } else if (c == '"' && trim_whitespace(field).empty()) {
      field.clear();
      quoted = was_quoted = true;
    } else if (c == ',') {
      end_field();
    } else if (c == '\n') {
      end_record();
    } else if (c != '\r') {
      field += c;
    }
  }
  if (quoted) {
    return fail(ErrorCode::kInvalidArgument,
                fmt::format("Row {}: a quoted value is not closed", records.size() + 1), "file");
  }
  if (!field.empty() || !record.empty()) end_record();
  return records;
}

}  // namespace sen::tables
