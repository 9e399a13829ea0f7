// Dossiers: the applicant's drafts, documents and submission; officials' queue and actions; results,
// receipts, payments and ratings. Handlers only translate; the parts of DossierService decide.
#include <fmt/format.h>

#include <algorithm>
#include <array>
#include <boost/json.hpp>
#include <charconv>
#include <chrono>

#include "calendar/working_calendar.hpp"
#include "core/text_fold.hpp"
#include "http/api.hpp"
#include "http/api_support.hpp"
#include "http/authentication.hpp"
#include "http/payment_callback.hpp"
#include "http/table_export.hpp"
#include "services/dossier_service.hpp"
#include "services/personal_data.hpp"

namespace sen::http {
namespace {

namespace json = boost::json;

template <class F>
Response signed_in(const ApiContext& ctx, const Request& r, F&& f) {
  auto who = authenticate(r, ctx.accounts, &ctx.write_limiter);
  if (!who) return error_response(who.error(), r);
  return f(*who);
}

Response reply(const Result<json::object>& v, const Request& r, int status = 200) {
  if (!v) return error_response(v.error(), r);
  return json_response(*v, status);
}

// A paper as a download, or with ?disposition=inline to be read in a frame of our own pages (an
// official reads the applicant's papers and the result before acting). Inline, the response may be
// framed by this origin only and loads nothing itself; the files are sniffed PDFs and images.
Response download(Result<services::Download> d, const Request& r) {
  const auto disposition = r.query_param("disposition").value_or("attachment");
  if (disposition != "attachment" && disposition != "inline") {
    return error_response(
        Error{ErrorCode::kInvalidArgument, "disposition must be attachment or inline", "disposition"}, r);
  }
  if (!d) return error_response(d.error(), r);
  Response out{200, d->content_type, {}, {}};
  if (auto* bytes = std::get_if<std::string>(&d->content)) {
    out.body = std::move(*bytes);
  } else {
    out.file = std::get<FileLocation>(std::move(d->content));
  }
  out.headers.push_back(
      {"Content-Disposition", fmt::format("{}; filename=\"{}\"", disposition, d->file_name)});
  out.headers.push_back({"Cache-Control", "private, no-store"});
  if (disposition == "inline") {
    out.headers.push_back({"X-Frame-Options", "SAMEORIGIN"});
    out.headers.push_back({"Content-Security-Policy", "default-src 'none'; frame-ancestors 'self'"});
  }
  return out;
}

std::string code_of(const Request& r) { return std::string(r.path_param("code")); }

constexpr std::size_t kMaxQueryTextChars = 100;

enum class ListUse { kPage, kExport };

// The dossier list's query: every parameter known and every value valid, or a 400 naming it. A page
// takes `limit` and `cursor`; an export takes every page, in `format` and `lang`.
Result<services::DossierListFilter> parse_list_query(const Request& r, ListUse use) {
  static constexpr std::string_view kFilters[] = {"scope",     "status",         "procedure",    "overdue",
                                                  "due_today", "submitted_from", "submitted_to", "q"};
  const auto extra = use == ListUse::kPage ? std::span(kPagingParams) : std::span(kExportParams);
  if (auto ok = check_query_names(r, {kFilters, extra}); !ok) return tl::unexpected(ok.error());
  services::DossierListFilter f;
  const auto scope = r.query_param("scope").value_or("mine");
  if (scope != "mine" && scope != "all" && !scope.empty())
    return fail(ErrorCode::kInvalidArgument, "scope must be mine or all", "scope");
  f.all = scope == "all";
  if (const auto status = r.query_param("status"); status && !status->empty()) {
    f.status = services::parse_status(*status);
    if (!f.status) return fail(ErrorCode::kInvalidArgument, "status is not a dossier status", "status");
  }
  f.procedure = std::string(r.query_param("procedure").value_or(""));
  auto overdue = flag_param(r, "overdue");
  if (!overdue) return tl::unexpected(overdue.error());
  f.overdue = *overdue;
  auto due_today = flag_param(r, "due_today");
  if (!due_today) return tl::unexpected(due_today.error());
  f.due_today = *due_today;
  auto from = day_param(r, "submitted_from");
  if (!from) return tl::unexpected(from.error());
  f.submitted_from = *from;
  auto to = day_param(r, "submitted_to");
  if (!to) return tl::unexpected(to.error());
  f.submitted_to = *to;
  f.text = std::string(r.query_param("q").value_or(""));
  if (utf8_length(f.text) > kMaxQueryTextChars) {
    return fail(ErrorCode::kInvalidArgument,
                fmt::format("q must be at most {} characters", kMaxQueryTextChars), "q");
  }
  auto page = parse_page_request(r);
  if (!page) return tl::unexpected(page.error());
  f.limit = page->limit;
  if (!page->after.empty()) {
    auto key = services::decode_list_key(page->after);
    if (!key) return tl::unexpected(key.error());
    f.after = std::move(*key);
  }
  return f;
}

// The members a new dossier shares online and at the counter, checked by the caller.
services::DraftInput draft_input(const boost::json::object& body) {
  services::DraftInput in;
  in.procedure = string_member(body, "procedure");
  in.place = string_member(body, "place");
  if (body.contains("channel")) in.channel = string_member(body, "channel");
  in.contact_email = string_member(body, "contact_email");
  if (const auto* form = body.if_contains("form")) in.form = *form;
  if (const auto* submit = body.if_contains("submit")) in.submit = submit->as_bool();
  return in;
}

}  // namespace

void add_dossier_routes(Router& router, const ApiContext& ctx) {
  auto& svc = ctx.dossiers;
  router.add({"POST", "/api/v1/dossiers", [&ctx, &svc](const Request& r) {
                return signed_in(ctx, r, [&](const identity::Principal& who) {
                  auto body = parse_json_object_body(r);
                  if (!body) return error_response(body.error(), r);
                  if (auto s = check_members(*body, {{"procedure", JsonKind::kString, true},
                                                     {"place", JsonKind::kString, true},
                                                     {"channel", JsonKind::kString},
                                                     {"contact_email", JsonKind::kString},
                                                     {"form", JsonKind::kObject},
                                                     {"submit", JsonKind::kBool}});
                      !s) {
                    return error_response(s.error(), r);
                  }
                  return reply(svc.drafts.create_draft(who, draft_input(*body), origin_of(r, &who)), r, 201);
                });
              }});
  // A receiving officer registers a dossier brought to the counter in person or by post.
  router.add({"POST", "/api/v1/counter/dossiers", [&ctx, &svc](const Request& r) {
                return signed_in(ctx, r, [&](const identity::Principal& who) {
                  auto body = parse_json_object_body(r);
                  if (!body) return error_response(body.error(), r);
                  if (auto s = check_members(*body, {{"procedure", JsonKind::kString, true},
                                                     {"place", JsonKind::kString, true},
                                                     {"channel", JsonKind::kString, true},
                                                     {"applicant", JsonKind::kObject, true},
                                                     {"contact_email", JsonKind::kString},
                                                     {"form", JsonKind::kObject},
                                                     {"submit", JsonKind::kBool}});
                      !s) {
                    return error_response(s.error(), r);
                  }
                  const auto& applicant = body->at("applicant").as_object();
                  if (auto s = check_members(
                          applicant,
                          {{"id_number", JsonKind::kString, true}, {"name", JsonKind::kString, true}},
                          "applicant.");
                      !s) {
                    return error_response(s.error(), r);
                  }
                  const services::CounterInput in{draft_input(*body), string_member(applicant, "id_number"),
                                                  string_member(applicant, "name")};
                  return reply(svc.drafts.create_at_counter(who, in, origin_of(r, &who)), r, 201);
                });
              }});
  router.add({"GET", "/api/v1/dossiers", [&ctx, &svc](const Request& r) {
                return signed_in(ctx, r, [&](const identity::Principal& who) {
                  auto filter = parse_list_query(r, ListUse::kPage);
                  if (!filter) return error_response(filter.error(), r);
                  auto page = svc.reads.list(who, *filter);
                  if (page && (*page)["next"].is_string())
                    (*page)["next"] = encode_cursor(std::string((*page)["next"].get_string()));
                  return reply(page, r);
                });
              }});
  router.add({"GET", "/api/v1/dossiers/export", [&ctx, &svc](const Request& r) {
                return signed_in(ctx, r, [&](const identity::Principal& who) {
                  auto filter = parse_list_query(r, ListUse::kExport);
                  if (!filter) return error_response(filter.error(), r);
                  auto format = table_format_param(r);
                  if (!format) return error_response(format.error(), r);
                  auto lang = language_param(r);
                  if (!lang) return error_response(lang.error(), r);
                  return table_download(svc.reads.list_table(who, *filter, *lang, ctx.export_max_rows),
                                        *format, "ho-so", ctx.scratch_dir, r);
                });
              }});
  router.add({"GET", "/api/v1/dossiers/{code}/control-sheet", [&ctx, &svc](const Request& r) {
                return signed_in(ctx, r, [&](const identity::Principal& who) {
                  if (auto ok = check_query_names(r, {kExportParams}); !ok)
                    return error_response(ok.error(), r);
                  auto format = table_format_param(r);
                  if (!format) return error_response(format.error(), r);
                  auto lang = language_param(r);
                  if (!lang) return error_response(lang.error(), r);
                  const auto code = code_of(r);
                  return table_download(svc.reads.control_sheet_table(who, code, *lang), *format,
                                        "phieu-kiem-soat-" + code, ctx.scratch_dir, r);
                });
              }});
  router.add({"GET", "/api/v1/dossiers/{code}", [&ctx, &svc](const Request& r) {
                return signed_in(ctx, r, [&](const identity::Principal& who) {
                  return reply(svc.reads.get(who, code_of(r), origin_of(r, &who)), r);
                });
              }});
  // Polled by clients: answered on the network thread when both the caller and the dossier are in
  // memory.
  Route status{"GET", "/api/v1/dossiers/{code}/status", [&ctx, &svc](const Request& r) {
                 return signed_in(ctx, r, [&](const identity::Principal& who) {
                   return reply(svc.reads.status_of(who, code_of(r)), r);
                 });
               }};
  status.from_memory = [&ctx, &svc](const Request& r) -> std::optional<Response> {
    auto who = authenticate_from_memory(r, ctx.accounts);
    if (!who) return std::nullopt;
    auto answer = svc.reads.status_from_memory(*who, code_of(r));
    if (!answer) return std::nullopt;
    return reply(*answer, r);
  };
  router.add(std::move(status));
  router.add({"PUT", "/api/v1/dossiers/{code}/form", [&ctx, &svc](const Request& r) {
                return signed_in(ctx, r, [&](const identity::Principal& who) {
                  auto body = parse_json_object_body(r);
                  if (!body) return error_response(body.error(), r);
                  if (auto s = check_members(
                          *body, {{"form", JsonKind::kObject, true}, {"contact_email", JsonKind::kString}});
                      !s) {
                    return error_response(s.error(), r);
                  }
                  const auto* form = body->if_contains("form");
                  std::string email;
                  const bool has_email = body->contains("contact_email");
                  if (has_email) email = string_member(*body, "contact_email");
                  return reply(svc.drafts.update_form(who, code_of(r), *form, has_email ? &email : nullptr,
                                                      origin_of(r, &who)),
                               r);
                });
              }});
  Route upload{"PUT", "/api/v1/dossiers/{code}/documents/{component}", [&ctx, &svc](const Request& r) {
                 return signed_in(ctx, r, [&](const identity::Principal& who) {
                   return reply(
                       svc.drafts.put_document(who, code_of(r), std::string(r.path_param("component")),
                                               r.body, origin_of(r, &who)),
                       r);
                 });
               }};
  upload.body_limit = ctx.upload_limit_bytes;
  router.add(std::move(upload));
  router.add({"GET", "/api/v1/dossiers/{code}/documents/{component}", [&ctx, &svc](const Request& r) {
                return signed_in(ctx, r, [&](const identity::Principal& who) {
                  return download(
                      svc.drafts.read_document(who, code_of(r), std::string(r.path_param("component")),
                                               origin_of(r, &who)),
                      r);
                });
              }});
  router.add({"DELETE", "/api/v1/dossiers/{code}/documents/{component}", [&ctx, &svc](const Request& r) {
                return signed_in(ctx, r, [&](const identity::Principal& who) {
                  auto done = svc.drafts.delete_document(
                      who, code_of(r), std::string(r.path_param("component")), origin_of(r, &who));
                  if (!done) return error_response(done.error(), r);
                  return Response{204, "application/json", "", {}};
                });
              }});
  router.add({"POST", "/api/v1/dossiers/{code}/documents/{component}/reuse", [&ctx, &svc](const Request& r) {
                return signed_in(ctx, r, [&](const identity::Principal& who) {
                  auto body = parse_json_object_body(r);
                  if (!body) return error_response(body.error(), r);
                  if (auto s = check_members(*body, {{"result", JsonKind::kString, true}}); !s)
                    return error_response(s.error(), r);
                  return reply(
                      svc.drafts.reuse_document(who, code_of(r), std::string(r.path_param("component")),
                                                string_member(*body, "result"), origin_of(r, &who)),
                      r);
                });
              }});
  router.add({"POST", "/api/v1/dossiers/{code}/submit", [&ctx, &svc](const Request& r) {
                return signed_in(ctx, r, [&](const identity::Principal& who) {
                  return reply(svc.drafts.submit(who, code_of(r), origin_of(r, &who)), r);
                });
              }});
  router.add({"POST", "/api/v1/dossiers/{code}/actions", [&ctx, &svc](const Request& r) {
                return signed_in(ctx, r, [&](const identity::Principal& who) {
                  auto body = parse_json_object_body(r);
                  if (!body) return error_response(body.error(), r);
                  if (auto s = check_members(*body, {{"action", JsonKind::kString, true},
                                                     {"comment", JsonKind::kString},
                                                     {"target_agency", JsonKind::kString}});
                      !s) {
                    return error_response(s.error(), r);
                  }
                  const services::ActionInput in{string_member(*body, "action"),
                                                 string_member(*body, "comment"),
                                                 string_member(*body, "target_agency")};
                  return reply(svc.workflow.act(who, code_of(r), in, origin_of(r, &who)), r);
                });
              }});
  router.add({"GET", "/api/v1/dossiers/{code}/receipt", [&ctx, &svc](const Request& r) {
                return signed_in(ctx, r, [&](const identity::Principal& who) {
                  return download(svc.results.receipt(who, code_of(r)), r);
                });
              }});
  router.add({"GET", "/api/v1/dossiers/{code}/result", [&ctx, &svc](const Request& r) {
                return signed_in(ctx, r, [&](const identity::Principal& who) {
                  return download(svc.results.result(who, code_of(r)), r);
                });
              }});
  router.add({"GET", "/api/v1/dossiers/{code}/result-preview", [&ctx, &svc](const Request& r) {
                return signed_in(ctx, r, [&](const identity::Principal& who) {
                  return download(svc.results.result_preview(who, code_of(r)), r);
                });
              }});
  router.add({"POST", "/api/v1/dossiers/{code}/result/revoke", [&ctx, &svc](const Request& r) {
                return signed_in(ctx, r, [&](const identity::Principal& who) {
                  auto body = parse_json_object_body(r);
                  if (!body) return error_response(body.error(), r);
                  if (auto s = check_members(*body, {{"comment", JsonKind::kString, true}}); !s)
                    return error_response(s.error(), r);
                  return reply(svc.workflow.revoke_result(who, code_of(r), string_member(*body, "comment"),
                                                          origin_of(r, &who)),
                               r);
                });
              }});
  router.add(
      {"GET", "/api/v1/dossiers/{code}/payment/qr.svg", [&ctx, &svc](const Request& r) {
         return signed_in(ctx, r, [&](const identity::Principal& who) {
           auto svg = svc.payments.payment_qr_svg(who, code_of(r));
           if (!svg) return error_response(svg.error(), r);
           return Response{200, "image/svg+xml", std::move(*svg), {{"Cache-Control", "private, no-store"}}};
         });
       }});
  router.add({"GET", "/api/v1/dossiers/{code}/payment/receipt", [&ctx, &svc](const Request& r) {
                return signed_in(ctx, r, [&](const identity::Principal& who) {
                  return download(svc.payments.payment_receipt(who, code_of(r)), r);
                });
              }});
  router.add({"POST", "/api/v1/dossiers/{code}/rating", [&ctx, &svc](const Request& r) {
                return signed_in(ctx, r, [&](const identity::Principal& who) {
                  auto body = parse_json_object_body(r);
                  if (!body) return error_response(body.error(), r);
                  if (auto s = check_members(
                          *body, {{"score", JsonKind::kInteger, true}, {"comment", JsonKind::kString}});
                      !s) {
                    return error_response(s.error(), r);
                  }
                  const auto* score = body->if_contains("score");
                  if (!score->is_int64()) {
                    return error_response(
                        Error{ErrorCode::kInvalidArgument, "score must be 1 to 5", "score", {}}, r);
                  }
                  return reply(svc.workflow.rate(who, code_of(r), static_cast<int>(score->as_int64()),
                                                 string_member(*body, "comment"), origin_of(r, &who)),
                               r, 201);
                });
              }});
  router.add({"GET", "/api/v1/me/results", [&ctx, &svc](const Request& r) {
                return signed_in(ctx, r, [&](const identity::Principal& who) {
                  return reply(svc.reads.my_results(who), r);
                });
              }});
  // Who read the caller's dossiers, newest first.
  router.add({"GET", "/api/v1/me/dossier-reads", [&ctx, &svc](const Request& r) {
                return signed_in(ctx, r, [&](const identity::Principal& who) {
                  if (auto ok = check_query_names(r, {kPagingParams}); !ok)
                    return error_response(ok.error(), r);
                  auto page = parse_page_request(r);
                  if (!page) return error_response(page.error(), r);
                  auto reads = svc.readers.of_applicant(who, page->after, page->limit);
                  if (!reads) return error_response(reads.error(), r);
                  json::array items;
                  for (const auto& x : reads->items) items.push_back(services::to_json(x));
                  return json_response(json::object{
                      {"items", std::move(items)},
                      {"total", reads->total},
                      {"next", reads->next ? json::value(encode_cursor(*reads->next)) : nullptr}});
                });
              }});
  router.add({"GET", "/api/v1/me/dossier-reads/export", [&ctx, &svc](const Request& r) {
                return signed_in(ctx, r, [&](const identity::Principal& who) {
                  if (auto ok = check_query_names(r, {kExportParams}); !ok)
                    return error_response(ok.error(), r);
                  auto format = table_format_param(r);
                  if (!format) return error_response(format.error(), r);
                  auto lang = language_param(r);
                  if (!lang) return error_response(lang.error(), r);
                  return table_download(svc.readers.table(who, *lang, ctx.export_max_rows), *format,
                                        "ai-da-xem-ho-so", ctx.scratch_dir, r);
                });
              }});
  // Everything held about the caller, as one JSON file.
  router.add({"GET", "/api/v1/me/data", [&ctx, &svc](const Request& r) {
                return signed_in(ctx, r, [&](const identity::Principal& who) {
                  if (auto ok = check_query_names(r, {}); !ok) return error_response(ok.error(), r);
                  auto data = services::personal_data(svc, ctx.accounts, who, ctx.export_max_rows);
                  if (!data) return error_response(data.error(), r);
                  Response res = json_response(*data);
                  res.headers.emplace_back("Content-Disposition",
                                           "attachment; filename=\"du-lieu-cua-toi.json\"");
                  return res;
                });
              }});
  router.add({"GET", "/api/v1/notifications", [&ctx, &svc](const Request& r) {
                return signed_in(ctx, r, [&](const identity::Principal& who) {
                  auto lang = language_param(r);
                  if (!lang) return error_response(lang.error(), r);
                  auto page = parse_page_request(r);
                  if (!page) return error_response(page.error(), r);
                  auto found = svc.reads.notifications(who, *lang, *page);
                  if (!found) return error_response(found.error(), r);
                  return json_response(
                      json::object{{"items", std::move(found->items)},
                                   {"unread", found->unread},
                                   {"next", found->next_after ? json::value(encode_cursor(*found->next_after))
                                                              : json::value(nullptr)}});
                });
              }});
  router.add({"POST", "/api/v1/notifications/{id}/read", [&ctx, &svc](const Request& r) {
                return signed_in(ctx, r, [&](const identity::Principal& who) {
                  const auto text = r.path_param("id");
                  std::int64_t id = 0;
                  auto [ptr, ec] = std::from_chars(text.data(), text.data() + text.size(), id);
                  if (ec != std::errc() || ptr != text.data() + text.size()) {
                    return error_response(Error{ErrorCode::kNotFound, "No such notification", "id", {}}, r);
                  }
                  auto done = svc.reads.mark_notification_read(who, id);
                  if (!done) return error_response(done.error(), r);
                  return Response{204, "application/json", "", {}};
                });
              }});
}

void add_public_service_routes(Router& router, const ApiContext& ctx) {
  auto& svc = ctx.dossiers;
  router.add({"GET", "/api/v1/track", [&ctx, &svc](const Request& r) {
                // Guessing identity numbers for a known code is throttled like logins.
                if (auto admitted = admit({{ctx.client_limiter, "track:" + r.remote}}, "lookups"); !admitted)
                  return error_response(admitted.error(), r);
                return reply(svc.reads.track(std::string(r.query_param("code").value_or("")),
                                             std::string(r.query_param("id_number").value_or(""))),
                             r);
              }});
  Route verify{"POST", "/api/v1/verify",
               [&svc](const Request& r) { return reply(svc.results.verify(r.body), r); }};
  verify.body_limit = ctx.upload_limit_bytes;
  router.add(std::move(verify));
  router.add({"POST", "/api/v1/payments/callback", [&ctx, &svc](const Request& r) {
                auto confirmation = read_payment_callback(r, ctx.payment_gateway, ctx.clock);
                if (!confirmation) return error_response(confirmation.error(), r);
                return reply(svc.payments.confirm_payment(*confirmation), r);
              }});
  router.add({"GET", "/api/v1/pki/ca.pem", [&ctx](const Request& r) {
                auto anchors = ctx.credentials.trust_anchors_pem();
                if (!anchors) return error_response(anchors.error(), r);
                std::string pem;
                for (const auto& a : *anchors) pem += a;
                if (pem.empty())
                  return error_response(Error{ErrorCode::kNotFound, "No platform CA yet", "", {}}, r);
                return Response{200, "application/x-pem-file", std::move(pem), {}};
              }});
}

}  // namespace sen::http
