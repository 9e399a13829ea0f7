#pragma once

#include <filesystem>
#include <string>

#include "core/status.hpp"
#include "tables/table.hpp"

namespace sen::tables {

// The table as an XLSX workbook of one sheet: a bold, frozen header row with filters, whole numbers as
// numbers, instants as date-time cells in Vietnam's time (dd/mm/yyyy hh:mm), and text always as text
// (never a formula). Written row by row through files in `scratch_dir`, which are removed before this
// returns; memory holds only the finished workbook.
Result<std::string> write_xlsx(const Table& table, const std::filesystem::path& scratch_dir);

}  // namespace sen::tables
