#pragma once

#include <string>
#include <string_view>

namespace sen {

// Folds text for accent-insensitive search: lower case, Vietnamese diacritics removed (đ -> d),
// composed or decomposed input alike, runs of whitespace collapsed to one space, trimmed.
// "Thành phố Hà Nội" and "THANH PHO HA NOI" both fold to "thanh pho ha noi".
std::string fold_for_search(std::string_view text);

// Characters (code points) in UTF-8 text: what a length limit shown to people should count.
std::size_t utf8_length(std::string_view text);

// Appends one Unicode code point as UTF-8.
void append_utf8(std::string& out, char32_t cp);

}  // namespace sen
