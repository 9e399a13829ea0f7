#pragma once

#include <filesystem>
#include <memory>
#include <optional>
#include <string>
#include <vector>

#include "core/status.hpp"

namespace sen::documents {

// One "label: value" line of a form-like section.
struct Field {
  std::string label, value;
};

struct Table {
  std::vector<std::string> header;
  std::vector<std::vector<std::string>> rows;
};

// Rendered in this order: heading, fields, paragraphs, table. Every part is optional.
struct Section {
  std::string heading;
  std::vector<Field> fields;
  std::vector<std::string> paragraphs;
  std::optional<Table> table;
};

// An administrative document in the layout of Decree 30/2020/ND-CP: issuer and number top-left, the
// national motto top-right, place and date, centred title, body, signature block bottom-right. All
// text is UTF-8 and is normalised to NFC (precomposed letters) before rendering.
struct DocumentSpec {
  std::string issuer;      // top-left, e.g. "ỦY BAN NHÂN DÂN\nPHƯỜNG BA ĐÌNH" (\n breaks lines)
  std::string number;      // under the issuer, e.g. "Số: UBND-00004-261126-0001"
  std::string place_date;  // under the motto, e.g. "Hà Nội, ngày 26 tháng 11 năm 2026"
  std::string title;       // centred, bold, as given (upper case by convention)
  std::string subtitle;    // optional, centred under the title
  std::vector<Section> sections;
  std::string signer_title;  // e.g. "CHỦ TỊCH"; the signature block is omitted when all three are empty
  std::string signer_name;
  std::string signed_note;  // e.g. "(Đã ký số)"; without it, room is left for a handwritten signature
  std::string qr_payload;   // optional QR code (level M) at the top-left of page 1, per Circular 01/2023
  std::string qr_caption;   // small text under the QR, e.g. the verification address
  std::string footer;       // small text at the bottom of every page
  std::string meta_title, meta_subject, meta_author, meta_keywords;  // PDF document information
};

// Renders DocumentSpecs to PDF with the bundled fonts. Thread-safe; renders one document at a time.
class PdfRenderer {
 public:
  // Loads the fonts in `font_dir` (packs/vn/fonts) into a private fontconfig configuration.
  // kInvalidArgument naming the directory when no usable font is there.
  static Result<std::shared_ptr<PdfRenderer>> create(const std::filesystem::path& font_dir);

  // The PDF bytes: A4, wrapped text, as many pages as needed. kInvalidArgument (field named, e.g.
  // "sections[1].fields[0].value") for text that is not UTF-8 or a QR payload that does not fit.
  Result<std::string> render(const DocumentSpec& spec) const;

  ~PdfRenderer();

 private:
  struct Impl;
  explicit PdfRenderer(std::unique_ptr<Impl> impl);
  std::unique_ptr<Impl> impl_;
};

}  // namespace sen::documents
