#pragma once

#include <string_view>

namespace sen {

// The languages people read Sen in. Labels, headers and documents are written in one of them.
enum class Language { kVietnamese, kEnglish };

// The words for `lang` of a pair written side by side where they are used.
constexpr std::string_view in_language(Language lang, std::string_view vi, std::string_view en) {
  switch (lang) {
    case Language::kVietnamese:
      return vi;
    case Language::kEnglish:
      return en;
  }
  return vi;
}

}  // namespace sen
