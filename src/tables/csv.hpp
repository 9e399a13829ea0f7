#pragma once

#include <string>
#include <string_view>

#include "core/status.hpp"
#include "tables/table.hpp"

namespace sen::tables {

// RFC 4180 with CRLF line ends and a UTF-8 byte-order mark, so spreadsheet programs read Vietnamese
// text as UTF-8. A text cell that a spreadsheet would take for a formula (=, +, -, @, tab, CR first)
// is written with a leading apostrophe: an export never runs what a citizen typed.
// Measures are written with two decimals for people (kReadable), or exactly (kExact: the shortest text
// that reads back as the same number), for open data that must match its JSON and API.
enum class Decimals { kReadable, kExact };
std::string write_csv(const Table& table, Decimals decimals = Decimals::kReadable);

// The records of a CSV text (RFC 4180, UTF-8, with or without a byte-order mark). Unquoted values are
// trimmed; quoted ones kept as written; blank lines skipped. A quote left open is kInvalidArgument
// naming `file`.
Result<Records> read_csv(std::string_view text);

// "17:00 03/12/2026" in Vietnam's time: how exported instants read.
std::string vietnam_time_text(std::chrono::system_clock::time_point t);

}  // namespace sen::tables
