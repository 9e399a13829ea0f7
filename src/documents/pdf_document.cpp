#include "documents/pdf_document.hpp"

#include <cairo-pdf.h>
#include <fmt/format.h>
#include <pango/pangocairo.h>

#include <algorithm>
#include <mutex>

#include "documents/font_set.hpp"
#include "documents/page_writer.hpp"
#include "documents/qr_code.hpp"

namespace sen::documents {

struct PdfRenderer::Impl {
  std::mutex mutex;  // the font map, fontconfig configuration and FreeType faces are not thread-safe
  std::unique_ptr<FontSet> fonts;
};

namespace {

constexpr std::string_view kMotto = "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM";
constexpr std::string_view kMottoSlogan = "Độc lập - Tự do - Hạnh phúc";

constexpr TextStyle kIssuerStyle{.size = 10.5, .bold = true, .align = Align::kCenter, .line_spacing = 1.1};
constexpr TextStyle kNumberStyle{.size = 10, .align = Align::kCenter};
constexpr TextStyle kMottoStyle{.size = 10.5, .bold = true, .align = Align::kCenter};
constexpr TextStyle kSloganStyle{.size = 11, .bold = true, .align = Align::kCenter};
constexpr TextStyle kPlaceDateStyle{.size = 10.5, .italic = true, .align = Align::kRight};
constexpr TextStyle kQrCaptionStyle{.size = 6, .align = Align::kCenter, .gray = 0.3, .line_spacing = 1.0};
constexpr TextStyle kTitleStyle{.size = 15, .bold = true, .align = Align::kCenter};
constexpr TextStyle kSubtitleStyle{.size = 11, .italic = true, .align = Align::kCenter};
constexpr TextStyle kHeadingStyle{.size = 11, .bold = true};
constexpr TextStyle kLabelStyle{.size = 10.5, .gray = 0.3};
constexpr TextStyle kValueStyle{.size = 10.5};
constexpr TextStyle kParagraphStyle{.size = 10.5, .align = Align::kJustify, .line_spacing = 1.3};
constexpr TextStyle kTableHeaderStyle{.size = 9.5, .bold = true};
constexpr TextStyle kTableCellStyle{.size = 9.5};
constexpr TextStyle kSignerStyle{.size = 10.5, .bold = true, .align = Align::kCenter};
constexpr TextStyle kSignedNoteStyle{.size = 9.5, .italic = true, .align = Align::kCenter, .gray = 0.3};

constexpr double kQrSide = mm(22);
constexpr double kCellPadding = mm(1.5);
constexpr double kLabelGap = mm(5);

// The issuer (agency, number) on the left, beside the QR code if there is one; the motto, place and
// date on the right. Returns the lowest point drawn.
double header(PageWriter& w, const DocumentSpec& spec, const QrMatrix* qr) {
  const double top = w.top();
  double bottom = top;
  double left_x = w.left();
  if (qr) {
    w.qr(*qr, w.left(), top, kQrSide);
    bottom = top + kQrSide;
    if (!spec.qr_caption.empty()) {
      auto caption = w.text(spec.qr_caption, kQrCaptionStyle, kQrSide + mm(4));
      w.draw(caption, w.left() - mm(2), bottom + mm(1.5));
      bottom += mm(1.5) + caption.height();
    }
    left_x += kQrSide + mm(5);  // more than the 4-module quiet zone a scanner needs
  }

  const double motto_width =
      std::max({w.natural_width(kMotto, kMottoStyle), w.natural_width(kMottoSlogan, kSloganStyle),
                w.natural_width(spec.place_date, kPlaceDateStyle)}) +
      mm(2);
  const double right_width = std::min(motto_width, w.width() * 0.62);
  const double right_x = w.right() - right_width;
  double y = top;
  auto motto = w.text(kMotto, kMottoStyle, right_width);
  w.draw(motto, right_x, y);
  y += motto.height();
  auto slogan = w.text(kMottoSlogan, kSloganStyle, right_width);
  w.draw(slogan, right_x, y);
  y += slogan.height() + mm(1);
  const double slogan_x = right_x + (right_width - slogan.widest_line()) / 2;
  w.rule(slogan_x, slogan_x + slogan.widest_line(), y);
  y += mm(5);
  if (!spec.place_date.empty()) {
    auto place_date = w.text(spec.place_date, kPlaceDateStyle, right_width);
    w.draw(place_date, right_x, y);
    y += place_date.height();
  }
  bottom = std::max(bottom, y);

  const double left_width = right_x - mm(3) - left_x;
  y = top;
  if (!spec.issuer.empty()) {
    auto issuer = w.text(spec.issuer, kIssuerStyle, left_width);
    w.draw(issuer, left_x, y);
    y += issuer.height() + mm(1);
    // Decree 30/2020: a short solid rule, a third to a half of the name's length, under the issuer.
    const double rule = issuer.widest_line() * 0.4;
    w.rule(left_x + (left_width - rule) / 2, left_x + (left_width + rule) / 2, y);
    y += mm(2.5);
  }
  if (!spec.number.empty()) {
    auto number = w.text(spec.number, kNumberStyle, left_width);
    w.draw(number, left_x, y);
    y += number.height();
  }
  return std::max(bottom, y);
}

// One label column for the whole document, so values line up from section to section.
double label_column(PageWriter& w, const std::vector<Section>& sections) {
  double widest = 0;
  for (const auto& s : sections) {
    for (const auto& f : s.fields) widest = std::max(widest, w.natural_width(f.label, kLabelStyle));
  }
  return std::clamp(widest + kLabelGap, w.width() * 0.22, w.width() * 0.4);
}

void fields(PageWriter& w, const std::vector<Field>& list, double label_width) {
  for (const auto& f : list) {
    auto label = w.text(f.label, kLabelStyle, label_width - kLabelGap);
    auto value = w.text(f.value, kValueStyle, w.width() - label_width);
    w.flow({{&label, w.left()}, {&value, w.left() + label_width}}, mm(0.7));
  }
}

// Column widths from the content, as browsers do for automatic table layout: when everything does
// not fit, columns narrower than their share keep their natural width and the wide ones split the
// rest in proportion, wrapping their text.
std::vector<double> column_widths(PageWriter& w, const Table& table, std::size_t columns) {
  std::vector<double> natural(columns, mm(10));
  auto measure = [&](const std::vector<std::string>& row, const TextStyle& style) {
    for (std::size_t c = 0; c < row.size(); ++c) {
      natural[c] = std::max(natural[c], w.natural_width(row[c], style) + 2 * kCellPadding + 1);
    }
  };
  measure(table.header, kTableHeaderStyle);
  for (const auto& row : table.rows) measure(row, kTableCellStyle);

  std::vector<double> widths(columns);
  double total = 0;
  for (double n : natural) total += n;
  if (total <= w.width()) {
    // Spread the spare room evenly so the table spans the text width.
    for (std::size_t c = 0; c < columns; ++c) widths[c] = natural[c] + (w.width() - total) / columns;
    return widths;
  }
  std::vector<bool> fixed(columns, false);
  double room = w.width();
  for (bool changed = true; changed;) {
    changed = false;
    std::size_t flexible = 0;
    for (bool f : fixed) flexible += f ? 0 : 1;
    const double share = room / static_cast<double>(flexible);
    for (std::size_t c = 0; c < columns; ++c) {
      if (!fixed[c] && natural[c] <= share) {
        fixed[c] = changed = true;
        room -= natural[c];
      }
    }
  }
  double flexible_natural = 0;
  for (std::size_t c = 0; c < columns; ++c) flexible_natural += fixed[c] ? 0 : natural[c];
  for (std::size_t c = 0; c < columns; ++c) {
    widths[c] = fixed[c] ? natural[c] : room * natural[c] / flexible_natural;
  }
  return widths;
}

void table(PageWriter& w, const Table& t) {
  std::size_t columns = t.header.size();
  for (const auto& row : t.rows) columns = std::max(columns, row.size());
  if (columns == 0) return;
  const auto widths = column_widths(w, t, columns);

  auto layout_row = [&](const std::vector<std::string>& cells, const TextStyle& style) {
    std::vector<TextBlock> blocks;
    for (std::size_t c = 0; c < columns; ++c) {
      blocks.push_back(
          w.text(c < cells.size() ? cells[c] : std::string(), style, widths[c] - 2 * kCellPadding));
    }
    return blocks;
  };
  auto paint_row = [&](const std::vector<TextBlock>& blocks, double fill) {
    std::vector<PageWriter::Column> placed;
    double x = w.left();
    for (std::size_t c = 0; c < columns; ++c) {
      placed.push_back({&blocks[c], x + kCellPadding});
      x += widths[c];
    }
    w.flow(placed, kCellPadding, [&](double top, double height) {
      double cell_x = w.left();
      for (double width : widths) {
        w.rectangle(cell_x, top, width, height, fill, 0.45);
        cell_x += width;
      }
    });
  };
  auto row_height = [](const std::vector<TextBlock>& blocks) {
    double h = 0;
    for (const auto& b : blocks) h = std::max(h, b.height());
    return h + 2 * kCellPadding;
  };

  const auto header = layout_row(t.header, kTableHeaderStyle);
  const bool has_header = !t.header.empty();
  const double header_height = has_header ? row_height(header) : 0;
  if (has_header) {
    w.ensure(header_height + (t.rows.empty() ? 0 : row_height(layout_row(t.rows.front(), kTableCellStyle))));
    paint_row(header, 0.92);
  }
  for (const auto& row : t.rows) {
    const auto blocks = layout_row(row, kTableCellStyle);
    const double height = row_height(blocks);
    // A row that moves to a new page takes the header with it.
    if (w.y() + height > w.bottom() && height + header_height <= w.page_height()) {
      w.new_page();
      if (has_header) paint_row(header, 0.92);
    }
    paint_row(blocks, 1.0);
  }
}

void section(PageWriter& w, const Section& s, double label_width) {
  if (!s.heading.empty()) {
    auto heading = w.text(s.heading, kHeadingStyle, w.width());
    w.ensure(heading.height() + mm(12));  // not alone at the foot of a page
    w.flow({{&heading, w.left()}});
    w.skip(mm(1.5));
  }
  fields(w, s.fields, label_width);
  if (!s.fields.empty() && !s.paragraphs.empty()) w.skip(mm(1.5));
  for (const auto& p : s.paragraphs) {
    auto paragraph = w.text(p, kParagraphStyle, w.width());
    w.flow({{&paragraph, w.left()}});
    w.skip(mm(2));
  }
  if (s.table) {
    w.skip(mm(1));
    table(w, *s.table);
  }
}

// Bottom right: title, then either the digital-signature note or room to sign by hand, then the name.
void signature(PageWriter& w, const DocumentSpec& spec) {
  if (spec.signer_title.empty() && spec.signer_name.empty() && spec.signed_note.empty()) return;
  const double width = std::clamp(std::max({w.natural_width(spec.signer_title, kSignerStyle),
                                            w.natural_width(spec.signer_name, kSignerStyle),
                                            w.natural_width(spec.signed_note, kSignedNoteStyle)}) +
                                      mm(6),
                                  mm(60), w.width() * 0.5);
  const double x = w.right() - width;
  auto title = w.text(spec.signer_title, kSignerStyle, width);
  auto note = w.text(spec.signed_note, kSignedNoteStyle, width);
  auto name = w.text(spec.signer_name, kSignerStyle, width);
  const double gap = spec.signed_note.empty() ? mm(22) : mm(3) + note.height() + mm(8);
  const double height = title.height() + gap + name.height();

  w.skip(mm(8));
  w.ensure(height);
  double y = w.y();
  w.draw(title, x, y);
  y += title.height();
  if (!spec.signed_note.empty()) w.draw(note, x, y + mm(3));
  y += gap;
  w.draw(name, x, y);
  w.set_y(y + name.height());
}

void compose(PageWriter& w, const DocumentSpec& spec, const QrMatrix* qr) {
  w.set_y(header(w, spec, qr) + mm(9));
  auto title = w.text(spec.title, kTitleStyle, w.width());
  w.flow({{&title, w.left()}});
  if (!spec.subtitle.empty()) {
    w.skip(mm(1));
    auto subtitle = w.text(spec.subtitle, kSubtitleStyle, w.width());
    w.flow({{&subtitle, w.left()}});
  }
  w.skip(mm(6));
  const double label_width = label_column(w, spec.sections);
  for (const auto& s : spec.sections) {
    section(w, s, label_width);
    w.skip(mm(3));
  }
  signature(w, spec);
}

// Pango needs valid UTF-8, and NFC keeps text extracted from the PDF (copy, search, screen readers)
// equal to what the applicant typed on any keyboard.
Status normalize(std::string& text, const std::string& field) {
  if (!g_utf8_validate(text.data(), static_cast<gssize>(text.size()), nullptr)) {
    return fail(ErrorCode::kInvalidArgument, "is not valid UTF-8 text", field);
  }
  gchar* nfc = g_utf8_normalize(text.data(), static_cast<gssize>(text.size()), G_NORMALIZE_NFC);
  if (!nfc) return fail(ErrorCode::kInvalidArgument, "is not valid UTF-8 text", field);
  text = nfc;
  g_free(nfc);
  return {};
}

Status normalize(DocumentSpec& spec) {
  std::vector<std::pair<std::string*, std::string>> texts = {
      {&spec.issuer, "issuer"},           {&spec.number, "number"},
      {&spec.place_date, "place_date"},   {&spec.title, "title"},
      {&spec.subtitle, "subtitle"},       {&spec.signer_title, "signer_title"},
      {&spec.signer_name, "signer_name"}, {&spec.signed_note, "signed_note"},
      {&spec.qr_caption, "qr_caption"},   {&spec.footer, "footer"},
      {&spec.meta_title, "meta_title"},   {&spec.meta_subject, "meta_subject"},
      {&spec.meta_author, "meta_author"}, {&spec.meta_keywords, "meta_keywords"},
  };
  for (std::size_t i = 0; i < spec.sections.size(); ++i) {
    auto& s = spec.sections[i];
    const std::string at = fmt::format("sections[{}]", i);
    texts.emplace_back(&s.heading, at + ".heading");
    for (std::size_t j = 0; j < s.fields.size(); ++j) {
      texts.emplace_back(&s.fields[j].label, fmt::format("{}.fields[{}].label", at, j));
      texts.emplace_back(&s.fields[j].value, fmt::format("{}.fields[{}].value", at, j));
    }
    for (std::size_t j = 0; j < s.paragraphs.size(); ++j) {
      texts.emplace_back(&s.paragraphs[j], fmt::format("{}.paragraphs[{}]", at, j));
    }
    if (!s.table) continue;
    for (std::size_t c = 0; c < s.table->header.size(); ++c) {
      texts.emplace_back(&s.table->header[c], fmt::format("{}.table.header[{}]", at, c));
    }
    for (std::size_t r = 0; r < s.table->rows.size(); ++r) {
      for (std::size_t c = 0; c < s.table->rows[r].size(); ++c) {
        texts.emplace_back(&s.table->rows[r][c], fmt::format("{}.table.rows[{}][{}]", at, r, c));
      }
    }
  }
  for (auto& [text, field] : texts) {
    if (auto s = normalize(*text, field); !s) return s;
  }
  return {};
}

cairo_status_t append_to_string(void* closure, const unsigned char* data, unsigned int length) {
  try {
    static_cast<std::string*>(closure)->append(reinterpret_cast<const char*>(data), length);
    return CAIRO_STATUS_SUCCESS;
  } catch (...) {  // must not unwind through cairo
    return CAIRO_STATUS_WRITE_ERROR;
  }
}

// A layout context independent of any output device: no hinting, 1 pt per unit, so the measuring
// pass and the painting pass break lines and pages identically.
std::unique_ptr<PangoContext, void (*)(gpointer)> make_context(PangoFontMap* font_map) {
  std::unique_ptr<PangoContext, void (*)(gpointer)> context(pango_font_map_create_context(font_map),
                                                            g_object_unref);
  cairo_font_options_t* options = cairo_font_options_create();
  cairo_font_options_set_hint_style(options, CAIRO_HINT_STYLE_NONE);
  cairo_font_options_set_hint_metrics(options, CAIRO_HINT_METRICS_OFF);
  pango_cairo_context_set_font_options(context.get(), options);
  cairo_font_options_destroy(options);
  pango_cairo_context_set_resolution(context.get(), 72);
  pango_context_set_language(context.get(), pango_language_from_string("vi"));
  return context;
}

void set_metadata(cairo_surface_t* surface, const DocumentSpec& spec) {
  const std::pair<cairo_pdf_metadata_t, const std::string*> entries[] = {
      {CAIRO_PDF_METADATA_TITLE, &spec.meta_title},
      {CAIRO_PDF_METADATA_SUBJECT, &spec.meta_subject},
      {CAIRO_PDF_METADATA_AUTHOR, &spec.meta_author},
      {CAIRO_PDF_METADATA_KEYWORDS, &spec.meta_keywords},
  };
  for (const auto& [key, value] : entries) {
    if (!value->empty()) cairo_pdf_surface_set_metadata(surface, key, value->c_str());
  }
  cairo_pdf_surface_set_metadata(surface, CAIRO_PDF_METADATA_CREATOR, "Sen");
}

}  // namespace

PdfRenderer::PdfRenderer(std::unique_ptr<Impl> impl) : impl_(std::move(impl)) {}
PdfRenderer::~PdfRenderer() = default;

Result<std::shared_ptr<PdfRenderer>> PdfRenderer::create(const std::filesystem::path& font_dir) {
  auto fonts = FontSet::load(font_dir);
  if (!fonts) return tl::unexpected(fonts.error());
  auto impl = std::make_unique<Impl>();
  impl->fonts = std::move(*fonts);
  return std::shared_ptr<PdfRenderer>(new PdfRenderer(std::move(impl)));
}

Result<std::string> PdfRenderer::render(const DocumentSpec& input) const {
  DocumentSpec spec = input;
  if (auto s = normalize(spec); !s) return tl::unexpected(s.error());
  std::optional<QrMatrix> qr;
  if (!spec.qr_payload.empty()) {
    auto matrix = qr_matrix(spec.qr_payload);
    if (!matrix) {
      Error error = matrix.error();
      if (!error.field.empty()) error.field = "qr_payload";
      return tl::unexpected(std::move(error));
    }
    qr = std::move(*matrix);
  }
  const QrMatrix* qr_ptr = qr ? &*qr : nullptr;

  std::lock_guard lock(impl_->mutex);
  const auto context = make_context(impl_->fonts->font_map());
  const std::string& family = impl_->fonts->family();

  PageWriter measure(context.get(), family, nullptr, 0, spec.footer);
  compose(measure, spec, qr_ptr);
  const int pages = measure.finish();

  std::string pdf;
  cairo_surface_t* surface = cairo_pdf_surface_create_for_stream(
      append_to_string, &pdf, PageWriter::kPageWidth, PageWriter::kPageHeight);
  set_metadata(surface, spec);
  cairo_t* cr = cairo_create(surface);
  PageWriter paint(context.get(), family, cr, pages, spec.footer);
  compose(paint, spec, qr_ptr);
  paint.finish();
  cairo_destroy(cr);
  cairo_surface_finish(surface);
  const cairo_status_t status = cairo_surface_status(surface);
  cairo_surface_destroy(surface);
  if (status != CAIRO_STATUS_SUCCESS) {
    return fail_internal(fmt::format("cairo PDF output failed: {}", cairo_status_to_string(status)));
  }
  return pdf;
}

}  // namespace sen::documents
