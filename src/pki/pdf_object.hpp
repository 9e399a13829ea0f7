#pragma once

#include <cstddef>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

// Internal to the pki module: just enough of the PDF object syntax (ISO 32000-1 §7.3) to read the
// objects a signature touches and write them back changed. Numbers, names and strings keep the exact
// bytes they were written with, so an object round-trips without being reinterpreted.
namespace sen::pki::pdf {

struct Object {
  enum class Kind { kNull, kBool, kNumber, kName, kString, kArray, kDict, kRef };
  Kind kind = Kind::kNull;
  std::string raw;                // kBool, kNumber, kName ("/Type"), kString ("(..)" or "<..>")
  std::vector<std::string> keys;  // kDict: names, parallel to items
  std::vector<Object> items;      // kArray elements or kDict values
  int num = 0, gen = 0;           // kRef

  static Object ref(int num, int gen);
  static Object array(std::vector<Object> items);
  static Object number(long long value);

  bool is(Kind k) const { return kind == k; }
  const Object* get(std::string_view key) const;  // kDict lookup, null when absent
  void set(std::string_view key, Object value);   // replaces or appends
  std::optional<long long> integer() const;       // kNumber without a fraction
};

// Parses one object starting at `pos` (after leading white space and comments). On success `pos` is
// just past the object. Nesting deeper than a fixed limit fails instead of exhausting the stack.
std::optional<Object> parse_object(std::string_view text, std::size_t& pos);
void skip_space(std::string_view text, std::size_t& pos);
// Reads a keyword such as "obj", "xref" or "trailer" at `pos`, after white space.
bool read_keyword(std::string_view text, std::size_t& pos, std::string_view keyword);

std::string serialize(const Object& o);

// The bytes of a string object (escapes and hex decoded).
std::string string_bytes(const Object& o);
// A text string (PDFDocEncoding, UTF-16BE or UTF-8 with BOM) as UTF-8.
std::string text_string(const Object& o);
// UTF-8 as a PDF text string: a literal for printable ASCII, else UTF-16BE with BOM in hex.
std::string encode_text(std::string_view utf8);

}  // namespace sen::pki::pdf
