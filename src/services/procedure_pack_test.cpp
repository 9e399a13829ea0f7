#include "services/procedure_pack.hpp"

#include <gtest/gtest.h>
#include <unistd.h>

#include <algorithm>
#include <boost/json.hpp>
#include <filesystem>
#include <fstream>
#include <functional>
#include <string>

namespace sen::services {
namespace {

namespace json = boost::json;

std::filesystem::path pack_dir() { return std::filesystem::path(SEN_SOURCE_DIR) / "packs/vn/procedures"; }

const std::vector<Procedure>& shipped() {
  static const std::vector<Procedure> procedures = [] {
    auto loaded = load_procedure_directory(pack_dir());
    if (!loaded) {
      ADD_FAILURE() << "cannot load shipped procedures: " << loaded.error().message;
      return std::vector<Procedure>();
    }
    return *loaded;
  }();
  return procedures;
}

const Procedure* find(const std::string& code) {
  for (const auto& p : shipped()) {
    if (p.code == code) return &p;
  }
  return nullptr;
}

// A small valid procedure; each error case below breaks one thing in it.
constexpr const char* kValid = R"({
  "code": "1.001193", "name": "Đăng ký khai sinh", "sector": "Hộ tịch", "level": "commune",
  "agency": "Ủy ban nhân dân cấp xã", "handled_by": {"kind": "people_committee"},
  "applicant_types": ["citizen"], "online_level": "full",
  "channels": [
    {"kind": "direct", "time_limit": {"unit": "same_day", "value": 0, "cutoff_hour": 15}, "fee_vnd": 0},
    {"kind": "online", "time_limit": {"unit": "working_days", "value": 3}, "fee_vnd": 10000, "fee_note": "giảm 50%",
     "rules": [{"province": "31", "effective_from": "2026-08-08", "fee_vnd": 0, "source": "NQ 23/2026"}]}
  ],
  "components": [
    {"id": "birth_certificate", "name": "Giấy chứng sinh", "copy_kind": "original", "reusable_from": ["1.000894"]}
  ],
  "result": "Giấy khai sinh", "result_title": "Giấy khai sinh", "legal_basis": ["Luật Hộ tịch số 60/2014/QH13"],
  "form_schema": {"type": "object", "properties": {"child_full_name": {"type": "string", "title": "Họ và tên"}}},
  "steps": [
    {"id": "receive", "name": "Tiếp nhận", "role": "receiving_officer", "share": 0.2},
    {"id": "assess", "name": "Thẩm định", "role": "processing_officer", "share": 0.5},
    {"id": "approve", "name": "Phê duyệt", "role": "approving_leader", "share": 0.2, "issues_result": true},
    {"id": "return", "name": "Trả kết quả", "role": "receiving_officer", "share": 0.1}
  ],
  "sources": ["Luật Hộ tịch số 60/2014/QH13"],
  "version": 1
})";

json::value valid_json() { return json::parse(kValid); }

Result<Procedure> parse_mutated(const std::function<void(json::object&)>& mutate) {
  json::value v = valid_json();
  mutate(v.as_object());
  return parse_procedure(json::serialize(v), "1.001193.json");
}

json::object& channel(json::object& p, std::size_t i) { return p["channels"].as_array()[i].as_object(); }
json::object& component(json::object& p, std::size_t i) { return p["components"].as_array()[i].as_object(); }
json::object& step(json::object& p, std::size_t i) { return p["steps"].as_array()[i].as_object(); }

class TempDir {
 public:
  TempDir() {
    path_ = std::filesystem::temp_directory_path() /
            ("sen_procedure_test_" + std::to_string(::getpid()) + "_" + std::to_string(counter_++));
    std::filesystem::remove_all(path_);
    std::filesystem::create_directories(path_);
  }
  ~TempDir() {
    std::error_code ec;
    std::filesystem::remove_all(path_, ec);
  }
  TempDir(const TempDir&) = delete;
  TempDir& operator=(const TempDir&) = delete;

  void write(const std::string& name, const std::string& text) const {
    std::ofstream(path_ / name, std::ios::binary) << text;
  }
  const std::filesystem::path& path() const { return path_; }

 private:
  static inline int counter_ = 0;
  std::filesystem::path path_;
};

// The valid procedure under another code and without references to other procedures.
std::string procedure_with_code(const std::string& code) {
  json::value v = valid_json();
  v.as_object()["code"] = code;
  v.as_object()["components"].as_array()[0].as_object()["reusable_from"] = json::array();
  return json::serialize(v);
}

TEST(ProcedurePack, ParsesTheValidExampleWithDefaults) {
  auto p = parse_procedure(kValid, "1.001193.json");
  ASSERT_TRUE(p) << p.error().message;
  EXPECT_EQ(p->code, "1.001193");
  ASSERT_EQ(p->channels.size(), 2u);
  EXPECT_EQ(p->channels[0].time_limit, (TimeLimit{"same_day", 0, 15}));
  EXPECT_EQ(p->channels[1].time_limit, (TimeLimit{"working_days", 3, 15}));
  EXPECT_EQ(p->channels[1].fee_vnd, 10000);
  EXPECT_EQ(p->channels[1].fee_note, "giảm 50%");
  ASSERT_EQ(p->channels[1].rules.size(), 1u);
  EXPECT_EQ(p->channels[1].rules[0].province, "31");
  EXPECT_EQ(p->channels[1].rules[0].fee_vnd, 0);
  EXPECT_FALSE(p->channels[1].rules[0].time_limit);
  EXPECT_FALSE(p->channels[1].rules[0].effective_until);
  EXPECT_TRUE(p->channels[0].rules.empty());
  EXPECT_EQ(p->handled_by.kind, "people_committee");
  EXPECT_TRUE(p->handled_by.overrides.empty());
  ASSERT_EQ(p->components.size(), 1u);
  EXPECT_TRUE(p->components[0].required);
  EXPECT_EQ(p->components[0].form_template, "");
  EXPECT_EQ(p->components[0].accepted_types,
            (std::vector<std::string>{"application/pdf", "image/jpeg", "image/png"}));
  EXPECT_EQ(p->conditions, "");
  EXPECT_EQ(p->source_note, "");
  EXPECT_TRUE(p->form_schema.is_object());
  ASSERT_EQ(p->steps.size(), 4u);
  EXPECT_TRUE(p->steps[2].issues_result);
  EXPECT_FALSE(p->steps[3].issues_result);
  EXPECT_TRUE(p->fully_online());
}

TEST(ProcedurePack, ShippedPackLoadsSortedByCode) {
  const auto& all = shipped();
  ASSERT_GE(all.size(), 14u);
  EXPECT_TRUE(std::is_sorted(all.begin(), all.end(),
                             [](const Procedure& a, const Procedure& b) { return a.code < b.code; }));
  for (const char* code : {"1.001193", "1.004222", "1.004194", "1.000894", "1.000656", "2.000815", "1.001612",
                           "1.009994", "1.001456", "2.001195"}) {
    EXPECT_NE(find(code), nullptr) << code;
  }
}

TEST(ProcedurePack, ShippedBirthRegistrationIsSameDayAndFree) {
  const Procedure* p = find("1.001193");
  ASSERT_NE(p, nullptr);
  EXPECT_EQ(p->level, "commune");
  EXPECT_TRUE(p->fully_online());
  for (const char* kind : {"direct", "online"}) {
    const Channel* c = p->channel(kind);
    ASSERT_NE(c, nullptr) << kind;
    EXPECT_EQ(c->time_limit, (TimeLimit{"same_day", 0, 15})) << kind;
    EXPECT_EQ(c->fee_vnd, 0) << kind;
  }
}

TEST(ProcedurePack, ShippedPermanentResidenceHasReferenceLimitsAndFees) {
  const Procedure* p = find("1.004222");
  ASSERT_NE(p, nullptr);
  EXPECT_EQ(p->level, "commune");
  const Channel* direct = p->channel("direct");
  const Channel* online = p->channel("online");
  ASSERT_NE(direct, nullptr);
  ASSERT_NE(online, nullptr);
  EXPECT_EQ(direct->time_limit.unit, "working_days");
  EXPECT_EQ(direct->time_limit.value, 7);
  EXPECT_EQ(online->time_limit.unit, "working_days");
  EXPECT_EQ(online->time_limit.value, 7);
  EXPECT_EQ(direct->fee_vnd, 20000);
  EXPECT_EQ(online->fee_vnd, 10000);
}

// Data rules the parser does not enforce but the shipped pack must follow.
TEST(ProcedurePack, ShippedProceduresTakeOnlineSubmissionsAndTitleEveryField) {
  for (const auto& p : shipped()) {
    EXPECT_NE(p.channel("online"), nullptr) << p.code;
    EXPECT_FALSE(p.source_note.empty()) << p.code;
    const json::object& schema = p.form_schema.as_object();
    ASSERT_TRUE(schema.contains("properties")) << p.code;
    const json::object& properties = schema.at("properties").as_object();
    EXPECT_GE(properties.size(), 4u) << p.code;
    EXPECT_LE(properties.size(), 12u) << p.code;
    for (const auto& field : properties) {
      const json::value* title = field.value().as_object().if_contains("title");
      EXPECT_TRUE(title != nullptr && title->is_string() && !title->as_string().empty())
          << p.code << " form_schema.properties." << field.key();
    }
    if (const json::value* required = schema.if_contains("required")) {
      for (const auto& name : required->as_array()) {
        EXPECT_TRUE(properties.contains(name.as_string())) << p.code << " requires " << name;
      }
    }
  }
}

// A field drawn from an official list (x-list) offers exactly that list's names, in its order,
// and a default taken from it.
TEST(ProcedurePack, ShippedListFieldsOfferTheOfficialListInOrder) {
  const auto lists_dir = std::filesystem::path(SEN_SOURCE_DIR) / "packs/vn/lists";
  int list_fields = 0;
  for (const auto& p : shipped()) {
    for (const auto& field : p.form_schema.as_object().at("properties").as_object()) {
      const json::object& property = field.value().as_object();
      const json::value* list = property.if_contains("x-list");
      if (list == nullptr) continue;
      ++list_fields;
      const std::string where = p.code + " form_schema.properties." + std::string(field.key());
      std::ifstream in(lists_dir / (std::string(list->as_string()) + ".json"));
      ASSERT_TRUE(in) << where << ": no list " << list->as_string();
      const std::string text((std::istreambuf_iterator<char>(in)), std::istreambuf_iterator<char>());
      const json::value list_file = json::parse(text);
      json::array names;
      for (const auto& item : list_file.at("items").as_array()) names.push_back(item.at("name"));
      ASSERT_TRUE(property.contains("enum")) << where;
      EXPECT_EQ(property.at("enum").as_array(), names) << where;
      if (const json::value* fallback = property.if_contains("default")) {
        EXPECT_NE(std::find(names.begin(), names.end(), *fallback), names.end()) << where;
      }
    }
  }
  EXPECT_GE(list_fields, 4);
}

TEST(ProcedurePack, EveryShippedProcedureRoundTrips) {
  ASSERT_FALSE(shipped().empty());
  for (const auto& p : shipped()) {
    const json::object written = procedure_to_json(p);
    auto again = parse_procedure(json::serialize(written), p.code + ".json");
    ASSERT_TRUE(again) << again.error().message;
    EXPECT_EQ(procedure_to_json(*again), written) << p.code;
    EXPECT_EQ(again->channels, p.channels) << p.code;
    EXPECT_EQ(again->components, p.components) << p.code;
    EXPECT_EQ(again->steps, p.steps) << p.code;
    EXPECT_EQ(again->form_schema, p.form_schema) << p.code;
  }
}

// The fuzzer's find: a form field ordered by 6 followed by 88 zeros. Written back as 6E88, Boost.JSON
// read that as 5.9999999999999994E88, so a stored procedure changed each time it was saved.
TEST(ProcedurePack, ANumberInTheFormSchemaRoundTripsExactly) {
  const std::string huge = "6" + std::string(88, '0');
  std::string text = kValid;
  const std::string title = R"("title": "Họ và tên")";
  text.replace(text.find(title), title.size(), title + R"(, "x-order": )" + huge + R"(, "minimum": 1E-7)");
  auto p = parse_procedure(text, "1.001193.json");
  ASSERT_TRUE(p) << p.error().message;
  const std::string written = json::serialize(procedure_to_json(*p));
  auto again = parse_procedure(written, "1.001193.json");
  ASSERT_TRUE(again) << again.error().message;
  EXPECT_EQ(json::serialize(procedure_to_json(*again)), written);
  EXPECT_EQ(again->form_schema.at("properties").at("child_full_name").at("x-order").as_double(), 6e88);
}

TEST(ProcedurePack, RefusesANumberBeyondADouble) {
  std::string text = kValid;
  const std::string version = R"("version": 1)";
  text.replace(text.find(version), version.size(), R"("version": 1, "x-note": 1e400)");
  auto p = parse_procedure(text, "1.001193.json");
  ASSERT_FALSE(p);
  EXPECT_EQ(p.error().code, ErrorCode::kMalformedJson);
  EXPECT_NE(p.error().message.find("1.001193.json"), std::string::npos) << p.error().message;
}

TEST(ProcedurePack, ErrorNamesFileAndField) {
  auto p = parse_mutated([](json::object& o) { channel(o, 1)["time_limit"].as_object()["unit"] = "hours"; });
  ASSERT_FALSE(p);
  EXPECT_EQ(p.error().code, ErrorCode::kInvalidArgument);
  EXPECT_EQ(
      p.error().message,
      "1.001193.json: channels[1].time_limit.unit: must be one of working_days, calendar_days, same_day");
  EXPECT_EQ(p.error().field, "channels[1].time_limit.unit");
}

struct BadCase {
  const char* what;
  std::function<void(json::object&)> mutate;
  const char* field;
};

TEST(ProcedurePack, RejectsInvalidDefinitions) {
  const BadCase cases[] = {
      {"unknown key", [](json::object& o) { o["fees"] = 1; }, "fees"},
      {"missing name", [](json::object& o) { o.erase("name"); }, "name"},
      {"empty result", [](json::object& o) { o["result"] = ""; }, "result"},
      {"no result title", [](json::object& o) { o.erase("result_title"); }, "result_title"},
      {"result title on two lines", [](json::object& o) { o["result_title"] = "Giấy\nkhai sinh"; },
       "result_title"},
      {"malformed code", [](json::object& o) { o["code"] = "1.1193"; }, "code"},
      {"unknown level", [](json::object& o) { o["level"] = "district"; }, "level"},
      {"version as text", [](json::object& o) { o["version"] = "1"; }, "version"},
      {"version zero", [](json::object& o) { o["version"] = 0; }, "version"},
      {"unknown applicant type", [](json::object& o) { o["applicant_types"] = json::array{"robot"}; },
       "applicant_types[0]"},
      {"no applicant types", [](json::object& o) { o["applicant_types"] = json::array(); },
       "applicant_types"},
      {"repeated applicant type",
       [](json::object& o) {
         o["applicant_types"] = json::array{"citizen", "citizen"};
       },
       "applicant_types[1]"},
      {"unknown online level", [](json::object& o) { o["online_level"] = "level4"; }, "online_level"},
      {"no channels", [](json::object& o) { o["channels"] = json::array(); }, "channels"},
      {"channel not an object", [](json::object& o) { o["channels"].as_array()[0] = "direct"; },
       "channels[0]"},
      {"unknown channel kind", [](json::object& o) { channel(o, 0)["kind"] = "fax"; }, "channels[0].kind"},
      {"repeated channel kind", [](json::object& o) { channel(o, 1)["kind"] = "direct"; },
       "channels[1].kind"},
      {"unknown channel key", [](json::object& o) { channel(o, 0)["fee"] = 1; }, "channels[0].fee"},
      {"missing time limit", [](json::object& o) { channel(o, 0).erase("time_limit"); },
       "channels[0].time_limit"},
      {"same_day with days", [](json::object& o) { channel(o, 0)["time_limit"].as_object()["value"] = 2; },
       "channels[0].time_limit.value"},
      {"zero working days", [](json::object& o) { channel(o, 1)["time_limit"].as_object()["value"] = 0; },
       "channels[1].time_limit.value"},
      {"fractional days", [](json::object& o) { channel(o, 1)["time_limit"].as_object()["value"] = 2.5; },
       "channels[1].time_limit.value"},
      {"cutoff past midnight",
       [](json::object& o) { channel(o, 0)["time_limit"].as_object()["cutoff_hour"] = 24; },
       "channels[0].time_limit.cutoff_hour"},
      {"negative fee", [](json::object& o) { channel(o, 0)["fee_vnd"] = -5; }, "channels[0].fee_vnd"},
      {"no routing", [](json::object& o) { o.erase("handled_by"); }, "handled_by"},
      {"routing kind with capitals", [](json::object& o) { o["handled_by"].as_object()["kind"] = "UBND"; },
       "handled_by.kind"},
      {"override without a province",
       [](json::object& o) {
         o["handled_by"].as_object()["overrides"] = json::array{json::object{{"kind", "x"}}};
       },
       "handled_by.overrides[0].province"},
      {"override twice for one province",
       [](json::object& o) {
         const json::object one{{"province", "31"}, {"kind", "x"}};
         o["handled_by"].as_object()["overrides"] = json::array{one, one};
       },
       "handled_by.overrides[1].province"},
      {"no sources", [](json::object& o) { o["sources"] = json::array(); }, "sources"},
      {"rule date not a date",
       [](json::object& o) {
         channel(o, 1)["rules"].as_array()[0].as_object()["effective_from"] = "2026-02-30";
       },
       "channels[1].rules[0].effective_from"},
      {"rule ends before it starts",
       [](json::object& o) {
         channel(o, 1)["rules"].as_array()[0].as_object()["effective_until"] = "2026-01-01";
       },
       "channels[1].rules[0].effective_until"},
      {"rule province of three digits",
       [](json::object& o) { channel(o, 1)["rules"].as_array()[0].as_object()["province"] = "031"; },
       "channels[1].rules[0].province"},
      {"rule changing nothing",
       [](json::object& o) { channel(o, 1)["rules"].as_array()[0].as_object().erase("fee_vnd"); },
       "channels[1].rules[0]"},
      {"rule without a source",
       [](json::object& o) { channel(o, 1)["rules"].as_array()[0].as_object().erase("source"); },
       "channels[1].rules[0].source"},
      {"rule with an unknown fee",
       [](json::object& o) { channel(o, 1)["rules"].as_array()[0].as_object()["fee_vnd"] = nullptr; },
       "channels[1].rules[0].fee_vnd"},
      {"fractional fee", [](json::object& o) { channel(o, 0)["fee_vnd"] = 1.5; }, "channels[0].fee_vnd"},
      {"huge fee", [](json::object& o) { channel(o, 0)["fee_vnd"] = 18446744073709551615ull; },
       "channels[0].fee_vnd"},
      {"component id with capitals", [](json::object& o) { component(o, 0)["id"] = "Birth-Cert"; },
       "components[0].id"},
      {"repeated component id",
       [](json::object& o) { o["components"].as_array().push_back(o["components"].as_array()[0]); },
       "components[1].id"},
      {"unknown copy kind", [](json::object& o) { component(o, 0)["copy_kind"] = "scan"; },
       "components[0].copy_kind"},
      {"required as text", [](json::object& o) { component(o, 0)["required"] = "yes"; },
       "components[0].required"},
      {"malformed reuse code", [](json::object& o) { component(o, 0)["reusable_from"] = json::array{"abc"}; },
       "components[0].reusable_from[0]"},
      {"unsupported media type",
       [](json::object& o) { component(o, 0)["accepted_types"] = json::array{"image/gif"}; },
       "components[0].accepted_types[0]"},
      {"no media types", [](json::object& o) { component(o, 0)["accepted_types"] = json::array(); },
       "components[0].accepted_types"},
      {"unknown component key", [](json::object& o) { component(o, 0)["mime"] = "x"; }, "components[0].mime"},
      {"no legal basis", [](json::object& o) { o["legal_basis"] = json::array(); }, "legal_basis"},
      {"schema as text", [](json::object& o) { o["form_schema"] = "{}"; }, "form_schema"},
      {"schema as array", [](json::object& o) { o["form_schema"] = json::array(); }, "form_schema"},
      {"missing schema", [](json::object& o) { o.erase("form_schema"); }, "form_schema"},
      {"no steps", [](json::object& o) { o["steps"] = json::array(); }, "steps"},
      {"step id with dash", [](json::object& o) { step(o, 1)["id"] = "as-sess"; }, "steps[1].id"},
      {"repeated step id", [](json::object& o) { step(o, 3)["id"] = "receive"; }, "steps[3].id"},
      {"unknown role", [](json::object& o) { step(o, 1)["role"] = "clerk"; }, "steps[1].role"},
      {"zero share", [](json::object& o) { step(o, 1)["share"] = 0; }, "steps[1].share"},
      {"share as text", [](json::object& o) { step(o, 1)["share"] = "0.5"; }, "steps[1].share"},
      {"shares not summing to 1", [](json::object& o) { step(o, 1)["share"] = 0.4; }, "steps"},
      {"intake not first", [](json::object& o) { step(o, 0)["role"] = "processing_officer"; },
       "steps[0].role"},
      {"no result step", [](json::object& o) { step(o, 2)["issues_result"] = false; }, "steps"},
      {"two result steps",
       [](json::object& o) {
         step(o, 3)["role"] = "approving_leader";
         step(o, 3)["issues_result"] = true;
       },
       "steps[3].issues_result"},
      {"result issued by an officer", [](json::object& o) { step(o, 2)["role"] = "processing_officer"; },
       "steps[2].issues_result"},
  };
  for (const auto& c : cases) {
    auto p = parse_mutated(c.mutate);
    ASSERT_FALSE(p) << c.what;
    EXPECT_EQ(p.error().code, ErrorCode::kInvalidArgument) << c.what;
    EXPECT_EQ(p.error().field, c.field) << c.what << ": " << p.error().message;
    EXPECT_EQ(p.error().message.rfind(std::string("1.001193.json: ") + c.field + ": ", 0), 0u)
        << c.what << ": " << p.error().message;
  }
}

TEST(ProcedurePack, AcceptsSharesWithinTolerance) {
  auto p = parse_mutated([](json::object& o) { step(o, 1)["share"] = 0.5009; });
  EXPECT_TRUE(p) << p.error().message;
}

TEST(ProcedurePack, RejectsBrokenJsonAndNonObjects) {
  auto broken = parse_procedure("{\"code\": ", "x.json");
  ASSERT_FALSE(broken);
  EXPECT_EQ(broken.error().code, ErrorCode::kMalformedJson);
  EXPECT_EQ(broken.error().message.rfind("x.json: ", 0), 0u);

  auto array = parse_procedure("[]", "x.json");
  ASSERT_FALSE(array);
  EXPECT_EQ(array.error().code, ErrorCode::kInvalidArgument);
  EXPECT_EQ(array.error().message, "x.json: top level must be an object, not an array");
}

TEST(ProcedurePack, DirectoryIgnoresOtherFilesAndSortsByCode) {
  TempDir dir;
  dir.write("README.md", "not a procedure");
  dir.write("1.004222.json", procedure_with_code("1.004222"));
  dir.write("khai-sinh.json", procedure_with_code("1.001193"));
  auto loaded = load_procedure_directory(dir.path());
  ASSERT_TRUE(loaded) << loaded.error().message;
  ASSERT_EQ(loaded->size(), 2u);
  EXPECT_EQ((*loaded)[0].code, "1.001193");
  EXPECT_EQ((*loaded)[1].code, "1.004222");
}

TEST(ProcedurePack, DirectoryRejectsCodeNotMatchingFileName) {
  TempDir dir;
  dir.write("1.004222.json", procedure_with_code("1.001193"));
  auto loaded = load_procedure_directory(dir.path());
  ASSERT_FALSE(loaded);
  EXPECT_EQ(loaded.error().code, ErrorCode::kInvalidArgument);
  EXPECT_EQ(loaded.error().field, "code");
  EXPECT_EQ(loaded.error().message.rfind("1.004222.json: code: ", 0), 0u) << loaded.error().message;
}

TEST(ProcedurePack, DirectoryRejectsDuplicateCodes) {
  TempDir dir;
  dir.write("a.json", procedure_with_code("1.001193"));
  dir.write("b.json", procedure_with_code("1.001193"));
  auto loaded = load_procedure_directory(dir.path());
  ASSERT_FALSE(loaded);
  EXPECT_EQ(loaded.error().field, "code");
  EXPECT_EQ(loaded.error().message, "b.json: code: \"1.001193\" is already defined in a.json");
}

TEST(ProcedurePack, DirectoryRejectsReuseOfUnknownProcedure) {
  TempDir dir;
  dir.write("1.001193.json", kValid);  // reuses 1.000894, which is not in the directory
  auto loaded = load_procedure_directory(dir.path());
  ASSERT_FALSE(loaded);
  EXPECT_EQ(loaded.error().field, "components[0].reusable_from[0]");
  EXPECT_EQ(loaded.error().message.rfind("1.001193.json: components[0].reusable_from[0]: ", 0), 0u)
      << loaded.error().message;
}

TEST(ProcedurePack, DirectoryErrorsNameTheFile) {
  TempDir dir;
  json::value v = json::parse(procedure_with_code("1.001193"));
  v.as_object()["level"] = "district";
  dir.write("1.001193.json", json::serialize(v));
  auto loaded = load_procedure_directory(dir.path());
  ASSERT_FALSE(loaded);
  EXPECT_EQ(loaded.error().message, "1.001193.json: level: must be one of commune, province, ministry");
}

TEST(ProcedurePack, MissingOrEmptyDirectoryIsNotFound) {
  auto missing = load_procedure_directory("/nonexistent/sen/procedures");
  ASSERT_FALSE(missing);
  EXPECT_EQ(missing.error().code, ErrorCode::kNotFound);

  TempDir dir;
  dir.write("README.md", "nothing here");
  auto empty = load_procedure_directory(dir.path());
  ASSERT_FALSE(empty);
  EXPECT_EQ(empty.error().code, ErrorCode::kNotFound);
}

}  // namespace
}  // namespace sen::services
