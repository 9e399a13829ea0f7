#pragma once

#include <chrono>
#include <cstdint>
#include <string>
#include <variant>
#include <vector>

namespace sen::tables {

// One value of a table: empty, text, a whole number, a measure (a rate, a score) or an instant (shown in
// Vietnam's time, UTC+7, the way people there read it: 17:00 03/12/2026).
using Cell =
    std::variant<std::monostate, std::string, std::int64_t, double, std::chrono::system_clock::time_point>;

// A table a person sees, ready to be written as CSV or XLSX: headers already in the reader's language,
// values already labelled (never an internal code).
struct Table {
  std::string title;  // the sheet's name in XLSX
  std::vector<std::string> headers;
  std::vector<std::vector<Cell>> rows;
};

// The records of a spreadsheet or CSV file: rows of text cells, the header row first.
using Records = std::vector<std::vector<std::string>>;

}  // namespace sen::tables
