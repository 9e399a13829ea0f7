#include "opendata/dcat.hpp"

#include <fmt/format.h>

#include "core/clock.hpp"
#include "opendata/disclosure.hpp"

namespace sen::opendata {

namespace json = boost::json;

namespace {

json::object context() {
  return json::object{
      {"dcat", "http://www.w3.org/ns/dcat#"},      {"dct", "http://purl.org/dc/terms/"},
      {"foaf", "http://xmlns.com/foaf/0.1/"},      {"vcard", "http://www.w3.org/2006/vcard/ns#"},
      {"owl", "http://www.w3.org/2002/07/owl#"},   {"adms", "http://www.w3.org/ns/adms#"},
      {"xsd", "http://www.w3.org/2001/XMLSchema#"}};
}

json::array both(const Text& t) {
  return json::array{json::object{{"@value", t.vi}, {"@language", "vi"}},
                     json::object{{"@value", t.en}, {"@language", "en"}}};
}

json::object date_time(std::chrono::system_clock::time_point t) {
  return json::object{{"@value", format_rfc3339(t)}, {"@type", "xsd:dateTime"}};
}

json::object dataset_node(const DcatSite& site, const Dataset& d) {
  const std::string uri = fmt::format("{}/api/v1/opendata/datasets/{}", site.base_url, d.meta.name);
  const auto latest = site.catalogue.latest(d.meta.name);
  json::array distributions;
  if (latest)
    for (auto [format, media] :
         {std::pair{"csv", "text/csv"}, std::pair{"json", "application/json"},
          std::pair{"xlsx", "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"}}) {
      const std::string url = fmt::format("{}/data.{}", uri, format);
      std::string upper(format);
      std::transform(upper.begin(), upper.end(), upper.begin(),
                     [](unsigned char c) { return std::toupper(c); });
      distributions.push_back(json::object{
          {"@id", url},
          {"@type", "dcat:Distribution"},
          {"dct:title", upper},
          {"dcat:accessURL", json::object{{"@id", url}}},
          {"dcat:downloadURL", json::object{{"@id", url}}},
          {"dcat:mediaType",
           json::object{{"@id", fmt::format("https://www.iana.org/assignments/media-types/{}", media)}}},
          {"dct:format",
           json::object{
               {"@id", fmt::format("http://publications.europa.eu/resource/authority/file-type/{}", upper)}}},
          {"dct:modified", date_time(latest->created_at)},
          {"dct:license",
           json::object{{"@id", site.pack.licence(d.meta.licence) ? site.pack.licence(d.meta.licence)->url
                                                                  : d.meta.licence}}}});
    }
  json::array keywords;
  for (const auto& k : d.meta.keywords) keywords.push_back(json::object{{"@value", k}, {"@language", "vi"}});
  json::object node{
      {"@id", uri},
      {"@type", "dcat:Dataset"},
      {"dct:identifier", d.meta.name},
      {"dct:title", both(d.meta.title)},
      {"dct:description", both(d.meta.description)},
      {"dct:publisher", json::object{{"@id", fmt::format("{}/api/3/action/organization_show?id={}",
                                                         site.base_url, d.meta.publisher)},
                                     {"@type", "foaf:Agent"},
                                     {"foaf:name", site.agency_name(d.meta.publisher)}}},
      {"dcat:contactPoint",
       json::object{{"@type", "vcard:Organization"},
                    {"vcard:fn", site.agency_name(d.meta.publisher)},
                    {"vcard:hasEmail", json::object{{"@id", "mailto:" + d.meta.contact}}}}},
      {"dcat:theme",
       json::object{{"@id", fmt::format("{}/api/3/action/group_show?id={}", site.base_url, d.meta.theme)}}},
      {"dcat:keyword", std::move(keywords)},
      {"dct:spatial",
       json::object{{"@id", fmt::format("{}/api/v1/places/{}", site.base_url, d.meta.spatial)}}},
      {"dct:accrualPeriodicity", json::object{{"@id", frequency_uri(d.meta.frequency)}}},
      {"dct:issued", date_time(d.created_at)},
      {"dct:modified", date_time(latest ? std::max(latest->created_at, d.modified_at) : d.modified_at)},
      {"dct:provenance",
       json::object{{"@type", "dct:ProvenanceStatement"},
                    {"rdfs:label",
                     json::array{json::object{{"@value", method_vi(site.threshold)}, {"@language", "vi"}},
                                 json::object{{"@value", method_en(site.threshold)}, {"@language", "en"}}}}}},
      {"dcat:distribution", std::move(distributions)}};
  if (latest) node["owl:versionInfo"] = std::to_string(latest->number);
  if (!d.meta.temporal_start.empty() || !d.meta.temporal_end.empty())
    node["dct:temporal"] = json::object{{"@type", "dct:PeriodOfTime"},
                                        {"dcat:startDate", d.meta.temporal_start},
                                        {"dcat:endDate", d.meta.temporal_end}};
  return node;
}

}  // namespace

json::object dcat_catalogue(const DcatSite& site) {
  json::array datasets;
  for (const auto& d : site.catalogue.datasets()) datasets.push_back(dataset_node(site, *d));
  auto ctx = context();
  ctx["rdfs"] = "http://www.w3.org/2000/01/rdf-schema#";
  return json::object{
      {"@context", std::move(ctx)},
      {"@id", site.base_url + "/api/v1/opendata/catalog.jsonld"},
      {"@type", "dcat:Catalog"},
      {"dct:title", both(site.pack.title)},
      {"dct:description", both(site.pack.description)},
      {"dct:language",
       json::array{json::object{{"@id", "http://publications.europa.eu/resource/authority/language/VIE"}},
                   json::object{{"@id", "http://publications.europa.eu/resource/authority/language/ENG"}}}},
      {"foaf:homepage", json::object{{"@id", site.base_url + "/#/open-data"}}},
      {"dct:publisher", json::object{{"@type", "foaf:Agent"}, {"foaf:name", site.pack.title.vi}}},
      {"dcat:dataset", std::move(datasets)}};
}

json::object dcat_dataset(const DcatSite& site, const Dataset& d) {
  auto node = dataset_node(site, d);
  auto ctx = context();
  ctx["rdfs"] = "http://www.w3.org/2000/01/rdf-schema#";
  node["@context"] = std::move(ctx);
  return node;
}

}  // namespace sen::opendata
