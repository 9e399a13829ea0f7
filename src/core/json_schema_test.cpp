#include "core/json_schema.hpp"

#include <gtest/gtest.h>

#include <boost/json/parse.hpp>
#include <boost/json/serialize.hpp>
#include <string>

namespace sen {
namespace {

namespace json = boost::json;

// A birth registration form, as a procedure would publish it.
const json::value kBirthForm = json::parse(R"({
  "$schema": "https://json-schema.org/draft/2020-12/schema",
  "title": "Đăng ký khai sinh",
  "type": "object",
  "additionalProperties": false,
  "required": ["child_full_name", "sex", "date_of_birth", "mother"],
  "properties": {
    "child_full_name": {"type": "string", "minLength": 1, "maxLength": 100, "x-widget": "text"},
    "sex": {"enum": ["male", "female"]},
    "date_of_birth": {"type": "string", "format": "date"},
    "birth_weight_grams": {"type": "integer", "minimum": 300, "exclusiveMaximum": 8000},
    "mother": {
      "type": "object",
      "required": ["full_name", "id_number"],
      "properties": {
        "full_name": {"type": "string", "maxLength": 100},
        "id_number": {"type": "string", "format": "vn-id-number"},
        "email": {"type": ["string", "null"], "format": "email"}
      }
    },
    "siblings": {
      "type": "array",
      "maxItems": 3,
      "items": {"type": "object", "required": ["name"], "properties": {"name": {"type": "string", "pattern": "^[A-Za-z ]+$"}}}
    },
    "consent": {"const": true, "description": "Applicant confirms the data is true"}
  }
})");

json::value valid_form() {
  return json::parse(R"({
    "child_full_name": "Nguyễn Văn An",
    "sex": "male",
    "date_of_birth": "2024-02-29",
    "birth_weight_grams": 3200,
    "mother": {"full_name": "Trần Thị Bình", "id_number": "001190012345", "email": "binh@example.vn"},
    "siblings": [{"name": "Minh"}],
    "consent": true
  })");
}

// The valid form with the member at `path` ("mother.email") set to `value`, or removed when `value`
// is nullptr.
json::value with(std::string_view path, const json::value* value) {
  json::value form = valid_form();
  json::object* obj = &form.as_object();
  std::string_view rest = path;
  while (rest.find('.') != std::string_view::npos) {
    obj = &(*obj)[rest.substr(0, rest.find('.'))].as_object();
    rest.remove_prefix(rest.find('.') + 1);
  }
  if (value) {
    (*obj)[rest] = *value;
  } else {
    obj->erase(rest);
  }
  return form;
}

json::value with(std::string_view path, std::string_view json_text) {
  const json::value v = json::parse(json_text);
  return with(path, &v);
}

json::value without(std::string_view path) { return with(path, nullptr); }

// "field: message" of the first error, or "ok".
std::string outcome(const json::value& schema, const json::value& instance) {
  const Status s = validate_json_schema(schema, instance);
  if (s) return "ok";
  EXPECT_EQ(s.error().code, ErrorCode::kInvalidArgument) << s.error().internal;
  return s.error().field + ": " + s.error().message;
}

std::string check(std::string_view schema_text) {
  const Status s = check_json_schema(json::parse(schema_text));
  if (s) return "ok";
  EXPECT_EQ(s.error().code, ErrorCode::kInvalidArgument);
  return s.error().field + ": " + s.error().message;
}

TEST(JsonSchema, AcceptsTheSampleSchemaAndAValidForm) {
  EXPECT_TRUE(check_json_schema(kBirthForm));
  EXPECT_EQ(outcome(kBirthForm, valid_form()), "ok");
}

TEST(JsonSchema, ReportsMissingRequiredFields) {
  EXPECT_EQ(outcome(kBirthForm, without("child_full_name")),
            "form.child_full_name: form.child_full_name is required");
  EXPECT_EQ(outcome(kBirthForm, without("mother.id_number")),
            "form.mother.id_number: form.mother.id_number is required");
  // Optional members may be left out.
  EXPECT_EQ(outcome(kBirthForm, without("birth_weight_grams")), "ok");
}

TEST(JsonSchema, ChecksTypes) {
  EXPECT_EQ(outcome(kBirthForm, json::parse("[]")), "form: form must be an object");
  EXPECT_EQ(outcome(kBirthForm, with("child_full_name", "42")),
            "form.child_full_name: form.child_full_name must be text");
  EXPECT_EQ(outcome(kBirthForm, with("birth_weight_grams", "3200.5")),
            "form.birth_weight_grams: form.birth_weight_grams must be a whole number");
  EXPECT_EQ(outcome(kBirthForm, with("birth_weight_grams", "3200.0")), "ok");
  EXPECT_EQ(outcome(kBirthForm, with("mother.email", "null")), "ok");
  EXPECT_EQ(outcome(kBirthForm, with("mother.email", "1")),
            "form.mother.email: form.mother.email must be text or null");
  EXPECT_EQ(outcome(kBirthForm, with("siblings", "{}")), "form.siblings: form.siblings must be a list");
}

TEST(JsonSchema, CountsLengthsInCharacters) {
  // 100 Vietnamese letters are 200+ bytes but within maxLength 100.
  std::string name;
  for (int i = 0; i < 100; ++i) name += "ễ";
  EXPECT_EQ(outcome(kBirthForm, with("child_full_name", json::serialize(json::value(name)))), "ok");
  name += "a";
  EXPECT_EQ(outcome(kBirthForm, with("child_full_name", json::serialize(json::value(name)))),
            "form.child_full_name: form.child_full_name must be at most 100 characters");
  EXPECT_EQ(outcome(kBirthForm, with("child_full_name", R"("")")),
            "form.child_full_name: form.child_full_name must not be empty");
  const json::value schema = json::parse(R"({"minLength": 3})");
  EXPECT_EQ(outcome(schema, json::value("ab")), "form: form must be at least 3 characters");
  EXPECT_EQ(outcome(schema, json::value(12)), "ok") << "length limits apply to strings only";
}

TEST(JsonSchema, ChecksEnumAndConst) {
  EXPECT_EQ(outcome(kBirthForm, with("sex", R"("other")")),
            "form.sex: form.sex must be one of: male, female");
  EXPECT_EQ(outcome(kBirthForm, with("consent", "false")), "form.consent: form.consent must be true");
  const json::value numbers = json::parse(R"({"enum": [1, 2.5, {"a": [1]}]})");
  EXPECT_EQ(outcome(numbers, json::parse("1.0")), "ok") << "numbers compare by value";
  EXPECT_EQ(outcome(numbers, json::parse(R"({"a": [1.0]})")), "ok");
  EXPECT_EQ(outcome(numbers, json::parse("2")), R"(form: form must be one of: 1, 2.5, {"a":[1]})");
}

TEST(JsonSchema, ChecksFormats) {
  EXPECT_EQ(outcome(kBirthForm, with("date_of_birth", R"("2023-02-29")")),
            "form.date_of_birth: form.date_of_birth must be a date in the form YYYY-MM-DD");
  EXPECT_NE(outcome(kBirthForm, with("date_of_birth", R"("2024-2-01")")), "ok");
  EXPECT_NE(outcome(kBirthForm, with("date_of_birth", R"("2024-13-01")")), "ok");
  EXPECT_NE(outcome(kBirthForm, with("date_of_birth", R"("2024-01-01T00:00:00Z")")), "ok");
  EXPECT_EQ(outcome(kBirthForm, with("mother.id_number", R"("00119001234")")),
            "form.mother.id_number: form.mother.id_number must be a 12-digit citizen identification number");
  EXPECT_NE(outcome(kBirthForm, with("mother.id_number", R"("00119001234a")")), "ok");
  for (const char* bad :
       {R"("binh")", R"("binh@localhost")", R"("bi nh@example.vn")", R"("@example.vn")",
        R"("binh@example..vn")", R"("binh.@example.vn")", R"("binh@-example.vn")", R"("a@b@example.vn")"}) {
    EXPECT_EQ(outcome(kBirthForm, with("mother.email", bad)),
              "form.mother.email: form.mother.email must be an email address")
        << bad;
  }
  EXPECT_EQ(outcome(kBirthForm, with("mother.email", R"("tran.thi+binh@mail.example.gov.vn")")), "ok");
}

TEST(JsonSchema, ChecksNumberBounds) {
  EXPECT_EQ(outcome(kBirthForm, with("birth_weight_grams", "299")),
            "form.birth_weight_grams: form.birth_weight_grams must be at least 300");
  EXPECT_EQ(outcome(kBirthForm, with("birth_weight_grams", "300")), "ok");
  EXPECT_EQ(outcome(kBirthForm, with("birth_weight_grams", "8000")),
            "form.birth_weight_grams: form.birth_weight_grams must be less than 8000");
  const json::value schema = json::parse(R"({"exclusiveMinimum": 0, "maximum": 1.5})");
  EXPECT_EQ(outcome(schema, json::parse("0")), "form: form must be greater than 0");
  EXPECT_EQ(outcome(schema, json::parse("1.75")), "form: form must be at most 1.5");
  EXPECT_EQ(outcome(schema, json::parse("1e-9")), "ok");
  // Large integers compare exactly, without rounding through double.
  const json::value big = json::parse(R"({"maximum": 9007199254740992})");
  EXPECT_NE(outcome(big, json::parse("9007199254740993")), "ok");
}

TEST(JsonSchema, NamesArrayElements) {
  EXPECT_EQ(outcome(kBirthForm, with("siblings", R"([{"name": "Minh"}, {"name": "Lan"}, {"name": "B1"}])")),
            "form.siblings[2].name: form.siblings[2].name is not in the expected format");
  EXPECT_EQ(outcome(kBirthForm, with("siblings", R"([{"name": "Minh"}, {}])")),
            "form.siblings[1].name: form.siblings[1].name is required");
  EXPECT_EQ(outcome(kBirthForm,
                    with("siblings", R"([{"name": "A"}, {"name": "B"}, {"name": "C"}, {"name": "D"}])")),
            "form.siblings: form.siblings must have at most 3 items");
  EXPECT_EQ(outcome(json::parse(R"({"minItems": 1})"), json::parse("[]")),
            "form: form must have at least 1 item");
}

TEST(JsonSchema, PatternsAreSearchedUnlessAnchored) {
  const json::value unanchored = json::parse(R"({"pattern": "[0-9]"})");
  EXPECT_EQ(outcome(unanchored, json::value("abc1")), "ok");
  EXPECT_EQ(outcome(unanchored, json::value("abc")), "form: form is not in the expected format");
  const json::value anchored = json::parse(R"({"pattern": "^[0-9]+$"})");
  EXPECT_EQ(outcome(anchored, json::value("abc1")), "form: form is not in the expected format");
  // Long input is refused instead of being handed to the recursive matcher.
  EXPECT_EQ(outcome(anchored, json::value(std::string(kMaxPatternInputBytes, '1'))), "ok");
  EXPECT_EQ(outcome(anchored, json::value(std::string(kMaxPatternInputBytes + 1, '1'))),
            "form: form is too long");
}

TEST(JsonSchema, RejectsUnknownFieldsWhenClosed) {
  EXPECT_EQ(outcome(kBirthForm, with("nickname", R"("Bi")")), "form.nickname: form.nickname is not allowed");
  // The nested object does not close itself.
  EXPECT_EQ(outcome(kBirthForm, with("mother.nickname", R"("Bi")")), "ok");
}

TEST(JsonSchema, ReportsErrorsInSchemaOrder) {
  // Several problems at once: the first property in schema order wins, regardless of the order of
  // the form's members or of `required`.
  const json::value form = json::parse(R"({"consent": false, "sex": "x", "unknown": 1})");
  EXPECT_EQ(outcome(kBirthForm, form), "form.child_full_name: form.child_full_name is required");
  const json::value schema = json::parse(
      R"({"required": ["z", "a"], "properties": {"b": {"type": "string"}}, "additionalProperties": false})");
  EXPECT_EQ(outcome(schema, json::parse(R"({"b": 1})")), "form.b: form.b must be text");
  EXPECT_EQ(outcome(schema, json::parse(R"({"b": "x"})")), "form.z: form.z is required");
  EXPECT_EQ(outcome(schema, json::parse(R"({"b": "x", "z": 1, "a": 1})")), "form.z: form.z is not allowed");
}

TEST(JsonSchema, UsesTheGivenFieldPrefix) {
  const Status s = validate_json_schema(kBirthForm, without("sex"), "data");
  ASSERT_FALSE(s);
  EXPECT_EQ(s.error().field, "data.sex");
  EXPECT_EQ(s.error().message, "data.sex is required");
}

TEST(JsonSchema, RefusesInvalidSchemasAtValidation) {
  const Status s = validate_json_schema(json::parse(R"({"type": "text"})"), json::value("x"));
  ASSERT_FALSE(s);
  EXPECT_EQ(s.error().code, ErrorCode::kInternal);
}

TEST(JsonSchema, CheckNamesTheOffendingSchemaPath) {
  EXPECT_EQ(
      check(R"({"properties": {"a": {"properties": {"b": {"minimum": "1"}}}}})"),
      "schema.properties.a.properties.b.minimum: schema.properties.a.properties.b.minimum must be a number");
  EXPECT_EQ(check(R"({"items": {"oneOf": []}})"),
            "schema.items.oneOf: schema.items.oneOf is not a supported keyword");
  EXPECT_EQ(check(R"({"pattern": "(unclosed"})"),
            "schema.pattern: schema.pattern is not a valid regular expression");
  EXPECT_EQ(check(R"({"format": "uri"})"),
            "schema.format: schema.format must be one of: date, email, vn-id-number");
  EXPECT_EQ(check(R"({"type": "text"})"), "schema.type: schema.type names an unsupported type");
  EXPECT_EQ(check(R"({"type": []})"),
            "schema.type: schema.type must be a type name or a non-empty array of type names");
  EXPECT_EQ(check(R"({"type": ["string", "string"]})"), "schema.type: schema.type lists a type twice");
  EXPECT_EQ(check(R"({"maxLength": -1})"),
            "schema.maxLength: schema.maxLength must be a non-negative integer");
  EXPECT_EQ(check(R"({"maxLength": 1.5})"),
            "schema.maxLength: schema.maxLength must be a non-negative integer");
  EXPECT_EQ(check(R"({"maxLength": 10.0})"), "ok");
  EXPECT_EQ(check(R"({"additionalProperties": {}})"),
            "schema.additionalProperties: schema.additionalProperties must be true or false");
  EXPECT_EQ(check(R"({"required": ["a", 1]})"),
            "schema.required: schema.required must be an array of property names");
  EXPECT_EQ(check(R"({"enum": []})"), "schema.enum: schema.enum must be a non-empty array");
  EXPECT_EQ(check(R"({"$schema": "http://json-schema.org/draft-07/schema#"})"),
            "schema.$schema: schema.$schema must be \"https://json-schema.org/draft/2020-12/schema\"");
  EXPECT_EQ(check(R"({"title": 1})"), "schema.title: schema.title must be a string");
  EXPECT_EQ(check(R"({"properties": {"a": true}})"),
            "schema.properties.a: schema.properties.a must be an object");
  EXPECT_EQ(check(R"({"x-anything": {"goes": [1]}, "default": 3, "examples": [1], "$comment": "c"})"), "ok");

  const Status s = check_json_schema(json::parse(R"({"pattern": 1})"), "procedure.form_schema");
  ASSERT_FALSE(s);
  EXPECT_EQ(s.error().field, "procedure.form_schema.pattern");
}

TEST(JsonSchema, LimitsNesting) {
  // Built in code: boost::json::parse has its own depth limit.
  const auto nested = [](int levels) {
    json::value schema = json::object{{"type", "array"}};
    for (int i = 0; i < levels; ++i) schema = json::object{{"items", schema}};
    return schema;
  };
  EXPECT_TRUE(check_json_schema(nested(kMaxSchemaDepth)));
  const Status s = check_json_schema(nested(kMaxSchemaDepth + 1));
  ASSERT_FALSE(s);
  EXPECT_TRUE(s.error().message.ends_with("is nested deeper than 32 levels")) << s.error().message;
}

}  // namespace
}  // namespace sen
