#include "core/json_text.hpp"

#include <algorithm>
#include <cmath>

namespace sen {

std::string shown(std::string_view s) {
  constexpr std::size_t kMax = 40;
  std::string out = "\"";
  if (s.size() <= kMax) {
    out.append(s);
  } else {
    std::size_t cut = kMax;
    while (cut > 0 && (static_cast<unsigned char>(s[cut]) & 0xC0) == 0x80) --cut;
    out.append(s.substr(0, cut));
    out.append("...");
  }
  out += '"';
  return out;
}

std::string json_type_name(const boost::json::value& v) {
  switch (v.kind()) {
    case boost::json::kind::null:
      return "null";
    case boost::json::kind::bool_:
      return "a boolean";
    case boost::json::kind::int64:
    case boost::json::kind::uint64:
    case boost::json::kind::double_:
      return "a number";
    case boost::json::kind::string:
      return "a string";
    case boost::json::kind::array:
      return "an array";
    case boost::json::kind::object:
      return "an object";
  }
  return "a value";
}

Result<std::vector<std::filesystem::path>> json_files_in(const std::filesystem::path& dir,
                                                         std::string_view what) {
  std::error_code ec;
  if (!std::filesystem::is_directory(dir, ec)) {
    return tl::unexpected(
        Error{ErrorCode::kNotFound, std::string(what) + " directory not found", {}, dir.string()});
  }
  std::vector<std::filesystem::path> files;
  for (std::filesystem::directory_iterator it(dir, ec), end; !ec && it != end; it.increment(ec)) {
    if (it->path().extension() == ".json" && it->is_regular_file(ec)) files.push_back(it->path());
  }
  if (ec) return fail_internal("cannot list " + dir.string() + ": " + ec.message());
  if (files.empty()) {
    return tl::unexpected(Error{ErrorCode::kNotFound,
                                "no *.json files in the " + std::string(what) + " directory",
                                {},
                                dir.string()});
  }
  std::sort(files.begin(), files.end());
  return files;
}

boost::json::value json_number(double v) {
  const double rounded = std::round(v * 10000) / 10000;
  if (std::abs(rounded) < 9e15 && rounded == std::floor(rounded)) return static_cast<std::int64_t>(rounded);
  return rounded;
}

}  // namespace sen
