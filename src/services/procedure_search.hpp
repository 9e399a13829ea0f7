#pragma once

#include <memory>
#include <string_view>
#include <vector>

#include "services/procedure.hpp"

namespace sen::services {

struct ProcedureMatch {
  std::shared_ptr<const Procedure> procedure;
  int score = 0;
};

// Forgiving search of the procedure catalogue, the way people type into a search box: with or
// without diacritics, words in any order, spellings that sound the same ("khai xinh"). Every word of
// the query must be found in the name, the sector or the result document (whole, as the start of a
// word, or a word that sounds the same: x/s, tr/ch, gi/r/d, l/n, y/i). A word in the name counts most, then
// the sector, then the result; the query found as a phrase counts more; ties go to the shorter name, then the
// code. An empty query matches nothing.
std::vector<ProcedureMatch> rank_procedures(std::string_view query,
                                            const std::vector<std::shared_ptr<const Procedure>>& procedures);

}  // namespace sen::services
