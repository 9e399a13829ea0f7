#include "pki/pdf_signature.hpp"

#include <fmt/format.h>

#include <algorithm>
#include <charconv>
#include <optional>

#include "core/clock.hpp"
#include "pki/cms_signature.hpp"
#include "pki/pdf_document.hpp"

namespace sen::pki {
namespace {

using pdf::Object;
using Clock = std::chrono::system_clock;

// /Contents is reserved before the signature exists; it must hold the CMS with every certificate.
constexpr std::size_t kMinContentsBytes = 8192;
// Ten digits per number: the ByteRange is written before the offsets are known and must not move.
constexpr std::string_view kByteRangePlaceholder = "[0 0000000000 0000000000 0000000000]";
constexpr int kVietnamOffsetMinutes = 7 * 60;
constexpr int kMaxPageTreeDepth = 64;

struct Update {
  int num = 0, gen = 0;
  std::string body;
};

// "D:20260213080000+07'00'" (ISO 32000-1 §7.9.4), in Vietnam time like the rest of Sen.
std::string pdf_date(Clock::time_point t) {
  const std::string r = format_rfc3339(t, kVietnamOffsetMinutes);  // 2026-02-13T08:00:00+07:00
  return fmt::format("(D:{}{}{}{}{}{}{}'{}')", r.substr(0, 4), r.substr(5, 2), r.substr(8, 2),
                     r.substr(11, 2), r.substr(14, 2), r.substr(17, 2), r.substr(19, 3), r.substr(23, 2));
}

std::optional<Clock::time_point> parse_pdf_date(std::string_view s) {
  if (s.substr(0, 2) == "D:") s.remove_prefix(2);
  int part[6] = {0, 1, 1, 0, 0, 0};  // later fields are optional
  std::size_t pos = 0;
  for (int i = 0; i < 6 && pos < s.size() && s[pos] >= '0' && s[pos] <= '9'; ++i) {
    const std::size_t width = i == 0 ? 4 : 2;
    const char* end = s.data() + std::min(s.size(), pos + width);
    if (std::from_chars(s.data() + pos, end, part[i]).ptr != end) return std::nullopt;
    pos += width;
  }
  if (pos < 4) return std::nullopt;
  std::string rfc = fmt::format("{:04}-{:02}-{:02}T{:02}:{:02}:{:02}", part[0], part[1], part[2], part[3],
                                part[4], part[5]);
  if (pos + 3 <= s.size() && (s[pos] == '+' || s[pos] == '-')) {
    const bool has_minutes = pos + 6 <= s.size() && s[pos + 3] == '\'';
    rfc += fmt::format("{}:{}", s.substr(pos, 3), has_minutes ? s.substr(pos + 4, 2) : "00");
  } else {
    rfc += "Z";
  }
  return parse_rfc3339(rfc);
}

Result<std::pair<Object, Object>> first_page(const pdf::Document& doc, const Object& catalog) {
  const Object* pages = catalog.get("/Pages");
  if (pages == nullptr) return pdf::malformed("The PDF has no page tree");
  Object ref = *pages;
  for (int depth = 0; depth < kMaxPageTreeDepth; ++depth) {
    auto node = doc.resolve(ref);
    if (!node) return tl::unexpected(node.error());
    const Object* type = node->get("/Type");
    if (type != nullptr && type->raw == "/Page") return std::pair{std::move(ref), std::move(*node)};
    const Object* kids_entry = node->get("/Kids");
    if (kids_entry == nullptr) break;
    Object kids = *kids_entry;
    if (kids.is(Object::Kind::kRef)) {
      auto resolved = doc.resolve(kids);
      if (!resolved) return tl::unexpected(resolved.error());
      kids = std::move(*resolved);
    }
    if (!kids.is(Object::Kind::kArray) || kids.items.empty()) break;
    ref = kids.items.front();
  }
  return pdf::malformed("The PDF has no page to sign");
}

// Appends `item` to the array under `key` in `dict`: inline, through a reference (the array object is
// then rewritten in the update) or created. Returns the new length.
Result<std::size_t> append_to_array(const pdf::Document& doc, Object& dict, std::string_view key,
                                    const Object& item, std::vector<Update>& updates) {
  const Object* current = dict.get(key);
  if (current == nullptr) {
    dict.set(key, Object::array({item}));
    return 1;
  }
  if (current->is(Object::Kind::kRef)) {
    auto array = doc.resolve(*current);
    if (!array) return tl::unexpected(array.error());
    if (!array->is(Object::Kind::kArray))
      return pdf::malformed(fmt::format("The PDF's {} is not an array", key));
    array->items.push_back(item);
    updates.push_back({current->num, current->gen, pdf::serialize(*array)});
    return array->items.size();
  }
  if (!current->is(Object::Kind::kArray))
    return pdf::malformed(fmt::format("The PDF's {} is not an array", key));
  Object array = *current;
  array.items.push_back(item);
  const std::size_t length = array.items.size();
  dict.set(key, std::move(array));
  return length;
}

// The catalog's /AcroForm gains the field and /SigFlags 3 (signatures exist; append only).
Result<std::size_t> add_form_field(const pdf::Document& doc, Object& catalog, const Object& field,
                                   int& next_number, std::vector<Update>& updates) {
  const Object* existing = catalog.get("/AcroForm");
  Object form;
  form.kind = Object::Kind::kDict;
  std::optional<Object> form_ref;
  if (existing == nullptr) {
    form_ref = Object::ref(next_number++, 0);
    catalog.set("/AcroForm", *form_ref);
  } else if (existing->is(Object::Kind::kRef)) {
    form_ref = *existing;
    auto resolved = doc.resolve(*existing);
    if (!resolved) return tl::unexpected(resolved.error());
    form = std::move(*resolved);
  } else if (existing->is(Object::Kind::kDict)) {
    form = *existing;
  }
  if (!form.is(Object::Kind::kDict)) return pdf::malformed("The PDF's /AcroForm is not a dictionary");
  auto count = append_to_array(doc, form, "/Fields", field, updates);
  if (!count) return count;
  form.set("/SigFlags", Object::number(3));
  if (form_ref) {
    updates.push_back({form_ref->num, form_ref->gen, pdf::serialize(form)});
  } else {
    catalog.set("/AcroForm", std::move(form));
  }
  return count;
}

std::string signature_dictionary(const SignatureFields& fields, std::size_t contents_bytes,
                                 Clock::time_point signing_time) {
  std::string d = fmt::format(
      "<< /Type /Sig /Filter /Adobe.PPKLite /SubFilter /adbe.pkcs7.detached /ByteRange {} /Contents <{}> /M "
      "{}",
      kByteRangePlaceholder, std::string(2 * contents_bytes, '0'), pdf_date(signing_time));
  const std::pair<std::string_view, const std::string&> texts[] = {{"/Name", fields.name},
                                                                   {"/Reason", fields.reason},
                                                                   {"/Location", fields.location},
                                                                   {"/ContactInfo", fields.contact_info}};
  for (const auto& [key, value] : texts) {
    if (!value.empty()) d += fmt::format(" {} {}", key, pdf::encode_text(value));
  }
  return d + " >>";
}

// Each subsection lists consecutive object numbers; entries are exactly 20 bytes.
std::string xref_section(std::vector<std::pair<int, std::pair<std::size_t, int>>> entries) {
  std::sort(entries.begin(), entries.end());
  std::string out = "xref\n";
  for (std::size_t i = 0; i < entries.size();) {
    std::size_t j = i + 1;
    while (j < entries.size() && entries[j].first == entries[j - 1].first + 1) ++j;
    out += fmt::format("{} {}\n", entries[i].first, j - i);
    for (; i < j; ++i)
      out += fmt::format("{:010} {:05} n\r\n", entries[i].second.first, entries[i].second.second);
  }
  return out;
}

struct FoundSignature {
  std::size_t gap_start = 0, gap_end = 0, end = 0;  // ByteRange [0 gap_start gap_end end-gap_end]
  Object dict;
};

bool is_hex(char c) { return (c >= '0' && c <= '9') || (c >= 'a' && c <= 'f') || (c >= 'A' && c <= 'F'); }

// The innermost dictionary around `pos`: the nearest "<<" before it whose dictionary reaches past it.
std::optional<Object> enclosing_dictionary(std::string_view pdf, std::size_t pos) {
  constexpr int kMaxAttempts = 16;
  std::size_t start = pos;
  for (int attempt = 0; attempt < kMaxAttempts && start > 0; ++attempt) {
    start = pdf.rfind("<<", start - 1);
    if (start == std::string_view::npos) return std::nullopt;
    std::size_t end = start;
    auto dict = pdf::parse_object(pdf, end);
    if (dict && dict->is(Object::Kind::kDict) && end > pos) return dict;
  }
  return std::nullopt;
}

// The signature reaching furthest into the file is the newest. Only the last few /ByteRange entries
// are examined and the hex gap is bounded, so a hostile upload cannot make verification slow.
std::optional<FoundSignature> newest_signature(std::string_view pdf) {
  constexpr int kMaxCandidates = 64;
  constexpr std::size_t kMaxContentsHex = 1 << 20;
  std::optional<FoundSignature> best;
  std::size_t best_at = 0;
  std::size_t at = pdf.size();
  for (int examined = 0; examined < kMaxCandidates && at > 0; ++examined) {
    at = pdf.rfind("/ByteRange", at - 1);
    if (at == std::string_view::npos) break;
    std::size_t pos = at + 10;
    auto range = pdf::parse_object(pdf, pos);
    if (!range || !range->is(Object::Kind::kArray) || range->items.size() != 4) continue;
    long long v[4];
    bool numbers = true;
    for (int i = 0; i < 4; ++i) {
      auto n = range->items[i].integer();
      numbers = numbers && n && *n >= 0 && static_cast<unsigned long long>(*n) <= pdf.size();
      v[i] = n.value_or(-1);
    }
    if (!numbers || v[0] != 0 || v[1] < 1 || v[2] < v[1] + 2 ||
        v[2] - v[1] > static_cast<long long>(kMaxContentsHex) ||
        static_cast<unsigned long long>(v[2] + v[3]) > pdf.size()) {
      continue;
    }
    const auto gap_start = static_cast<std::size_t>(v[1]), gap_end = static_cast<std::size_t>(v[2]);
    const std::size_t end = gap_end + static_cast<std::size_t>(v[3]);
    if ((best && end <= best->end) || pdf[gap_start] != '<' || pdf[gap_end - 1] != '>' ||
        !std::all_of(pdf.begin() + gap_start + 1, pdf.begin() + gap_end - 1, is_hex)) {
      continue;
    }
    best = FoundSignature{gap_start, gap_end, end, Object{}};
    best_at = at;
  }
  // Reason, name and time come from the dictionary holding the ByteRange; without one they stay empty.
  if (best) {
    if (auto dict = enclosing_dictionary(pdf, best_at)) best->dict = std::move(*dict);
  }
  return best;
}

std::string text_entry(const Object& dict, std::string_view key) {
  const Object* o = dict.get(key);
  return o != nullptr && o->is(Object::Kind::kString) ? pdf::text_string(*o) : std::string();
}

}  // namespace

Result<std::string> sign_pdf(std::string_view pdf, const SigningKey& key, const SignatureFields& fields,
                             Clock::time_point signing_time) {
  auto doc = pdf::Document::open(pdf);
  if (!doc) return tl::unexpected(doc.error());
  const Object& trailer = doc->trailer();
  if (trailer.get("/Encrypt") != nullptr) return pdf::malformed("Encrypted PDFs cannot be signed");
  const Object* root = trailer.get("/Root");
  const Object* size = trailer.get("/Size");
  if (root == nullptr || size == nullptr || !size->integer()) {
    return pdf::malformed("The PDF's trailer lacks /Root or /Size");
  }
  auto catalog = doc->resolve(*root);
  if (!catalog) return tl::unexpected(catalog.error());
  if (!catalog->is(Object::Kind::kDict)) return pdf::malformed("The PDF's catalog is not a dictionary");
  auto page = first_page(*doc, *catalog);
  if (!page) return tl::unexpected(page.error());

  int next_number = static_cast<int>(*size->integer());
  const Object signature_ref = Object::ref(next_number++, 0);
  const Object widget_ref = Object::ref(next_number++, 0);
  std::vector<Update> updates;
  auto field_count = add_form_field(*doc, *catalog, widget_ref, next_number, updates);
  if (!field_count) return tl::unexpected(field_count.error());
  if (auto r = append_to_array(*doc, page->second, "/Annots", widget_ref, updates); !r) {
    return tl::unexpected(r.error());
  }
  updates.push_back({root->num, root->gen, pdf::serialize(*catalog)});
  updates.push_back({page->first.num, page->first.gen, pdf::serialize(page->second)});
  // An invisible signature: a widget with an empty rectangle, printable and locked (/F 132).
  updates.push_back({widget_ref.num, 0,
                     fmt::format("<< /Type /Annot /Subtype /Widget /FT /Sig /T (Signature{}) /V {} /F 132 "
                                 "/Rect [0 0 0 0] /P {} >>",
                                 *field_count, pdf::serialize(signature_ref), pdf::serialize(page->first))});
  // PEM is larger than the DER inside the CMS, so this bounds the certificates from above.
  const std::size_t contents_bytes =
      std::max(kMinContentsBytes, key.certificate_pem.size() + key.chain_pem.size() + 4096);
  updates.push_back({signature_ref.num, 0, signature_dictionary(fields, contents_bytes, signing_time)});

  std::string out(pdf);
  if (out.back() != '\n' && out.back() != '\r') out += '\n';
  std::vector<std::pair<int, std::pair<std::size_t, int>>> offsets;
  std::size_t signature_body = 0;
  for (const auto& u : updates) {
    offsets.push_back({u.num, {out.size(), u.gen}});
    out += fmt::format("{} {} obj\n", u.num, u.gen);
    if (u.num == signature_ref.num) signature_body = out.size();
    out += u.body + "\nendobj\n";
  }
  const std::size_t xref_offset = out.size();
  out += xref_section(offsets);
  Object new_trailer;
  new_trailer.kind = Object::Kind::kDict;
  new_trailer.set("/Size", Object::number(next_number));
  for (std::string_view k : {"/Root", "/Info", "/ID"}) {
    if (const Object* v = trailer.get(k)) new_trailer.set(k, *v);
  }
  new_trailer.set("/Prev", Object::number(static_cast<long long>(doc->last_xref_offset())));
  out += fmt::format("trailer\n{}\nstartxref\n{}\n%%EOF\n", pdf::serialize(new_trailer), xref_offset);

  const std::string& body = updates.back().body;  // the signature dictionary, pushed last
  const std::size_t range_at = signature_body + body.find(kByteRangePlaceholder);
  const std::size_t gap_start = signature_body + body.find("/Contents <") + 10;
  const std::size_t gap_end = gap_start + 2 * contents_bytes + 2;
  std::string range = fmt::format("[0 {} {} {}]", gap_start, gap_end, out.size() - gap_end);
  range.insert(range.size() - 1, kByteRangePlaceholder.size() - range.size(), ' ');
  out.replace(range_at, range.size(), range);

  std::string signed_bytes = out.substr(0, gap_start);
  signed_bytes.append(out, gap_end);
  auto der =
      cms::sign_detached(signed_bytes, key.certificate_pem, key.private_key_pem, key.chain_pem, signing_time);
  if (!der) return tl::unexpected(der.error());
  if (der->size() > contents_bytes) return fail_internal("the CMS signature outgrew its reserved space");
  static constexpr char kDigits[] = "0123456789ABCDEF";
  for (std::size_t i = 0; i < der->size(); ++i) {
    const auto b = static_cast<unsigned char>((*der)[i]);
    out[gap_start + 1 + 2 * i] = kDigits[b >> 4];
    out[gap_start + 2 + 2 * i] = kDigits[b & 15];
  }
  return out;
}

Result<PdfVerification> verify_pdf(std::string_view pdf, const std::vector<std::string>& trust_anchors_pem) {
  if (pdf.substr(0, 1024).find("%PDF-") == std::string_view::npos)
    return pdf::malformed("The file is not a PDF");
  PdfVerification v;
  auto found = newest_signature(pdf);
  if (!found) return v;
  v.has_signature = true;
  v.covers_whole_file = found->end == pdf.size();
  v.reason = text_entry(found->dict, "/Reason");
  v.name = text_entry(found->dict, "/Name");
  const auto claimed = parse_pdf_date(text_entry(found->dict, "/M"));

  Object contents;
  contents.kind = Object::Kind::kString;
  contents.raw = std::string(pdf.substr(found->gap_start, found->gap_end - found->gap_start));
  std::string signed_bytes(pdf.substr(0, found->gap_start));
  signed_bytes.append(pdf.substr(found->gap_end, found->end - found->gap_end));
  const auto checked =
      cms::verify_detached(pdf::string_bytes(contents), signed_bytes, trust_anchors_pem, claimed);
  v.intact = checked.intact;
  v.trusted = checked.trusted;
  v.signer_subject = checked.subject;
  v.signer_common_name = checked.common_name;
  v.signer_organization = checked.organization;
  v.signer_serial = checked.serial;
  v.certificate_sha256 = checked.certificate_sha256;
  if (const auto at = checked.signing_time ? checked.signing_time : claimed) {
    v.signing_time = format_rfc3339(*at, kVietnamOffsetMinutes);
  }
  return v;
}

}  // namespace sen::pki
