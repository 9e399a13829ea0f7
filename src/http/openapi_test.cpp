#include <gtest/gtest.h>

#include <boost/json.hpp>
#include <set>

#include "core/clock.hpp"
#include "http/api.hpp"
#include "storage/migrations.hpp"
#include "storage/testing/test_database.hpp"

namespace sen::http {
namespace {

std::string lower(std::string s) {
  for (auto& c : s) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  return s;
}

// Fails when a route is registered without being described, or described without existing.
TEST(OpenApi, DescribesExactlyTheRegisteredRoutes) {
  auto t = storage::testing::make_test_database(storage::testing::Backend::kSqlite);
  ASSERT_TRUE(t);
  SystemClock clock;
  ASSERT_TRUE(storage::apply_migrations(*(*t)->db, clock));
  places::PlaceRepository places(*(*t)->db);
  auto directory = places::PlaceDirectory::load(places);
  ASSERT_TRUE(directory);
  calendar::WorkingCalendar cal;
  Metrics metrics;
  const identity::IdentityNumberVault ids(std::string(32, 'i'));
  identity::AccountService accounts(*(*t)->db, clock, ids, AuthConfig{});
  MemoryRateLimiter limiter(10, std::chrono::seconds(60), clock);
  identity::Authorizer authorizer([](const std::string&) { return std::optional<std::string>(); });
  services::ProcedureCatalog catalog(*(*t)->db, clock);
  services::FileStore files(std::filesystem::temp_directory_path());
  pki::CredentialStore credentials(*(*t)->db, clock, std::string(32, 'k'));
  auto renderer = documents::PdfRenderer::create(std::filesystem::path(SEN_SOURCE_DIR) / "packs/vn/fonts");
  ASSERT_TRUE(renderer);
  ServicesConfig services_config;
  services::DossierService dossiers({*(*t)->db, catalog, places, cal, authorizer, clock, files, credentials,
                                     ids, **renderer, services_config});
  assessment::FrameworkRegistry frameworks({});
  AssessmentConfig assessment_config;
  assessment::Assessments assessments(*(*t)->db, frameworks, places, authorizer, clock, assessment_config,
                                      **renderer, files, nullptr);
  assessment::Programme programme;
  assessment::SolutionRegister solutions(*(*t)->db, programme);
  assessment::SupportApplications support(*(*t)->db, assessments, solutions, programme, authorizer, clock);
  assessment::AssessmentAggregates aggregates(*(*t)->db, frameworks, programme);
  assessment::ServiceIndex service_index(*(*t)->db, frameworks);
  storage::Leadership leadership((*t)->config);
  auto brain = analytics::DataBrain::open({*(*t)->db,
                                           leadership,
                                           {{"01", "Hà Nội", "province", "tinh", "VN", {}}},
                                           std::filesystem::path(SEN_SOURCE_DIR) / "packs/vn",
                                           aggregates,
                                           "dbi-sme",
                                           nullptr,
                                           clock,
                                           AnalyticsConfig{}});
  ASSERT_TRUE(brain) << brain.error().message;
  auto open_data = opendata::OpenData::open(
      {*(*t)->db, leadership, clock, std::filesystem::path(SEN_SOURCE_DIR) / "packs/vn", **brain,
       [](const std::string& code) { return code; }, std::filesystem::temp_directory_path(),
       "http://127.0.0.1:8080", "test", OpenDataConfig{}});
  ASSERT_TRUE(open_data) << open_data.error().message;
  ApiContext ctx{*(*t)->db,
                 places,
                 *directory,
                 cal,
                 metrics,
                 accounts,
                 authorizer,
                 limiter,
                 limiter,
                 limiter,
                 3600,
                 nullptr,
                 "",
                 "test",
                 catalog,
                 dossiers,
                 credentials,
                 1024,
                 1024,
                 10,
                 1 << 20,
                 100,
                 std::filesystem::temp_directory_path(),
                 {},
                 clock,
                 frameworks,
                 assessments,
                 programme,
                 solutions,
                 support,
                 aggregates,
                 service_index,
                 10,
                 1024,
                 **brain,
                 **open_data,
                 "http://127.0.0.1:8080"};
  Router router;
  add_all_routes(router, ctx);

  const auto doc = boost::json::parse(openapi_document()).as_object();
  EXPECT_EQ(doc.at("openapi").as_string(), "3.1.0");
  std::set<std::string> documented;
  for (const auto& [path, item] : doc.at("paths").as_object()) {
    for (const auto& [method, op] : item.as_object()) {
      documented.insert(lower(std::string(method)) + " " + std::string(path));
      EXPECT_TRUE(op.as_object().contains("responses")) << path;
    }
  }
  std::set<std::string> registered;
  for (const auto& route : router.routes()) registered.insert(lower(route.method) + " " + route.pattern);
  for (const auto& r : registered) EXPECT_TRUE(documented.contains(r)) << "missing from openapi.json: " << r;
  for (const auto& d : documented)
    EXPECT_TRUE(registered.contains(d)) << "documented but not registered: " << d;
}

}  // namespace
}  // namespace sen::http
