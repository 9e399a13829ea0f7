#include "opendata/catalogue_file.hpp"

#include <boost/json.hpp>
#include <fstream>
#include <sstream>

#include "analytics/metadata_file.hpp"
#include "core/json_parse.hpp"
#include "core/json_reader.hpp"
#include "opendata/dataset_json.hpp"

namespace sen::opendata {

namespace json = boost::json;

const Theme* PackCatalogue::theme(std::string_view id) const {
  for (const auto& t : themes)
    if (t.id == id) return &t;
  return nullptr;
}

const Licence* PackCatalogue::licence(std::string_view id) const {
  for (const auto& l : licences)
    if (l.id == id) return &l;
  return nullptr;
}

Result<PackCatalogue> read_pack_catalogue(std::string_view json_text, std::string_view origin,
                                          const analytics::Metadata& meta,
                                          const std::function<bool(const std::string&)>& is_agency) {
  const JsonReader r(origin);
  boost::system::error_code ec;
  auto root = parse_json(json_text, ec);
  if (ec) return r.error("", "not JSON: " + ec.message());
  auto o = r.object(root, "");
  if (!o) return tl::unexpected(o.error());
  if (auto ok = r.only_keys(**o, "", {"notes", "title", "description", "themes", "licences", "live"}); !ok)
    return tl::unexpected(ok.error());
  PackCatalogue out;
  auto title = analytics::read_text(r, **o, "", "title");
  if (!title) return tl::unexpected(title.error());
  out.title = *title;
  auto description = analytics::read_text(r, **o, "", "description");
  if (!description) return tl::unexpected(description.error());
  out.description = *description;

  const auto each = [&](std::string_view key, auto&& part) -> Status {
    auto arr = r.array(**o, "", key, true);
    if (!arr) return tl::unexpected(arr.error());
    for (std::size_t i = 0; i < (*arr)->size(); ++i) {
      const std::string path = JsonReader::index(std::string(key), i);
      auto item = r.object((**arr)[i], path);
      if (!item) return tl::unexpected(item.error());
      if (auto ok = part(**item, path); !ok) return ok;
    }
    return {};
  };
  auto themes = each("themes", [&](const json::object& t, const std::string& path) -> Status {
    if (auto ok = r.only_keys(t, path, {"id", "title"}); !ok) return ok;
    auto id = r.string(t, path, "id", true);
    if (!id) return tl::unexpected(id.error());
    if (!valid_dataset_name(*id))
      return r.error(JsonReader::join(path, "id"), "must be 2-100 of a-z, 0-9 and -");
    if (out.theme(*id)) return r.error(JsonReader::join(path, "id"), "duplicate theme " + *id);
    auto name = analytics::read_text(r, t, path, "title");
    if (!name) return tl::unexpected(name.error());
    out.themes.push_back(Theme{*id, *name});
    return {};
  });
  if (!themes) return tl::unexpected(themes.error());
  auto licences = each("licences", [&](const json::object& l, const std::string& path) -> Status {
    if (auto ok = r.only_keys(l, path, {"id", "title", "url"}); !ok) return ok;
    Licence licence;
    for (auto [key, into] :
         {std::pair{"id", &licence.id}, std::pair{"title", &licence.title}, std::pair{"url", &licence.url}}) {
      auto s = r.string(l, path, key, true);
      if (!s) return tl::unexpected(s.error());
      *into = *s;
    }
    if (out.licence(licence.id))
      return r.error(JsonReader::join(path, "id"), "duplicate licence " + licence.id);
    out.licences.push_back(std::move(licence));
    return {};
  });
  if (!licences) return tl::unexpected(licences.error());
  auto live = each("live", [&](const json::object& d, const std::string& path) -> Status {
    std::vector<std::string_view> allowed(std::begin(kMetaMembers), std::end(kMetaMembers));
    allowed.insert(allowed.end(), std::begin(kLiveMembers), std::end(kLiveMembers));
    for (const auto& kv : d)
      if (!names_contain(JsonNames(allowed.data(), allowed.size()), kv.key()))
        return r.error(JsonReader::join(path, kv.key()), "unknown field");
    Dataset dataset;
    dataset.kind = DatasetKind::kLive;
    auto m = read_meta(r, d, path);
    if (!m) return tl::unexpected(m.error());
    dataset.meta = std::move(*m);
    auto l = read_live(r, d, path);
    if (!l) return tl::unexpected(l.error());
    dataset.live = *l;
    const auto* ind = meta.indicator(l->indicator);
    if (ind == nullptr)
      return r.error(JsonReader::join(path, "indicator"), "unknown indicator " + l->indicator);
    if (!ind->published)
      return r.error(JsonReader::join(path, "indicator"), "indicator " + l->indicator + " is not published");
    if (!out.theme(dataset.meta.theme))
      return r.error(JsonReader::join(path, "theme"), "unknown theme " + dataset.meta.theme);
    if (!out.licence(dataset.meta.licence))
      return r.error(JsonReader::join(path, "licence"), "unknown licence " + dataset.meta.licence);
    if (!is_agency(dataset.meta.publisher))
      return r.error(JsonReader::join(path, "publisher"), "unknown agency " + dataset.meta.publisher);
    for (const auto& earlier : out.live)
      if (earlier.meta.name == dataset.meta.name)
        return r.error(JsonReader::join(path, "name"), "duplicate dataset " + dataset.meta.name);
    out.live.push_back(std::move(dataset));
    return {};
  });
  if (!live) return tl::unexpected(live.error());
  return out;
}

Result<PackCatalogue> load_pack_catalogue(const std::filesystem::path& file, const analytics::Metadata& meta,
                                          const std::function<bool(const std::string&)>& is_agency) {
  std::ifstream in(file, std::ios::binary);
  if (!in) return fail(ErrorCode::kInvalidArgument, "cannot read " + file.string(), "pack_dir");
  std::stringstream text;
  text << in.rdbuf();
  const std::string origin = file.string();
  return read_pack_catalogue(text.str(), origin, meta, is_agency);
}

}  // namespace sen::opendata
