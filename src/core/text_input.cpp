#include "core/text_input.hpp"

#include <unicode/locid.h>
#include <unicode/normalizer2.h>
#include <unicode/unistr.h>

#include <algorithm>
#include <boost/json.hpp>

namespace sen {
namespace {

bool forbidden_code_point(char32_t cp, bool multiline) {
  if (cp == U'\t' || cp == U'\n') return !multiline;
  if (cp < 0x20 || (cp >= 0x7F && cp <= 0x9F)) return true;                           // C0, DEL, C1
  if ((cp >= 0x202A && cp <= 0x202E) || (cp >= 0x2066 && cp <= 0x2069)) return true;  // bidi
  return cp == 0xFEFF || (cp >= 0xD800 && cp <= 0xDFFF);  // byte-order mark, surrogates
}

Error refused(std::string_view field, std::string_view what) {
  return Error{
      ErrorCode::kInvalidArgument, std::string(field) + " " + std::string(what), std::string(field), {}};
}

}  // namespace

Status check_text(std::string_view text, std::string_view field, bool multiline) {
  for (std::size_t i = 0; i < text.size();) {
    const auto b = static_cast<unsigned char>(text[i]);
    int len = 1;
    char32_t cp = b;
    if (b >= 0x80) {
      len = (b >> 5) == 0x6 ? 2 : (b >> 4) == 0xE ? 3 : (b >> 3) == 0x1E ? 4 : 0;
      if (len == 0 || i + len > text.size()) return tl::unexpected(refused(field, "is not valid UTF-8"));
      cp = b & (0x7F >> len);
      for (int k = 1; k < len; ++k) {
        const auto c = static_cast<unsigned char>(text[i + k]);
        if ((c & 0xC0) != 0x80) return tl::unexpected(refused(field, "is not valid UTF-8"));
        cp = (cp << 6) | (c & 0x3F);
      }
      // Over-long forms and code points beyond Unicode are invalid UTF-8 too.
      const char32_t min = len == 2 ? 0x80 : len == 3 ? 0x800 : 0x10000;
      if (cp < min || cp > 0x10FFFF) return tl::unexpected(refused(field, "is not valid UTF-8"));
    }
    if (forbidden_code_point(cp, multiline)) {
      return tl::unexpected(refused(
          field, multiline ? "holds a control or bidirectional-override character"
                           : "must be one line without control or bidirectional-override characters"));
    }
    i += static_cast<std::size_t>(len);
  }
  return {};
}

Result<std::string> clean_text(std::string_view text, std::string_view field, bool multiline) {
  if (auto s = check_text(text, field, multiline); !s) return tl::unexpected(s.error());
  if (std::all_of(text.begin(), text.end(), [](char c) { return static_cast<unsigned char>(c) < 0x80; }))
    return std::string(text);
  UErrorCode status = U_ZERO_ERROR;
  const icu::Normalizer2* nfc = icu::Normalizer2::getNFCInstance(status);
  if (U_FAILURE(status)) return fail_internal("ICU NFC normaliser unavailable");
  const auto input =
      icu::UnicodeString::fromUTF8(icu::StringPiece(text.data(), static_cast<int32_t>(text.size())));
  if (nfc->isNormalized(input, status) && U_SUCCESS(status)) return std::string(text);
  status = U_ZERO_ERROR;
  const icu::UnicodeString normalised = nfc->normalize(input, status);
  if (U_FAILURE(status)) return tl::unexpected(refused(field, "cannot be normalised"));
  std::string out;
  normalised.toUTF8String(out);
  return out;
}

Status clean_json_strings(boost::json::value& value, const std::string& path) {
  const std::string here = path.empty() ? "body" : path;
  if (value.is_string()) {
    const std::string_view text(value.get_string().data(), value.get_string().size());
    auto clean = clean_text(text, here, true);
    if (!clean) return tl::unexpected(clean.error());
    if (*clean != text) value = boost::json::string(*clean);
    return {};
  }
  if (value.is_array()) {
    auto& array = value.get_array();
    for (std::size_t i = 0; i < array.size(); ++i) {
      if (auto s = clean_json_strings(array[i], path + "[" + std::to_string(i) + "]"); !s) return s;
    }
    return {};
  }
  if (!value.is_object()) return {};
  auto& object = value.get_object();
  boost::json::object rebuilt;
  for (auto& [key, member] : object) {
    const std::string_view name(key.data(), key.size());
    const std::string child = path.empty() ? std::string(name) : path + "." + std::string(name);
    auto clean_key = clean_text(name, child, false);
    if (!clean_key) return tl::unexpected(clean_key.error());
    if (auto s = clean_json_strings(member, child); !s) return s;
    if (rebuilt.contains(*clean_key)) return tl::unexpected(refused(child, "is given twice"));
    rebuilt[*clean_key] = std::move(member);
  }
  object = std::move(rebuilt);
  return {};
}

std::string trim_whitespace(std::string_view text) {
  const auto first = text.find_first_not_of(" \t\r\n");
  if (first == std::string_view::npos) return {};
  return std::string(text.substr(first, text.find_last_not_of(" \t\r\n") - first + 1));
}

std::vector<std::string_view> split_list(std::string_view text) {
  std::vector<std::string_view> entries;
  if (text.empty()) return entries;
  for (std::size_t start = 0;;) {
    const auto comma = text.find(',', start);
    std::string_view entry = text.substr(start, comma == std::string_view::npos ? comma : comma - start);
    while (!entry.empty() && (entry.front() == ' ' || entry.front() == '\t')) entry.remove_prefix(1);
    while (!entry.empty() && (entry.back() == ' ' || entry.back() == '\t')) entry.remove_suffix(1);
    entries.push_back(entry);
    if (comma == std::string_view::npos) return entries;
    start = comma + 1;
  }
}

bool has_line_break(std::string_view text) { return text.find_first_of("\t\n") != std::string_view::npos; }

std::string upper_case(std::string_view text) {
  icu::UnicodeString s =
      icu::UnicodeString::fromUTF8(icu::StringPiece(text.data(), static_cast<int32_t>(text.size())));
  s.toUpper(icu::Locale("vi"));
  std::string out;
  s.toUTF8String(out);
  return out;
}

}  // namespace sen
