#include "places/agency_pack.hpp"

#include <algorithm>
#include <array>
#include <boost/json.hpp>
#include <fstream>
#include <map>
#include <sstream>

#include "core/json_parse.hpp"
#include "core/json_reader.hpp"

namespace sen::places {
namespace {

namespace json = boost::json;

constexpr std::array<std::string_view, 3> kLevels{"nation", "province", "commune"};

// Agency codes appear in dossier codes and URLs: upper-case letters, digits and '-'.
bool valid_code(std::string_view c) {
  return !c.empty() && c.size() <= 32 && std::all_of(c.begin(), c.end(), [](char ch) {
    return (ch >= 'A' && ch <= 'Z') || (ch >= '0' && ch <= '9') || ch == '-';
  });
}

bool valid_kind(std::string_view k) {
  return !k.empty() &&
         std::all_of(k.begin(), k.end(), [](char ch) { return (ch >= 'a' && ch <= 'z') || ch == '_'; });
}

std::string fill(std::string text, const Place& place) {
  for (const auto& [key, value] : {std::pair<std::string_view, const std::string&>{"{code}", place.code},
                                   std::pair<std::string_view, const std::string&>{"{name}", place.name}}) {
    for (auto at = text.find(key); at != std::string::npos; at = text.find(key, at + value.size())) {
      text.replace(at, key.size(), value);
    }
  }
  return text;
}

Result<std::string> kind_at(const JsonReader& r, const json::object& o, const std::string& path) {
  auto kind = r.string(o, path, "kind", true);
  if (kind && !valid_kind(*kind)) {
    return r.error(JsonReader::join(path, "kind"), shown(*kind) + " must be lowercase letters or '_'");
  }
  return kind;
}

Result<std::vector<Agency>> generate(const JsonReader& r, const json::object& root,
                                     const std::vector<Place>& places) {
  auto list = r.array(root, "", "generated", true);
  if (!list) return tl::unexpected(list.error());
  std::vector<Agency> out;
  for (std::size_t i = 0; i < (*list)->size(); ++i) {
    const std::string path = JsonReader::index("generated", i);
    auto o = r.object((**list)[i], path);
    if (!o) return tl::unexpected(o.error());
    if (auto ok = r.only_keys(**o, path, {"kind", "levels", "code", "name"}); !ok)
      return tl::unexpected(ok.error());
    auto kind = kind_at(r, **o, path);
    if (!kind) return tl::unexpected(kind.error());
    auto levels = r.strings(**o, path, "levels", true);
    if (!levels) return tl::unexpected(levels.error());
    for (std::size_t l = 0; l < levels->size(); ++l) {
      if (!names_contain(kLevels, (*levels)[l])) {
        return r.error(JsonReader::index(JsonReader::join(path, "levels"), l),
                       "must be one of " + names_list(kLevels));
      }
    }
    auto code = r.string(**o, path, "code", true);
    if (!code) return tl::unexpected(code.error());
    if (code->find("{code}") == std::string::npos) {
      return r.error(JsonReader::join(path, "code"),
                     "must contain {code}, or every place would get the same code");
    }
    auto name = r.string(**o, path, "name", true);
    if (!name) return tl::unexpected(name.error());
    for (const auto& p : places) {
      if (std::find(levels->begin(), levels->end(), p.level) == levels->end()) continue;
      Agency a{fill(*code, p), fill(*name, p), *kind, p.code};
      if (!valid_code(a.code)) {
        return r.error(JsonReader::join(path, "code"),
                       shown(a.code) + " is not an agency code (A-Z, 0-9, '-')");
      }
      out.push_back(std::move(a));
    }
  }
  return out;
}

Result<Agency> listed_agency(const JsonReader& r, const json::value& v, const std::string& path,
                             const std::map<std::string, const Place*>& places) {
  auto o = r.object(v, path);
  if (!o) return tl::unexpected(o.error());
  if (auto ok = r.only_keys(**o, path,
                            {"code", "name", "kind", "place", "address", "phone", "email", "office_hours"});
      !ok) {
    return tl::unexpected(ok.error());
  }
  Agency a;
  std::array<std::pair<std::string_view, std::string*>, 8> fields{{{"code", &a.code},
                                                                   {"name", &a.name},
                                                                   {"place", &a.place_code},
                                                                   {"address", &a.address},
                                                                   {"phone", &a.phone},
                                                                   {"email", &a.email},
                                                                   {"office_hours", &a.office_hours},
                                                                   {"kind", &a.kind}}};
  for (auto& [key, target] : fields) {
    const bool required = key == "code" || key == "name" || key == "place";
    auto value = key == "kind" ? kind_at(r, **o, path) : r.string(**o, path, key, required);
    if (!value) return tl::unexpected(value.error());
    *target = std::move(*value);
  }
  if (!valid_code(a.code)) {
    return r.error(JsonReader::join(path, "code"), shown(a.code) + " is not an agency code (A-Z, 0-9, '-')");
  }
  if (!places.contains(a.place_code))
    return r.error(JsonReader::join(path, "place"), "no place " + shown(a.place_code));
  return a;
}

}  // namespace

Result<std::vector<Agency>> parse_agencies(std::string_view json_text, std::string_view origin,
                                           const std::vector<Place>& places) {
  const JsonReader r(origin);
  json::error_code ec;
  const json::value root = parse_json(json_text, ec);
  if (ec) return fail(ErrorCode::kMalformedJson, std::string(origin) + ": not valid JSON: " + ec.message());
  if (!root.is_object()) return r.error("", "top level must be an object, not " + json_type_name(root));
  const json::object& o = root.as_object();
  if (auto ok = r.only_keys(o, "", {"generated", "listed"}); !ok) return tl::unexpected(ok.error());
  auto out = generate(r, o, places);
  if (!out) return out;
  std::map<std::string, std::size_t> index;  // code -> position in out
  for (std::size_t i = 0; i < out->size(); ++i) {
    if (!index.emplace((*out)[i].code, i).second) {
      return r.error("generated", "two templates make the code " + shown((*out)[i].code));
    }
  }
  std::map<std::string, const Place*> by_code;
  for (const auto& p : places) by_code.emplace(p.code, &p);
  auto listed = r.array(o, "", "listed", true);
  if (!listed) return tl::unexpected(listed.error());
  std::map<std::string, std::string> listed_at;  // code -> path
  for (std::size_t i = 0; i < (*listed)->size(); ++i) {
    const std::string path = JsonReader::index("listed", i);
    auto a = listed_agency(r, (**listed)[i], path, by_code);
    if (!a) return tl::unexpected(a.error());
    if (auto [earlier, inserted] = listed_at.emplace(a->code, path); !inserted) {
      return r.error(JsonReader::join(path, "code"),
                     "duplicate " + shown(a->code) + " (also " + earlier->second + ")");
    }
    auto it = index.find(a->code);
    if (it == index.end()) {
      index.emplace(a->code, out->size());
      out->push_back(std::move(*a));
      continue;
    }
    Agency& generated = (*out)[it->second];
    if (generated.kind != a->kind || generated.place_code != a->place_code) {
      return r.error(JsonReader::join(path, "code"), shown(a->code) + " is generated as a " + generated.kind +
                                                         " of " + generated.place_code +
                                                         "; a listed entry may only add its details");
    }
    generated = std::move(*a);
  }
  return out;
}

Result<std::vector<Agency>> load_agencies(const std::filesystem::path& pack_dir,
                                          const std::vector<Place>& places) {
  const auto path = pack_dir / "agencies" / "agencies.json";
  std::ifstream in(path, std::ios::binary);
  if (!in) return fail(ErrorCode::kInvalidArgument, "cannot read " + path.string(), "pack.dir");
  std::stringstream text;
  text << in.rdbuf();
  return parse_agencies(text.str(), path.string(), places);
}

}  // namespace sen::places
