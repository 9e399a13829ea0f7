#include "identity/official_import.hpp"

#include <gtest/gtest.h>

#include <algorithm>

#include "storage/testing/backend_test.hpp"

namespace sen::identity {
namespace {

class OfficialImportTest : public storage::testing::BackendTest {
 protected:
  void SetUp() override {
    BackendTest::SetUp();
    if (!ready()) return;
    auto conn = db().acquire();
    ASSERT_TRUE((*conn)->execute_script(
        "INSERT INTO places (code, name, search_name, level, type) VALUES ('VN', 'Việt Nam', 'viet nam', "
        "'nation', 'quoc_gia');"
        "INSERT INTO agencies (code, name, search_name, kind, place_code) VALUES ('UBND-VN', 'A', 'a', "
        "'people_committee', 'VN');"));
    AuthConfig config;
    config.password_hash_ops = 1;
    config.password_hash_memory_kib = 8;
    accounts_ = std::make_unique<AccountService>(
        db(), clock_, ids_, config, [this](storage::Connection&, const OneTimePasswordMail& m) -> Status {
          mails_.push_back(m);
          return {};
        });
  }
  Result<ImportOutcome> run(std::string_view csv, ImportOptions options = {}) {
    return import_officials(csv, db(), *accounts_, options, {"", "cli"});
  }
  std::int64_t officials() {
    auto conn = db().acquire();
    return (*conn)->execute("SELECT COUNT(*) FROM accounts WHERE kind = 'official'", {})->rows[0].integer(0);
  }

  const IdentityNumberVault ids_{std::string(32, 'i')};
  std::unique_ptr<AccountService> accounts_;
  std::vector<OneTimePasswordMail> mails_;
};

constexpr std::string_view kMixed =
    "username,full_name,email,agency,roles\n"
    "tiep.nhan,Trần Thị Bình,binh@example.vn,UBND-VN,receiving_officer\n"
    "079203001234,Người Lạ,la@example.vn,NOPE,chief;processing_officer\n"
    "xu.ly,\"Lê Văn Cường\",cuong@example.vn,UBND-VN,processing_officer; approving_leader\n"
    "tiep.nhan,Trùng Tên,not-an-address,UBND-VN,\n";

TEST_P(OfficialImportTest, AnyBadRowStopsTheWholeImportAndEveryProblemIsNamed) {
  auto outcome = run(kMixed);
  ASSERT_TRUE(outcome) << outcome.error().message;
  EXPECT_EQ(outcome->rows, 4u);
  EXPECT_TRUE(outcome->created.empty());
  EXPECT_EQ(officials(), 0);
  EXPECT_TRUE(mails_.empty());
  std::vector<std::pair<std::size_t, std::string>> where;
  for (const auto& e : outcome->errors) where.emplace_back(e.row, e.column);
  const std::vector<std::pair<std::size_t, std::string>> expected = {
      {3, "username"}, {3, "roles"}, {3, "agency"}, {5, "email"}, {5, "roles"}, {5, "username"}};
  EXPECT_EQ(where, expected);
}

TEST_P(OfficialImportTest, SkipInvalidWritesTheGoodRowsWithOneTimePasswordsByMail) {
  ImportOptions options;
  options.skip_invalid = true;
  std::size_t progressed = 0;
  options.progress = [&](std::size_t done, std::size_t total) {
    progressed = done;
    EXPECT_EQ(total, 2u);
  };
  auto outcome = run(kMixed, options);
  ASSERT_TRUE(outcome) << outcome.error().message;
  EXPECT_EQ(outcome->created, (std::vector<std::string>{"tiep.nhan", "xu.ly"}));
  EXPECT_EQ(progressed, 2u);
  EXPECT_EQ(officials(), 2);
  ASSERT_EQ(mails_.size(), 2u);
  auto session = accounts_->login("xu.ly", mails_[1].password, {});
  ASSERT_TRUE(session);
  EXPECT_TRUE(session->password_change_required);
  auto who = accounts_->resolve(session->secret, true);
  ASSERT_EQ(who->roles.size(), 2u);
  // Granted in the same instant, the two roles come in no particular order.
  const auto leader = std::find_if(who->roles.begin(), who->roles.end(),
                                   [](const RoleGrant& g) { return g.role == "approving_leader"; });
  ASSERT_NE(leader, who->roles.end());
  EXPECT_EQ(leader->scope_code, "UBND-VN");
  auto again = run("username,full_name,email,agency,roles\ntiep.nhan,X,x@example.vn,UBND-VN,auditor\n");
  ASSERT_TRUE(again);
  ASSERT_EQ(again->errors.size(), 1u);
  EXPECT_EQ(again->errors[0].message, "This username is taken");
}

TEST_P(OfficialImportTest, TheFileItselfMustNameEveryColumnAndStayWithinTheLimit) {
  auto missing = run("username,full_name,email,agency\n");
  ASSERT_FALSE(missing);
  EXPECT_EQ(missing.error().field, "file");
  EXPECT_FALSE(run("username,full_name,email,agency,roles,phone\n"));
  EXPECT_FALSE(run(""));
  ImportOptions small;
  small.max_rows = 1;
  EXPECT_FALSE(run(kMixed, small));
  ImportOptions check;
  check.check = [](const ImportRow& r) -> std::optional<ImportError> {
    return ImportError{r.row, "agency", "outside your scope"};
  };
  auto refused = run("username,full_name,email,agency,roles\na.b,X,x@example.vn,UBND-VN,auditor\n", check);
  ASSERT_TRUE(refused);
  ASSERT_EQ(refused->errors.size(), 1u);
  EXPECT_EQ(refused->errors[0].column, "agency");
  EXPECT_EQ(officials(), 0);
}

SEN_INSTANTIATE_FOR_BACKENDS(OfficialImportTest);

}  // namespace
}  // namespace sen::identity
