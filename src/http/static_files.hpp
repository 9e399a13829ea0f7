#pragma once

#include <filesystem>
#include <map>
#include <string>
#include <string_view>

#include "core/status.hpp"

namespace sen::http {

struct StaticFile {
  std::string body;
  std::string content_type;
  std::string cache_control;
  std::string etag;
};

// The built web UI, read into memory once at start-up (a few hundred KiB). Vite's content-hashed
// files under /assets/ are cached for a year; everything else must be revalidated.
class StaticFiles {
 public:
  static Result<StaticFiles> load(const std::filesystem::path& dir);

  // Exact file, "/" -> index.html, or index.html for an extension-less client-side route.
  const StaticFile* find(std::string_view path) const;
  bool empty() const { return files_.empty(); }

 private:
  std::map<std::string, StaticFile, std::less<>> files_;
};

std::string_view content_type_for(std::string_view path);

}  // namespace sen::http
