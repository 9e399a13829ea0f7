#pragma once

#include <cstddef>
#include <string_view>

#include "core/status.hpp"
#include "tables/table.hpp"

namespace sen::tables {

// The first sheet of an XLSX workbook as text records, the way the cells show their values: shared
// and inline strings, numbers as written in the file, TRUE/FALSE. Blank rows are skipped and a row
// ends at its last cell. Formulas are not evaluated: a formula cell gives its cached value.
//
// The file is untrusted: more than `max_unpacked_bytes` of XML once unpacked, a DOCTYPE (entities),
// or anything that is not a workbook is kInvalidArgument naming `file`.
Result<Records> read_xlsx(std::string_view bytes, std::size_t max_unpacked_bytes);

// Whether the bytes start as a ZIP archive does (an XLSX file is one).
bool looks_like_xlsx(std::string_view bytes);

}  // namespace sen::tables
