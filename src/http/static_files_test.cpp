#include "http/static_files.hpp"

#include <gtest/gtest.h>

#include <fstream>

namespace sen::http {
namespace {

TEST(StaticFiles, ServesIndexHashedAssetsAndClientRoutes) {
  const auto dir = std::filesystem::temp_directory_path() / "sen_static_test";
  std::filesystem::create_directories(dir / "assets");
  std::ofstream(dir / "index.html") << "<!doctype html>";
  std::ofstream(dir / "assets" / "app-3f2a.js") << "console.log(1)";
  auto files = StaticFiles::load(dir);
  ASSERT_TRUE(files);
  const auto* index = files->find("/");
  ASSERT_NE(index, nullptr);
  EXPECT_EQ(index->content_type, "text/html; charset=utf-8");
  EXPECT_EQ(index->cache_control, "no-cache");
  const auto* js = files->find("/assets/app-3f2a.js");
  ASSERT_NE(js, nullptr);
  EXPECT_EQ(js->content_type, "text/javascript; charset=utf-8");
  EXPECT_EQ(js->cache_control, "public, max-age=31536000, immutable");
  EXPECT_NE(js->etag, index->etag);
  EXPECT_EQ(files->find("/places/01"), index) << "client-side route falls back to the shell";
  EXPECT_EQ(files->find("/missing.png"), nullptr);
  std::filesystem::remove_all(dir);
}

TEST(StaticFiles, MissingDirectoryNamesTheSetting) {
  auto files = StaticFiles::load("/nonexistent/sen/web");
  ASSERT_FALSE(files);
  EXPECT_EQ(files.error().field, "web.dir");
}

}  // namespace
}  // namespace sen::http
