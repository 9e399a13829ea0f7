#pragma once

#include <fontconfig/fontconfig.h>
#include <pango/pango.h>

#include <filesystem>
#include <memory>
#include <string>

#include "core/status.hpp"

namespace sen::documents {

// The bundled fonts, loaded into a private fontconfig configuration and a Pango font map that sees
// only them: a PDF looks the same on every server and always embeds these fonts, whatever the
// system has installed. Not thread-safe; the renderer serialises access.
class FontSet {
 public:
  // Every .ttf/.otf in `dir`. kInvalidArgument naming the directory when none loads.
  static Result<std::unique_ptr<FontSet>> load(const std::filesystem::path& dir);
  ~FontSet();
  FontSet(const FontSet&) = delete;
  FontSet& operator=(const FontSet&) = delete;

  PangoFontMap* font_map() const { return font_map_; }
  const std::string& family() const { return family_; }  // the family to ask for, e.g. "Be Vietnam Pro"

 private:
  FontSet() = default;

  FcConfig* config_ = nullptr;
  PangoFontMap* font_map_ = nullptr;
  std::string family_;
};

}  // namespace sen::documents
