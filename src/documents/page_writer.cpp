#include "documents/page_writer.hpp"

#include <fmt/format.h>
#include <pango/pangocairo.h>

#include <algorithm>

namespace sen::documents {
namespace {

constexpr TextStyle kFooterStyle{.size = 7.5, .gray = 0.35};

double from_pango(int units) { return static_cast<double>(units) / PANGO_SCALE; }

PangoAlignment pango_alignment(Align align) {
  switch (align) {
    case Align::kCenter:
      return PANGO_ALIGN_CENTER;
    case Align::kRight:
      return PANGO_ALIGN_RIGHT;
    case Align::kLeft:
    case Align::kJustify:
      break;
  }
  return PANGO_ALIGN_LEFT;
}

}  // namespace

PageWriter::PageWriter(PangoContext* context, std::string family, cairo_t* cr, int total_pages,
                       std::string footer)
    : context_(context),
      family_(std::move(family)),
      cr_(cr),
      total_pages_(total_pages),
      footer_(std::move(footer)),
      y_(top()) {}

TextBlock PageWriter::text(std::string_view text, const TextStyle& style, double width) const {
  TextBlock block;
  block.gray_ = style.gray;
  block.layout_.reset(pango_layout_new(context_), g_object_unref);
  PangoLayout* layout = block.layout_.get();

  PangoFontDescription* font = pango_font_description_new();
  pango_font_description_set_family(font, family_.c_str());
  pango_font_description_set_size(font, static_cast<int>(style.size * PANGO_SCALE));
  pango_font_description_set_weight(font, style.bold ? PANGO_WEIGHT_BOLD : PANGO_WEIGHT_NORMAL);
  pango_font_description_set_style(font, style.italic ? PANGO_STYLE_ITALIC : PANGO_STYLE_NORMAL);
  pango_layout_set_font_description(layout, font);
  pango_font_description_free(font);

  if (width > 0) pango_layout_set_width(layout, static_cast<int>(width * PANGO_SCALE));
  // Codes and addresses have no spaces to break at; breaking inside them beats running off the page.
  pango_layout_set_wrap(layout, PANGO_WRAP_WORD_CHAR);
  pango_layout_set_alignment(layout, pango_alignment(style.align));
  pango_layout_set_justify(layout, style.align == Align::kJustify);
  pango_layout_set_line_spacing(layout, static_cast<float>(style.line_spacing));
  pango_layout_set_text(layout, text.data(), static_cast<int>(text.size()));

  PangoLayoutIter* iter = pango_layout_get_iter(layout);
  do {
    int y0 = 0, y1 = 0;
    pango_layout_iter_get_line_yrange(iter, &y0, &y1);
    PangoRectangle in_layout, in_line;
    pango_layout_iter_get_line_extents(iter, nullptr, &in_layout);
    pango_layout_line_get_extents(pango_layout_iter_get_line_readonly(iter), nullptr, &in_line);
    block.lines_.push_back({from_pango(y0), from_pango(y1), from_pango(pango_layout_iter_get_baseline(iter)),
                            from_pango(in_layout.x - in_line.x)});
    block.widest_ = std::max(block.widest_, from_pango(in_layout.width));
  } while (pango_layout_iter_next_line(iter));
  pango_layout_iter_free(iter);
  return block;
}

double PageWriter::natural_width(std::string_view text, const TextStyle& style) const {
  return this->text(text, style, -1).widest_line();
}

void PageWriter::new_page() {
  draw_footer();
  if (cr_) cairo_show_page(cr_);
  ++page_;
  y_ = top();
}

void PageWriter::ensure(double height) {
  if (y_ + height > bottom() && !at_top()) new_page();
}

void PageWriter::draw(const TextBlock& block, double x, double y) {
  draw_lines(block, 0, block.lines_.size(), x, y);
}

void PageWriter::draw_lines(const TextBlock& block, std::size_t from, std::size_t to, double x, double y) {
  if (!cr_ || from >= to) return;
  const double origin = block.lines_[from].top;
  cairo_set_source_rgb(cr_, block.gray_, block.gray_, block.gray_);
  for (std::size_t i = from; i < to; ++i) {
    const auto& line = block.lines_[i];
    cairo_move_to(cr_, x + line.x, y + line.baseline - origin);
    pango_cairo_show_layout_line(cr_,
                                 pango_layout_get_line_readonly(block.layout_.get(), static_cast<int>(i)));
  }
}

void PageWriter::flow(const std::vector<Column>& columns, double padding,
                      const std::function<void(double top, double height)>& decorate) {
  if (columns.empty()) return;
  // Up to a few lines stay together: a short row or paragraph moves to the next page whole.
  double whole = 0;
  for (const auto& column : columns) whole = std::max(whole, column.block->height());
  if (whole < mm(40)) ensure(whole + 2 * padding);

  std::vector<std::size_t> next(columns.size(), 0);
  for (;;) {
    // How many further lines of each column fit on this page.
    const double room = bottom() - y_ - 2 * padding;
    std::vector<std::size_t> end(next);
    double height = 0;
    bool any = false, last = true;
    for (std::size_t c = 0; c < columns.size(); ++c) {
      const auto& lines = columns[c].block->lines_;
      if (next[c] >= lines.size()) continue;
      const double origin = lines[next[c]].top;
      while (end[c] < lines.size() && lines[end[c]].bottom - origin <= room) ++end[c];
      // A line taller than a whole page still has to go somewhere.
      if (end[c] == next[c] && at_top()) ++end[c];
      if (end[c] > next[c]) {
        any = true;
        height = std::max(height, lines[end[c] - 1].bottom - origin);
      }
      last = last && end[c] == lines.size();
    }
    if (!any) {
      new_page();
      continue;
    }
    if (cr_ && decorate) decorate(y_, height + 2 * padding);
    for (std::size_t c = 0; c < columns.size(); ++c) {
      draw_lines(*columns[c].block, next[c], end[c], columns[c].x, y_ + padding);
    }
    y_ += height + 2 * padding;
    if (last) return;
    next = end;
    new_page();
  }
}

void PageWriter::rule(double x0, double x1, double y, double line_width, double gray) {
  if (!cr_) return;
  cairo_set_source_rgb(cr_, gray, gray, gray);
  cairo_set_line_width(cr_, line_width);
  cairo_move_to(cr_, x0, y);
  cairo_line_to(cr_, x1, y);
  cairo_stroke(cr_);
}

void PageWriter::rectangle(double x, double y, double w, double h, double fill_gray, double stroke_gray,
                           double line_width) {
  if (!cr_) return;
  cairo_rectangle(cr_, x, y, w, h);
  cairo_set_source_rgb(cr_, fill_gray, fill_gray, fill_gray);
  cairo_fill_preserve(cr_);
  cairo_set_source_rgb(cr_, stroke_gray, stroke_gray, stroke_gray);
  cairo_set_line_width(cr_, line_width);
  cairo_stroke(cr_);
}

void PageWriter::qr(const QrMatrix& matrix, double x, double y, double side) {
  if (!cr_ || matrix.size == 0) return;
  // Vector squares stay sharp at any print resolution; runs along a row make one rectangle each.
  const double module = side / matrix.size;
  for (int row = 0; row < matrix.size; ++row) {
    for (int col = 0; col < matrix.size;) {
      if (!matrix.at(col, row)) {
        ++col;
        continue;
      }
      int run = 1;
      while (col + run < matrix.size && matrix.at(col + run, row)) ++run;
      cairo_rectangle(cr_, x + col * module, y + row * module, run * module, module);
      col += run;
    }
  }
  cairo_set_source_rgb(cr_, 0, 0, 0);
  cairo_fill(cr_);
}

int PageWriter::finish() {
  draw_footer();
  if (cr_) cairo_show_page(cr_);
  return page_;
}

void PageWriter::draw_footer() {
  if (!cr_) return;
  const double y = kPageHeight - mm(15);
  const std::string number = total_pages_ > 1 ? fmt::format("Trang {}/{}", page_, total_pages_) : "";
  const double number_width = number.empty() ? 0 : natural_width(number, kFooterStyle) + mm(4);
  if (footer_.empty() && number.empty()) return;
  rule(left(), right(), y - mm(1.5), 0.3, 0.6);
  if (!footer_.empty()) draw(text(footer_, kFooterStyle, width() - number_width), left(), y);
  if (!number.empty()) {
    TextStyle style = kFooterStyle;
    style.align = Align::kRight;
    draw(text(number, style, width()), left(), y);
  }
}

}  // namespace sen::documents
