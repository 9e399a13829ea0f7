#include "pki/pdf_document.hpp"

#include <fmt/format.h>

#include <charconv>
#include <set>

namespace sen::pki::pdf {
namespace {

// Guards against /Prev loops and absurd section counts in damaged files.
constexpr int kMaxSections = 10000;

std::optional<long long> read_integer(std::string_view text, std::size_t& pos) {
  skip_space(text, pos);
  long long v = 0;
  auto [ptr, ec] = std::from_chars(text.data() + pos, text.data() + text.size(), v);
  if (ec != std::errc() || v < 0) return std::nullopt;  // offsets and counts are never negative
  pos = static_cast<std::size_t>(ptr - text.data());
  return v;
}

}  // namespace

tl::unexpected<Error> malformed(std::string message) {
  return fail(ErrorCode::kInvalidArgument, std::move(message), "pdf");
}

Result<Document> Document::open(std::string_view pdf) {
  if (pdf.substr(0, 1024).find("%PDF-") == std::string_view::npos) return malformed("The file is not a PDF");
  Document doc;
  doc.text_ = pdf;
  const std::size_t at = pdf.rfind("startxref");
  std::size_t pos = at + 9;
  const auto offset = at == std::string_view::npos ? std::nullopt : read_integer(pdf, pos);
  if (!offset) return malformed("The PDF has no startxref");
  doc.last_xref_ = static_cast<std::size_t>(*offset);
  std::set<std::size_t> seen;
  for (std::optional<std::size_t> next = doc.last_xref_; next;) {
    if (!seen.insert(*next).second || seen.size() > kMaxSections) {
      return malformed("The PDF's cross-reference sections form a loop");
    }
    auto trailer = doc.read_section(*next);
    if (!trailer) return tl::unexpected(trailer.error());
    const Object* prev = trailer->get("/Prev");
    next = prev != nullptr && prev->integer() ? std::optional<std::size_t>(*prev->integer()) : std::nullopt;
    if (seen.size() == 1) doc.trailer_ = std::move(*trailer);
  }
  return doc;
}

Result<Object> Document::read_section(std::size_t offset) {
  if (offset >= text_.size()) return malformed("The PDF's startxref points past the end of the file");
  std::size_t pos = offset;
  if (!read_keyword(text_, pos, "xref")) {
    if (text_.find("obj", offset) < offset + 32) {
      return malformed("PDFs with a cross-reference stream are not supported; save it with a classic table");
    }
    return malformed("The PDF's startxref does not point to a cross-reference table");
  }
  while (!read_keyword(text_, pos, "trailer")) {
    const auto first = read_integer(text_, pos);
    const auto count = read_integer(text_, pos);
    if (!first || !count) return malformed("The PDF's cross-reference table is damaged");
    for (long long i = 0; i < *count; ++i) {
      const auto where = read_integer(text_, pos);
      const auto gen = read_integer(text_, pos);
      skip_space(text_, pos);
      if (!where || !gen || pos >= text_.size() || (text_[pos] != 'n' && text_[pos] != 'f')) {
        return malformed("The PDF's cross-reference table is damaged");
      }
      // Newer sections are read first, so an object keeps its newest entry (free ones included).
      entries_.try_emplace(static_cast<int>(*first + i), Entry{static_cast<std::size_t>(*where),
                                                               static_cast<int>(*gen), text_[pos] == 'n'});
      ++pos;
    }
  }
  auto trailer = parse_object(text_, pos);
  if (!trailer || !trailer->is(Object::Kind::kDict)) return malformed("The PDF's trailer is damaged");
  return std::move(*trailer);
}

Result<Object> Document::resolve(const Object& ref) const {
  if (!ref.is(Object::Kind::kRef)) return malformed("The PDF has a direct object where a reference belongs");
  const auto it = entries_.find(ref.num);
  if (it == entries_.end() || !it->second.in_use || it->second.offset >= text_.size()) {
    return malformed(fmt::format("The PDF's object {} is missing", ref.num));
  }
  std::size_t pos = it->second.offset;
  const auto num = read_integer(text_, pos);
  const auto gen = read_integer(text_, pos);
  if (num != ref.num || gen != ref.gen || !read_keyword(text_, pos, "obj")) {
    return malformed(fmt::format("The PDF's table points to the wrong place for object {}", ref.num));
  }
  auto value = parse_object(text_, pos);
  if (!value) return malformed(fmt::format("The PDF's object {} cannot be read", ref.num));
  return std::move(*value);
}

}  // namespace sen::pki::pdf
