// The CKAN-compatible action API's parameters, as harvesters send them (`action` on the first line,
// then the parameters as a JSON object), against an empty catalogue in a real SQLite database: every
// answer is CKAN's envelope with a status CKAN gives, never a crash.
#include <unistd.h>

#include <boost/json.hpp>
#include <cstdint>
#include <cstdlib>
#include <filesystem>
#include <string_view>

#include "core/clock.hpp"
#include "core/json_parse.hpp"
#include "core/text_input.hpp"
#include "opendata/ckan_api.hpp"
#include "storage/database.hpp"
#include "storage/migrations.hpp"

namespace {

struct Site {
  sen::SystemClock clock;
  std::unique_ptr<sen::storage::Database> db;
  std::unique_ptr<sen::opendata::Catalogue> catalogue;
  sen::opendata::PackCatalogue pack;
  sen::opendata::PackageCache packages;
  std::unique_ptr<sen::opendata::CkanSite> site;

  Site() {
    sen::StorageConfig storage;
    storage.data_dir =
        (std::filesystem::temp_directory_path() / ("sen-fuzz-ckan-" + std::to_string(::getpid()))).string();
    std::filesystem::remove_all(storage.data_dir);
    std::filesystem::create_directories(storage.data_dir);
    db = std::move(*sen::storage::open_database(storage));
    if (!sen::storage::apply_migrations(*db, clock)) std::abort();
    catalogue = std::make_unique<sen::opendata::Catalogue>(*db, clock);
    site = std::make_unique<sen::opendata::CkanSite>(
        sen::opendata::CkanSite{*catalogue, pack, [](const std::string&) { return std::string(); },
                                "http://127.0.0.1", "fuzz", 1000, 32000, packages});
  }
};

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  static auto* site = new Site();
  const std::string_view text(reinterpret_cast<const char*>(data), size);
  const auto line = text.find('\n');
  const std::string_view action = text.substr(0, line);
  boost::system::error_code ec;
  auto params =
      sen::parse_json(line == std::string_view::npos ? std::string_view("{}") : text.substr(line + 1), ec);
  // What the HTTP layer lets through: a path segment and query text that pass check_text, a JSON
  // body that passes clean_json_strings (a first finding of this target was an action name of
  // invalid UTF-8 echoed into an invalid JSON answer, which the edge refuses).
  if (ec || !params.is_object() || !sen::check_text(action, "action", false) ||
      !sen::clean_json_strings(params))
    return 0;
  const auto answer = sen::opendata::ckan_action(*site->site, action, params.as_object());
  auto body = sen::parse_json(answer.body, ec);
  if (ec || !body.is_object() || !body.as_object().contains("success")) std::abort();
  if (answer.status != 200 && answer.status != 400 && answer.status != 404 && answer.status != 409)
    std::abort();
  return 0;
}
