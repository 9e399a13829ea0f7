#pragma once

#include <cstddef>
#include <string>
#include <vector>

#include "opendata/dataset.hpp"
#include "tables/table.hpp"

namespace sen::opendata {

struct UploadProblem {
  std::size_t row = 0;  // as a spreadsheet numbers it: the header is row 1
  std::string column;
  std::string message;
};

struct CheckedUpload {
  std::vector<std::vector<Value>> rows;  // in the dictionary's column order, typed
  std::vector<UploadProblem> problems;   // empty when every row passed
};

// Reads an agency's file (its records, the header first) against the dataset's dictionary: the header
// names every column of the dictionary once and nothing else (any order); each cell is text without
// control characters, a whole number or a decimal number (a dot for the decimal point) as its column
// says; a required column has a value in every row. Every problem is listed, by row and column;
// more than `max_rows` data rows is one problem on the file.
CheckedUpload check_upload(const std::vector<Column>& dictionary, const tables::Records& records,
                           std::size_t max_rows);

}  // namespace sen::opendata
