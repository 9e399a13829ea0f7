#include "services/procedure_search.hpp"

#include <algorithm>
#include <cctype>
#include <string>

#include "core/text_fold.hpp"

namespace sen::services {
namespace {

std::vector<std::string> words_of(const std::string& folded) {
  std::vector<std::string> out;
  std::string word;
  for (char c : folded) {
    if (std::isalnum(static_cast<unsigned char>(c)) != 0 || c == '.') {
      word += c;
    } else if (!word.empty()) {
      out.push_back(std::move(word));
      word.clear();
    }
  }
  if (!word.empty()) out.push_back(std::move(word));
  return out;
}

// A word as it sounds, folding the spellings people confuse (mostly by dialect): x/s, tr/ch, gi/r/d,
// l/n at the start of a word, y/i anywhere. "xinh" and "sinh" sound alike; "dinh" and "sinh" do not.
std::string sound_key(std::string_view w) {
  std::string out;
  if (w.starts_with("tr")) {
    out = "ch";
    w.remove_prefix(2);
  } else if (w.starts_with("gi") && w.size() > 2) {
    out = "d";
    w.remove_prefix(2);
  } else if (w.starts_with('x')) {
    out = "s";
    w.remove_prefix(1);
  } else if (w.starts_with('r')) {
    out = "d";
    w.remove_prefix(1);
  } else if (w.starts_with('n') && !w.starts_with("ng") && !w.starts_with("nh")) {
    out = "l";
    w.remove_prefix(1);
  }
  for (char c : w) out += c == 'y' ? 'i' : c;
  return out;
}

// How well one query word matches a field's words: 3 whole, 2 the start of a word, 1 a word that
// sounds the same, 0 not at all.
int word_match(std::string_view word, const std::vector<std::string>& field) {
  int best = 0;
  const std::string sound = sound_key(word);
  for (const auto& w : field) {
    if (w == word) return 3;
    if (w.starts_with(word))
      best = std::max(best, 2);
    else if (sound_key(w) == sound)
      best = std::max(best, 1);
  }
  return best;
}

struct Fields {
  std::string name;  // folded, for the phrase
  std::vector<std::string> name_words, sector_words, result_words;
};

}  // namespace

std::vector<ProcedureMatch> rank_procedures(std::string_view query,
                                            const std::vector<std::shared_ptr<const Procedure>>& procedures) {
  const std::string folded_query = fold_for_search(query);
  const auto words = words_of(folded_query);
  std::vector<ProcedureMatch> out;
  if (words.empty()) return out;
  for (const auto& p : procedures) {
    Fields f;
    f.name = fold_for_search(p->name);
    f.name_words = words_of(f.name);
    f.name_words.push_back(p->code);
    f.sector_words = words_of(fold_for_search(p->sector));
    const std::string result = fold_for_search(p->result);
    f.result_words = words_of(result);
    int score = 0;
    bool every_word = true;
    for (const auto& w : words) {
      // Weights: a word in the name 30, the sector 20, the result 10, less for a partial match.
      const int in_name = word_match(w, f.name_words), in_sector = word_match(w, f.sector_words),
                in_result = word_match(w, f.result_words);
      const int best = std::max({in_name > 0 ? 24 + 2 * in_name : 0, in_sector > 0 ? 14 + 2 * in_sector : 0,
                                 in_result > 0 ? 4 + 2 * in_result : 0});
      if (best == 0) {
        every_word = false;
        break;
      }
      score += best;
    }
    if (!every_word) continue;
    if (words.size() > 1 && f.name.find(folded_query) != std::string::npos)
      score += 20;
    else if (words.size() > 1 && result.find(folded_query) != std::string::npos)
      score += 10;
    out.push_back({p, score});
  }
  std::sort(out.begin(), out.end(), [](const ProcedureMatch& a, const ProcedureMatch& b) {
    if (a.score != b.score) return a.score > b.score;
    if (a.procedure->name.size() != b.procedure->name.size())
      return a.procedure->name.size() < b.procedure->name.size();
    return a.procedure->code < b.procedure->code;
  });
  return out;
}

}  // namespace sen::services
