#include "documents/font_set.hpp"

#include <pango/pangocairo.h>
#include <pango/pangofc-fontmap.h>

#include <algorithm>
#include <cctype>
#include <vector>

namespace sen::documents {
namespace {

bool is_font_file(const std::filesystem::path& path) {
  std::string ext = path.extension().string();
  std::transform(ext.begin(), ext.end(), ext.begin(), [](unsigned char c) { return std::tolower(c); });
  return ext == ".ttf" || ext == ".otf";
}

// The family of the upright regular face if there is one: bold or italic files of the same family
// are then picked by weight and slant.
std::string main_family(FcFontSet* fonts) {
  std::string first;
  for (int i = 0; fonts && i < fonts->nfont; ++i) {
    FcChar8* family = nullptr;
    if (FcPatternGetString(fonts->fonts[i], FC_FAMILY, 0, &family) != FcResultMatch) continue;
    int weight = 0, slant = 0;
    FcPatternGetInteger(fonts->fonts[i], FC_WEIGHT, 0, &weight);
    FcPatternGetInteger(fonts->fonts[i], FC_SLANT, 0, &slant);
    if (weight == FC_WEIGHT_REGULAR && slant == FC_SLANT_ROMAN) return reinterpret_cast<char*>(family);
    if (first.empty()) first = reinterpret_cast<char*>(family);
  }
  return first;
}

}  // namespace

Result<std::unique_ptr<FontSet>> FontSet::load(const std::filesystem::path& dir) {
  auto none = [&] {
    return fail(ErrorCode::kInvalidArgument, "no usable font (.ttf/.otf) in " + dir.string(), "font_dir");
  };
  std::error_code ec;
  std::vector<std::filesystem::path> files;
  for (std::filesystem::directory_iterator it(dir, ec), end; !ec && it != end; it.increment(ec)) {
    if (it->is_regular_file() && is_font_file(it->path())) files.push_back(it->path());
  }
  if (ec || files.empty()) return none();
  std::sort(files.begin(), files.end());  // a stable order, hence a stable choice of family

  std::unique_ptr<FontSet> set(new FontSet);
  // An empty configuration: no system directories, no substitution rules from /etc/fonts.
  set->config_ = FcConfigCreate();
  if (!set->config_) return fail_internal("FcConfigCreate failed");
  for (const auto& file : files) {
    FcConfigAppFontAddFile(set->config_, reinterpret_cast<const FcChar8*>(file.c_str()));
  }
  set->family_ = main_family(FcConfigGetFonts(set->config_, FcSetApplication));
  if (set->family_.empty()) return none();

  set->font_map_ = pango_cairo_font_map_new_for_font_type(CAIRO_FONT_TYPE_FT);
  if (!set->font_map_ || !PANGO_IS_FC_FONT_MAP(set->font_map_)) {
    return fail_internal("pango has no fontconfig font map for cairo");
  }
  pango_fc_font_map_set_config(PANGO_FC_FONT_MAP(set->font_map_), set->config_);
  return set;
}

FontSet::~FontSet() {
  if (font_map_) {
    // Pango 1.50 keeps its reference to the configuration when the font map is finalised.
    if (PANGO_IS_FC_FONT_MAP(font_map_)) pango_fc_font_map_set_config(PANGO_FC_FONT_MAP(font_map_), nullptr);
    g_object_unref(font_map_);
  }
  if (config_) FcConfigDestroy(config_);
}

}  // namespace sen::documents
