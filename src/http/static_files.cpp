#include "http/static_files.hpp"

#include <fmt/format.h>
#include <sodium.h>

#include <array>
#include <fstream>
#include <sstream>

namespace sen::http {
namespace {

std::string etag_of(std::string_view body) {
  unsigned char digest[16];
  crypto_generichash(digest, sizeof digest, reinterpret_cast<const unsigned char*>(body.data()), body.size(),
                     nullptr, 0);
  std::string tag = "\"";
  for (unsigned char b : digest) tag += fmt::format("{:02x}", b);
  return tag + "\"";
}

}  // namespace

std::string_view content_type_for(std::string_view path) {
  static constexpr std::array<std::pair<std::string_view, std::string_view>, 15> kTypes{{
      {".html", "text/html; charset=utf-8"},
      {".js", "text/javascript; charset=utf-8"},
      {".mjs", "text/javascript; charset=utf-8"},
      {".css", "text/css; charset=utf-8"},
      {".json", "application/json"},
      {".geojson", "application/geo+json"},
      {".svg", "image/svg+xml"},
      {".png", "image/png"},
      {".ico", "image/x-icon"},
      {".woff2", "font/woff2"},
      {".woff", "font/woff"},
      {".txt", "text/plain; charset=utf-8"},
      {".webmanifest", "application/manifest+json"},
      {".map", "application/json"},
      {".jpg", "image/jpeg"},
  }};
  for (const auto& [ext, type] : kTypes) {
    if (path.ends_with(ext)) return type;
  }
  return "application/octet-stream";
}

Result<StaticFiles> StaticFiles::load(const std::filesystem::path& dir) {
  StaticFiles files;
  std::error_code ec;
  if (!std::filesystem::is_directory(dir, ec)) {
    return fail(ErrorCode::kInvalidArgument,
                fmt::format("web directory {} not found; build the UI with `npm --prefix web run build`",
                            dir.string()),
                "web.dir");
  }
  for (const auto& entry : std::filesystem::recursive_directory_iterator(dir, ec)) {
    if (!entry.is_regular_file()) continue;
    const std::string rel = "/" + std::filesystem::relative(entry.path(), dir).generic_string();
    std::ifstream in(entry.path(), std::ios::binary);
    std::stringstream buffer;
    buffer << in.rdbuf();
    StaticFile f;
    f.body = buffer.str();
    f.content_type = std::string(content_type_for(rel));
    f.cache_control = rel.starts_with("/assets/") ? "public, max-age=31536000, immutable" : "no-cache";
    f.etag = etag_of(f.body);
    files.files_.emplace(rel, std::move(f));
  }
  if (ec)
    return fail(ErrorCode::kInvalidArgument, fmt::format("cannot read {}: {}", dir.string(), ec.message()));
  return files;
}

const StaticFile* StaticFiles::find(std::string_view path) const {
  if (path == "/") path = "/index.html";
  if (auto it = files_.find(path); it != files_.end()) return &it->second;
  const auto last_slash = path.rfind('/');
  const bool has_extension =
      path.find('.', last_slash == std::string_view::npos ? 0 : last_slash) != std::string_view::npos;
  if (!has_extension) {
    if (auto it = files_.find(std::string_view("/index.html")); it != files_.end()) return &it->second;
  }
  return nullptr;
}

}  // namespace sen::http
