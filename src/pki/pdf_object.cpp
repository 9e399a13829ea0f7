#include "pki/pdf_object.hpp"

#include <fmt/format.h>

#include <algorithm>
#include <charconv>
#include <cstdint>

#include "core/text_fold.hpp"

namespace sen::pki::pdf {
namespace {

constexpr int kMaxDepth = 32;

bool is_space(char c) { return c == ' ' || c == '\n' || c == '\r' || c == '\t' || c == '\f' || c == '\0'; }
bool is_delimiter(char c) {
  return c == '(' || c == ')' || c == '<' || c == '>' || c == '[' || c == ']' || c == '{' || c == '}' ||
         c == '/' || c == '%';
}
bool is_regular(char c) { return !is_space(c) && !is_delimiter(c); }

int hex_value(char c) {
  if (c >= '0' && c <= '9') return c - '0';
  if (c >= 'a' && c <= 'f') return c - 'a' + 10;
  if (c >= 'A' && c <= 'F') return c - 'A' + 10;
  return -1;
}

std::optional<long long> to_integer(std::string_view s) {
  long long v = 0;
  const char* first = s.data() + (!s.empty() && s[0] == '+' ? 1 : 0);
  auto [ptr, ec] = std::from_chars(first, s.data() + s.size(), v);
  if (ec != std::errc() || ptr != s.data() + s.size()) return std::nullopt;
  return v;
}

std::string_view regular_token(std::string_view text, std::size_t& pos) {
  const std::size_t start = pos;
  while (pos < text.size() && is_regular(text[pos])) ++pos;
  return text.substr(start, pos - start);
}

// A literal string: balanced parentheses, backslash escapes.
bool skip_literal(std::string_view text, std::size_t& pos) {
  int depth = 0;
  for (; pos < text.size(); ++pos) {
    const char c = text[pos];
    if (c == '\\') {
      ++pos;
    } else if (c == '(') {
      ++depth;
    } else if (c == ')' && --depth == 0) {
      ++pos;
      return true;
    }
  }
  return false;
}

std::optional<Object> parse(std::string_view text, std::size_t& pos, int depth);

// After an integer: "gen R" makes it a reference; otherwise nothing is consumed.
bool try_reference(std::string_view text, std::size_t& pos, long long num, Object& out) {
  std::size_t p = pos;
  skip_space(text, p);
  auto gen = to_integer(regular_token(text, p));
  if (!gen) return false;
  skip_space(text, p);
  if (regular_token(text, p) != "R") return false;
  out = Object::ref(static_cast<int>(num), static_cast<int>(*gen));
  pos = p;
  return true;
}

std::optional<Object> parse_container(std::string_view text, std::size_t& pos, int depth, bool dict) {
  Object o;
  o.kind = dict ? Object::Kind::kDict : Object::Kind::kArray;
  pos += dict ? 2 : 1;
  const std::string_view close = dict ? ">>" : "]";
  while (true) {
    skip_space(text, pos);
    if (pos >= text.size()) return std::nullopt;
    if (text.substr(pos, close.size()) == close) {
      pos += close.size();
      return o;
    }
    if (dict) {
      auto key = parse(text, pos, depth + 1);
      if (!key || !key->is(Object::Kind::kName)) return std::nullopt;
      o.keys.push_back(std::move(key->raw));
    }
    auto value = parse(text, pos, depth + 1);
    if (!value) return std::nullopt;
    o.items.push_back(std::move(*value));
  }
}

std::optional<Object> parse(std::string_view text, std::size_t& pos, int depth) {
  if (depth > kMaxDepth) return std::nullopt;
  skip_space(text, pos);
  if (pos >= text.size()) return std::nullopt;
  const std::size_t start = pos;
  const char c = text[pos];
  Object o;
  if (c == '<' && text.substr(pos, 2) == "<<") return parse_container(text, pos, depth, true);
  if (c == '[') return parse_container(text, pos, depth, false);
  if (c == '<') {
    const std::size_t end = text.find('>', pos);
    if (end == std::string_view::npos) return std::nullopt;
    for (std::size_t i = pos + 1; i < end; ++i) {
      if (hex_value(text[i]) < 0 && !is_space(text[i])) return std::nullopt;
    }
    pos = end + 1;
    o.kind = Object::Kind::kString;
  } else if (c == '(') {
    if (!skip_literal(text, pos)) return std::nullopt;
    o.kind = Object::Kind::kString;
  } else if (c == '/') {
    ++pos;
    regular_token(text, pos);
    o.kind = Object::Kind::kName;
  } else {
    const std::string_view token = regular_token(text, pos);
    if (token.empty()) return std::nullopt;
    if (token == "true" || token == "false") {
      o.kind = Object::Kind::kBool;
    } else if (token == "null") {
      return o;
    } else if (auto n = to_integer(token)) {
      if (try_reference(text, pos, *n, o)) return o;
      o.kind = Object::Kind::kNumber;
    } else if (token.find_first_not_of("0123456789.+-") == std::string_view::npos) {
      o.kind = Object::Kind::kNumber;
    } else {
      return std::nullopt;  // a keyword such as "endobj" or "stream": not an object
    }
  }
  o.raw = std::string(text.substr(start, pos - start));
  return o;
}

// Decodes UTF-8, replacing malformed sequences with U+FFFD.
std::vector<std::uint32_t> code_points(std::string_view s) {
  std::vector<std::uint32_t> out;
  for (std::size_t i = 0; i < s.size();) {
    const auto b = static_cast<unsigned char>(s[i]);
    const int extra = b < 0x80 ? 0 : (b >> 5) == 6 ? 1 : (b >> 4) == 14 ? 2 : (b >> 3) == 30 ? 3 : -1;
    std::uint32_t cp = extra == 0 ? b : extra == 1 ? b & 0x1F : extra == 2 ? b & 0x0F : b & 0x07;
    bool ok = extra >= 0 && i + extra < s.size();
    for (int k = 1; ok && k <= extra; ++k) {
      const auto cont = static_cast<unsigned char>(s[i + k]);
      ok = (cont & 0xC0) == 0x80;
      cp = (cp << 6) | (cont & 0x3F);
    }
    if (!ok || cp > 0x10FFFF || (cp >= 0xD800 && cp <= 0xDFFF)) {
      out.push_back(0xFFFD);
      ++i;
    } else {
      out.push_back(cp);
      i += 1 + extra;
    }
  }
  return out;
}

}  // namespace

Object Object::ref(int num, int gen) {
  Object o;
  o.kind = Kind::kRef;
  o.num = num;
  o.gen = gen;
  return o;
}

Object Object::array(std::vector<Object> items) {
  Object o;
  o.kind = Kind::kArray;
  o.items = std::move(items);
  return o;
}

Object Object::number(long long value) {
  Object o;
  o.kind = Kind::kNumber;
  o.raw = std::to_string(value);
  return o;
}

const Object* Object::get(std::string_view key) const {
  for (std::size_t i = 0; i < keys.size(); ++i) {
    if (keys[i] == key) return &items[i];
  }
  return nullptr;
}

void Object::set(std::string_view key, Object value) {
  for (std::size_t i = 0; i < keys.size(); ++i) {
    if (keys[i] == key) {
      items[i] = std::move(value);
      return;
    }
  }
  keys.emplace_back(key);
  items.push_back(std::move(value));
}

std::optional<long long> Object::integer() const {
  return kind == Kind::kNumber ? to_integer(raw) : std::nullopt;
}

void skip_space(std::string_view text, std::size_t& pos) {
  while (pos < text.size()) {
    if (is_space(text[pos])) {
      ++pos;
    } else if (text[pos] == '%') {
      while (pos < text.size() && text[pos] != '\n' && text[pos] != '\r') ++pos;
    } else {
      return;
    }
  }
}

bool read_keyword(std::string_view text, std::size_t& pos, std::string_view keyword) {
  std::size_t p = pos;
  skip_space(text, p);
  if (regular_token(text, p) != keyword) return false;
  pos = p;
  return true;
}

std::optional<Object> parse_object(std::string_view text, std::size_t& pos) { return parse(text, pos, 0); }

std::string serialize(const Object& o) {
  switch (o.kind) {
    case Object::Kind::kNull:
      return "null";
    case Object::Kind::kRef:
      return fmt::format("{} {} R", o.num, o.gen);
    case Object::Kind::kArray: {
      std::string out = "[";
      for (const auto& item : o.items) out += (out.size() > 1 ? " " : "") + serialize(item);
      return out + "]";
    }
    case Object::Kind::kDict: {
      std::string out = "<<";
      for (std::size_t i = 0; i < o.keys.size(); ++i) out += " " + o.keys[i] + " " + serialize(o.items[i]);
      return out + " >>";
    }
    default:
      return o.raw;
  }
}

std::string string_bytes(const Object& o) {
  std::string out;
  const std::string_view raw = o.raw;
  if (!o.is(Object::Kind::kString) || raw.size() < 2) return out;
  if (raw[0] == '<') {
    int high = -1;
    for (char c : raw.substr(1, raw.size() - 2)) {
      const int v = hex_value(c);
      if (v < 0) continue;
      if (high < 0) {
        high = v;
      } else {
        out += static_cast<char>(high * 16 + v);
        high = -1;
      }
    }
    if (high >= 0) out += static_cast<char>(high * 16);  // an odd final digit is followed by 0
    return out;
  }
  const std::string_view body = raw.substr(1, raw.size() - 2);
  for (std::size_t i = 0; i < body.size(); ++i) {
    const char c = body[i];
    if (c != '\\' || i + 1 >= body.size()) {
      out += c;
      continue;
    }
    const char e = body[++i];
    switch (e) {
      case 'n':
        out += '\n';
        break;
      case 'r':
        out += '\r';
        break;
      case 't':
        out += '\t';
        break;
      case 'b':
        out += '\b';
        break;
      case 'f':
        out += '\f';
        break;
      case '\r':
        if (i + 1 < body.size() && body[i + 1] == '\n') ++i;
        break;
      case '\n':
        break;
      default:
        if (e >= '0' && e <= '7') {
          int v = e - '0';
          for (int k = 0; k < 2 && i + 1 < body.size() && body[i + 1] >= '0' && body[i + 1] <= '7'; ++k) {
            v = v * 8 + (body[++i] - '0');
          }
          out += static_cast<char>(v & 0xFF);
        } else {
          out += e;
        }
    }
  }
  return out;
}

std::string text_string(const Object& o) {
  const std::string b = string_bytes(o);
  std::string out;
  if (b.size() >= 2 && b[0] == '\xFE' && b[1] == '\xFF') {
    for (std::size_t i = 2; i + 1 < b.size(); i += 2) {
      std::uint32_t unit = (static_cast<unsigned char>(b[i]) << 8) | static_cast<unsigned char>(b[i + 1]);
      if (unit >= 0xD800 && unit < 0xDC00 && i + 3 < b.size()) {
        const std::uint32_t low =
            (static_cast<unsigned char>(b[i + 2]) << 8) | static_cast<unsigned char>(b[i + 3]);
        if (low >= 0xDC00 && low < 0xE000) {
          unit = 0x10000 + ((unit - 0xD800) << 10) + (low - 0xDC00);
          i += 2;
        }
      }
      append_utf8(out, (unit >= 0xD800 && unit < 0xE000) ? 0xFFFD : unit);
    }
    return out;
  }
  if (b.size() >= 3 && b.compare(0, 3, "\xEF\xBB\xBF") == 0) return b.substr(3);
  // PDFDocEncoding, read as Latin-1: they differ only in rarely used punctuation.
  for (unsigned char c : b) append_utf8(out, c);
  return out;
}

std::string encode_text(std::string_view utf8) {
  const bool plain = std::all_of(utf8.begin(), utf8.end(), [](char c) { return c >= 0x20 && c < 0x7F; });
  if (plain) {
    std::string out = "(";
    for (char c : utf8) {
      if (c == '(' || c == ')' || c == '\\') out += '\\';
      out += c;
    }
    return out + ")";
  }
  std::string out = "<FEFF";
  for (std::uint32_t cp : code_points(utf8)) {
    if (cp >= 0x10000) {
      cp -= 0x10000;
      out += fmt::format("{:04X}{:04X}", 0xD800 + (cp >> 10), 0xDC00 + (cp & 0x3FF));
    } else {
      out += fmt::format("{:04X}", cp);
    }
  }
  return out + ">";
}

}  // namespace sen::pki::pdf
