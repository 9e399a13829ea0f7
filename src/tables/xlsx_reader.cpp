#include "tables/xlsx_reader.hpp"

#include <expat.h>
#include <fmt/format.h>
#include <minizip/unzip.h>

#include <charconv>
#include <cstring>
#include <functional>
#include <map>
#include <memory>
#include <optional>

namespace sen::tables {
namespace {

tl::unexpected<Error> bad_file(std::string why) {
  return fail(ErrorCode::kInvalidArgument, "The file is not a readable XLSX workbook: " + why, "file");
}

// --- The ZIP archive, read from memory through minizip's I/O hooks. ---

struct MemoryFile {
  std::string_view bytes;
  std::uint64_t pos = 0;
};

voidpf mem_open(voidpf opaque, const void*, int) { return opaque; }
uLong mem_read(voidpf, voidpf stream, void* buf, uLong size) {
  auto* f = static_cast<MemoryFile*>(stream);
  const auto left = f->bytes.size() - f->pos;
  const auto n = static_cast<uLong>(std::min<std::uint64_t>(size, left));
  std::memcpy(buf, f->bytes.data() + f->pos, n);
  f->pos += n;
  return n;
}
uLong mem_write(voidpf, voidpf, const void*, uLong) { return 0; }
ZPOS64_T mem_tell(voidpf, voidpf stream) { return static_cast<MemoryFile*>(stream)->pos; }
long mem_seek(voidpf, voidpf stream, ZPOS64_T offset, int origin) {
  auto* f = static_cast<MemoryFile*>(stream);
  std::uint64_t base = 0;
  switch (origin) {
    case ZLIB_FILEFUNC_SEEK_SET:
      base = 0;
      break;
    case ZLIB_FILEFUNC_SEEK_CUR:
      base = f->pos;
      break;
    case ZLIB_FILEFUNC_SEEK_END:
      base = f->bytes.size();
      break;
    default:
      return -1;
  }
  if (base + offset > f->bytes.size()) return -1;
  f->pos = base + offset;
  return 0;
}
int mem_close(voidpf, voidpf) { return 0; }
int mem_error(voidpf, voidpf) { return 0; }

class Archive {
 public:
  Archive(std::string_view bytes, std::size_t budget) : file_{bytes, 0}, budget_(budget) {
    zlib_filefunc64_def io{mem_open, mem_read, mem_write, mem_tell, mem_seek, mem_close, mem_error, &file_};
    zip_ = unzOpen2_64("workbook", &io);
  }
  ~Archive() {
    if (zip_ != nullptr) unzClose(zip_);
  }
  Archive(const Archive&) = delete;
  Archive& operator=(const Archive&) = delete;

  bool open() const { return zip_ != nullptr; }

  // A member's bytes, or nullopt when the archive has no such member. Every member read counts against
  // the budget, whatever its header claims.
  Result<std::optional<std::string>> member(const std::string& name) {
    if (unzLocateFile(zip_, name.c_str(), 1) != UNZ_OK) return std::nullopt;
    if (unzOpenCurrentFile(zip_) != UNZ_OK) return bad_file(name + " cannot be opened");
    std::string out;
    char chunk[65536];
    for (;;) {
      const int n = unzReadCurrentFile(zip_, chunk, sizeof chunk);
      if (n < 0) {
        unzCloseCurrentFile(zip_);
        return bad_file(name + " is damaged");
      }
      if (n == 0) break;
      if (static_cast<std::size_t>(n) > budget_) {
        unzCloseCurrentFile(zip_);
        return fail(ErrorCode::kPayloadTooLarge,
                    "The workbook unpacks to more than the import allows; split it into smaller files",
                    "file");
      }
      budget_ -= static_cast<std::size_t>(n);
      out.append(chunk, static_cast<std::size_t>(n));
    }
    if (unzCloseCurrentFile(zip_) != UNZ_OK) return bad_file(name + " fails its checksum");
    return out;
  }

 private:
  MemoryFile file_;
  std::size_t budget_;
  unzFile zip_ = nullptr;
};

// --- XML, through expat, with namespaces resolved to "uri|local" and no DOCTYPE allowed. ---

struct XmlHandlers {
  std::function<void(std::string_view local, const char** attrs)> start;
  std::function<void(std::string_view local)> end;
  std::function<void(std::string_view text)> text;
};

std::string_view local_name(const char* name) {
  std::string_view n(name);
  const auto bar = n.rfind('|');
  return bar == std::string_view::npos ? n : n.substr(bar + 1);
}

// The value of the attribute whose local name is `local` (any namespace), or nullptr.
const char* attribute(const char** attrs, std::string_view local) {
  for (std::size_t i = 0; attrs[i] != nullptr; i += 2) {
    if (local_name(attrs[i]) == local) return attrs[i + 1];
  }
  return nullptr;
}

Status parse_xml(const std::string& xml, const std::string& what, XmlHandlers& h) {
  struct State {
    XmlHandlers* h;
    XML_Parser parser;
    bool doctype = false;
  };
  std::unique_ptr<std::remove_pointer_t<XML_Parser>, decltype(&XML_ParserFree)> parser(
      XML_ParserCreateNS("UTF-8", '|'), &XML_ParserFree);
  if (!parser) return fail_internal("cannot create an XML parser");
  State state{&h, parser.get()};
  XML_SetUserData(parser.get(), &state);
  XML_SetElementHandler(
      parser.get(),
      [](void* data, const XML_Char* name, const XML_Char** attrs) {
        auto* s = static_cast<State*>(data);
        if (s->h->start) s->h->start(local_name(name), attrs);
      },
      [](void* data, const XML_Char* name) {
        auto* s = static_cast<State*>(data);
        if (s->h->end) s->h->end(local_name(name));
      });
  XML_SetCharacterDataHandler(parser.get(), [](void* data, const XML_Char* text, int len) {
    auto* s = static_cast<State*>(data);
    if (s->h->text) s->h->text(std::string_view(text, static_cast<std::size_t>(len)));
  });
  // A workbook never declares a DTD; one that does may be trying entity expansion.
  XML_SetStartDoctypeDeclHandler(parser.get(),
                                 [](void* data, const XML_Char*, const XML_Char*, const XML_Char*, int) {
                                   auto* s = static_cast<State*>(data);
                                   s->doctype = true;
                                   XML_StopParser(s->parser, XML_FALSE);
                                 });
  const auto status = XML_Parse(parser.get(), xml.data(), static_cast<int>(xml.size()), XML_TRUE);
  if (state.doctype) return bad_file(what + " declares a DOCTYPE");
  if (status != XML_STATUS_OK) {
    return bad_file(fmt::format("{} is not well-formed XML (line {}: {})", what,
                                XML_GetCurrentLineNumber(parser.get()),
                                XML_ErrorString(XML_GetErrorCode(parser.get()))));
  }
  return {};
}

Result<std::string> required_member(Archive& zip, const std::string& name) {
  auto m = zip.member(name);
  if (!m) return tl::unexpected(m.error());
  if (!*m) return bad_file(name + " is missing");
  return std::move(**m);
}

// xl/workbook.xml's first sheet, through xl/_rels/workbook.xml.rels, to its part name.
Result<std::string> first_sheet_part(Archive& zip) {
  auto workbook = required_member(zip, "xl/workbook.xml");
  if (!workbook) return tl::unexpected(workbook.error());
  std::string rel_id;
  XmlHandlers wb;
  wb.start = [&](std::string_view local, const char** attrs) {
    if (local != "sheet" || !rel_id.empty()) return;
    if (const char* id = attribute(attrs, "id")) rel_id = id;
  };
  if (auto ok = parse_xml(*workbook, "xl/workbook.xml", wb); !ok) return tl::unexpected(ok.error());
  if (rel_id.empty()) return bad_file("the workbook has no sheet");

  auto rels = required_member(zip, "xl/_rels/workbook.xml.rels");
  if (!rels) return tl::unexpected(rels.error());
  std::string target;
  XmlHandlers rh;
  rh.start = [&](std::string_view local, const char** attrs) {
    if (local != "Relationship") return;
    const char* id = attribute(attrs, "Id");
    const char* t = attribute(attrs, "Target");
    if (id != nullptr && t != nullptr && rel_id == id) target = t;
  };
  if (auto ok = parse_xml(*rels, "xl/_rels/workbook.xml.rels", rh); !ok) return tl::unexpected(ok.error());
  if (target.empty()) return bad_file("the first sheet's part is not named");
  return target.starts_with('/') ? target.substr(1) : "xl/" + target;
}

Result<std::vector<std::string>> shared_strings(Archive& zip) {
  auto part = zip.member("xl/sharedStrings.xml");
  if (!part) return tl::unexpected(part.error());
  std::vector<std::string> strings;
  if (!*part) return strings;
  bool in_text = false;
  int phonetic = 0;  // <rPh> holds a reading guide, not the value
  XmlHandlers h;
  h.start = [&](std::string_view local, const char**) {
    if (local == "si") strings.emplace_back();
    if (local == "rPh") ++phonetic;
    if (local == "t") in_text = phonetic == 0 && !strings.empty();
  };
  h.end = [&](std::string_view local) {
    if (local == "rPh") --phonetic;
    if (local == "t") in_text = false;
  };
  h.text = [&](std::string_view text) {
    if (in_text) strings.back() += text;
  };
  if (auto ok = parse_xml(**part, "xl/sharedStrings.xml", h); !ok) return tl::unexpected(ok.error());
  return strings;
}

// "BC12" -> 54 (zero-based column); nullopt when the reference has no column letters.
std::optional<std::size_t> column_of(std::string_view ref) {
  std::size_t col = 0, letters = 0;
  for (char c : ref) {
    if (c < 'A' || c > 'Z') break;
    col = col * 26 + static_cast<std::size_t>(c - 'A' + 1);
    if (++letters > 3) return std::nullopt;
  }
  if (letters == 0) return std::nullopt;
  return col - 1;
}

}  // namespace

bool looks_like_xlsx(std::string_view bytes) { return bytes.starts_with(std::string_view("PK\x03\x04", 4)); }

Result<Records> read_xlsx(std::string_view bytes, std::size_t max_unpacked_bytes) {
  Archive zip(bytes, max_unpacked_bytes);
  if (!zip.open()) return bad_file("it is not a ZIP archive, or only part of one");
  auto part = first_sheet_part(zip);
  if (!part) return tl::unexpected(part.error());
  auto strings = shared_strings(zip);
  if (!strings) return tl::unexpected(strings.error());
  auto sheet = required_member(zip, *part);
  if (!sheet) return tl::unexpected(sheet.error());

  constexpr std::size_t kMaxColumns = 16384;  // XFD, Excel's last column
  Records records;
  std::vector<std::string> row;
  std::string type, value;
  std::size_t column = 0;
  bool in_value = false, in_cell = false;
  std::optional<Error> problem;
  XmlHandlers h;
  h.start = [&](std::string_view local, const char** attrs) {
    if (local == "row") {
      row.clear();
      column = 0;
    } else if (local == "c") {
      in_cell = true;
      const char* t = attribute(attrs, "t");
      type = t != nullptr ? t : "n";
      value.clear();
      if (const char* ref = attribute(attrs, "r")) {
        auto c = column_of(ref);
        if (!c || *c >= kMaxColumns) {
          if (!problem) problem = bad_file(fmt::format("a cell reference {} is not valid", ref)).value();
          return;
        }
        column = *c;
      }
    } else if (in_cell && (local == "v" || local == "t")) {
      in_value = true;
    }
  };
  h.end = [&](std::string_view local) {
    if (local == "v" || local == "t") {
      in_value = false;
    } else if (local == "c") {
      in_cell = false;
      std::string shown = value;
      if (type == "s") {
        std::size_t index = 0;
        const auto [ptr, ec] = std::from_chars(value.data(), value.data() + value.size(), index);
        if (ec != std::errc() || ptr != value.data() + value.size() || index >= strings->size()) {
          if (!problem) problem = bad_file("a cell names a shared string that does not exist").value();
          return;
        }
        shown = (*strings)[index];
      } else if (type == "b") {
        shown = value == "1" ? "TRUE" : "FALSE";
      }
      if (!shown.empty()) {
        if (row.size() <= column) row.resize(column + 1);
        row[column] = std::move(shown);
      }
      ++column;
    } else if (local == "row") {
      if (!row.empty()) records.push_back(std::move(row));
      row.clear();
    }
  };
  h.text = [&](std::string_view text) {
    if (in_value) value += text;
  };
  if (auto ok = parse_xml(*sheet, *part, h); !ok) return tl::unexpected(ok.error());
  if (problem) return tl::unexpected(*problem);
  return records;
}

}  // namespace sen::tables
