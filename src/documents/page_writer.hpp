#pragma once

#include <cairo.h>
#include <pango/pango.h>

#include <functional>
#include <memory>
#include <string>
#include <string_view>
#include <vector>

#include "documents/qr_code.hpp"

namespace sen::documents {

constexpr double kPointsPerMm = 72.0 / 25.4;
constexpr double mm(double v) { return v * kPointsPerMm; }

enum class Align { kLeft, kCenter, kRight, kJustify };

struct TextStyle {
  double size = 10.5;  // points
  bool bold = false;
  bool italic = false;
  Align align = Align::kLeft;
  double gray = 0.0;  // 0 = black ink
  double line_spacing = 1.2;
};

// Text laid out for a given width (empty text still takes one line). Keeps its lines so that it can
// break across pages.
class TextBlock {
 public:
  double height() const { return lines_.empty() ? 0 : lines_.back().bottom; }
  double widest_line() const { return widest_; }

 private:
  friend class PageWriter;
  struct Line {
    double top, bottom, baseline, x;  // points, relative to the block
  };
  std::shared_ptr<PangoLayout> layout_;
  std::vector<Line> lines_;
  double widest_ = 0;
  double gray_ = 0;
};

// Places content on A4 pages from top to bottom, starting a new page when the next piece does not
// fit, and writes each page's footer. Without a cairo context it only measures: the renderer runs
// the same composition twice, first to count the pages ("Trang 1/3"), then to paint.
class PageWriter {
 public:
  static constexpr double kPageWidth = 595.2756;  // A4 in points
  static constexpr double kPageHeight = 841.8898;

  // `cr` null: measure only. `total_pages`: from the measuring pass, for the page numbers.
  PageWriter(PangoContext* context, std::string family, cairo_t* cr, int total_pages, std::string footer);

  TextBlock text(std::string_view text, const TextStyle& style, double width) const;
  double natural_width(std::string_view text, const TextStyle& style) const;

  double left() const { return mm(20); }
  double right() const { return kPageWidth - mm(20); }
  double width() const { return right() - left(); }
  double top() const { return mm(18); }
  double bottom() const { return kPageHeight - mm(22); }
  double page_height() const { return bottom() - top(); }

  double y() const { return y_; }
  void set_y(double y) { y_ = y; }
  void skip(double dy) { y_ += dy; }
  bool at_top() const { return y_ <= top(); }
  int page() const { return page_; }

  void new_page();
  // A new page unless `height` fits below the cursor (or nothing would be gained).
  void ensure(double height);

  // Paints a whole block at an absolute position on the current page.
  void draw(const TextBlock& block, double x, double y);

  // Paints blocks side by side from the cursor (a form row, a table row), breaking between lines when
  // the page is full, and moves the cursor below them. `padding` is added above and below on each
  // page; `decorate(top, height)` runs first on each page's part (for cell borders and fills).
  struct Column {
    const TextBlock* block;
    double x;
  };
  void flow(const std::vector<Column>& columns, double padding = 0,
            const std::function<void(double top, double height)>& decorate = {});

  void rule(double x0, double x1, double y, double line_width = 0.6, double gray = 0);
  void rectangle(double x, double y, double w, double h, double fill_gray, double stroke_gray,
                 double line_width = 0.5);
  void qr(const QrMatrix& matrix, double x, double y, double side);

  // Ends the last page; returns the page count.
  int finish();

 private:
  void draw_lines(const TextBlock& block, std::size_t from, std::size_t to, double x, double y);
  void draw_footer();

  PangoContext* context_;
  std::string family_;
  cairo_t* cr_;
  int total_pages_;
  std::string footer_;
  int page_ = 1;
  double y_;
};

}  // namespace sen::documents
