// Writes cairo_sample.pdf: a one-page PDF made by cairo as the documents module makes them (cairo 1.16
// on Debian 12 writes a classic cross-reference table). Rebuild with
//   cc make_cairo_sample.c $(pkg-config --cflags --libs cairo) -o make_cairo_sample && ./make_cairo_sample
#include <cairo-pdf.h>
#include <cairo.h>

int main(int argc, char** argv) {
  cairo_surface_t* surface = cairo_pdf_surface_create(argc > 1 ? argv[1] : "cairo_sample.pdf", 595, 842);
  cairo_t* cr = cairo_create(surface);
  cairo_select_font_face(cr, "sans-serif", CAIRO_FONT_SLANT_NORMAL, CAIRO_FONT_WEIGHT_NORMAL);
  cairo_set_font_size(cr, 14);
  cairo_move_to(cr, 72, 100);
  cairo_show_text(cr, "Sen test result");
  cairo_rectangle(cr, 72, 120, 200, 40);
  cairo_stroke(cr);
  cairo_destroy(cr);
  cairo_surface_destroy(surface);
  return 0;
}
