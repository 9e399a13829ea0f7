#pragma once

#include <filesystem>
#include <string>

#include "analytics/data_brain.hpp"
#include "assessment/assessment_aggregates.hpp"
#include "assessment/assessments.hpp"
#include "assessment/framework_registry.hpp"
#include "assessment/programme.hpp"
#include "assessment/service_index.hpp"
#include "assessment/solution_register.hpp"
#include "assessment/support_applications.hpp"
#include "calendar/working_calendar.hpp"
#include "core/rate_limiter.hpp"
#include "http/metrics.hpp"
#include "http/payment_callback.hpp"
#include "http/router.hpp"
#include "identity/account_service.hpp"
#include "identity/authorization.hpp"
#include "identity/oidc_login.hpp"
#include "opendata/open_data.hpp"
#include "pki/credential_store.hpp"
#include "places/place_directory.hpp"
#include "places/place_repository.hpp"
#include "services/dossier_service.hpp"
#include "services/procedure_catalog.hpp"
#include "storage/database.hpp"

namespace sen::http {

// What the API handlers need; owned by the application, outliving the server.
struct ApiContext {
  storage::Database& db;
  places::PlaceRepository& places;
  const places::PlaceDirectory& place_directory;  // every place, in memory
  const calendar::WorkingCalendar& calendar;
  const Metrics& metrics;
  identity::AccountService& accounts;
  const identity::Authorizer& authorizer;
  RateLimiter& client_limiter;   // login and registration attempts per client address
  RateLimiter& account_limiter;  // login attempts per username
  RateLimiter& write_limiter;    // state changes per signed-in account
  int session_max_age_seconds;
  identity::OidcLogin* oidc;  // null when no external provider is configured
  std::string oidc_name;
  std::string version;
  services::ProcedureCatalog& catalog;
  services::DossierService& dossiers;
  pki::CredentialStore& credentials;
  std::size_t upload_limit_bytes;
  std::size_t import_body_limit_bytes;    // auth.import_body_limit_bytes
  std::size_t import_max_rows;            // auth.import_max_rows
  std::size_t import_max_unpacked_bytes;  // auth.import_max_unpacked_bytes
  std::size_t export_max_rows;            // server.export_max_rows
  std::filesystem::path scratch_dir;      // short-lived files (XLSX being written), under the data dir
  PaymentGateway payment_gateway;
  const Clock& clock;  // the services' clock (a test may set it through services.clock_file)
  const assessment::FrameworkRegistry& frameworks;
  assessment::Assessments& assessments;
  const assessment::Programme& programme;
  assessment::SolutionRegister& solutions;
  assessment::SupportApplications& support;
  assessment::AssessmentAggregates& aggregates;
  assessment::ServiceIndex& service_index;
  std::size_t assessment_import_max_rows;          // assessment.import_max_rows
  std::size_t assessment_import_body_limit_bytes;  // assessment.import_body_limit_bytes
  analytics::DataBrain& brain;
  opendata::OpenData& open_data;
  std::string public_url;  // services.public_url: the base of links other systems follow
};

void add_system_routes(Router& router, const ApiContext& ctx);
void add_place_routes(Router& router, const ApiContext& ctx);
void add_calendar_routes(Router& router, const ApiContext& ctx);
void add_auth_routes(Router& router, const ApiContext& ctx);
void add_admin_routes(Router& router, const ApiContext& ctx);
void add_procedure_routes(Router& router, const ApiContext& ctx);
void add_dossier_routes(Router& router, const ApiContext& ctx);
void add_public_service_routes(Router& router, const ApiContext& ctx);
void add_assessment_routes(Router& router, const ApiContext& ctx);
void add_analytics_routes(Router& router, const ApiContext& ctx);
void add_opendata_routes(Router& router, const ApiContext& ctx);

// Every route of the API, in one place.
inline void add_all_routes(Router& router, const ApiContext& ctx) {
  add_system_routes(router, ctx);
  add_place_routes(router, ctx);
  add_calendar_routes(router, ctx);
  add_auth_routes(router, ctx);
  add_admin_routes(router, ctx);
  add_procedure_routes(router, ctx);
  add_dossier_routes(router, ctx);
  add_public_service_routes(router, ctx);
  add_assessment_routes(router, ctx);
  add_analytics_routes(router, ctx);
  add_opendata_routes(router, ctx);
}

// The OpenAPI 3.1 description compiled into the binary (src/http/openapi.json).
std::string_view openapi_document();

}  // namespace sen::http
