#include "identity/account_service.hpp"

#include <gtest/gtest.h>

#include "audit/audit_log.hpp"
#include "storage/testing/backend_test.hpp"

namespace sen::identity {
namespace {

class AccountServiceTest : public storage::testing::BackendTest {
 protected:
  void SetUp() override {
    BackendTest::SetUp();
    if (!ready()) return;
    auto conn = db().acquire();
    ASSERT_TRUE((*conn)->execute_script(
        "INSERT INTO places (code, name, search_name, level, type) VALUES ('VN', 'Việt Nam', 'viet nam', "
        "'nation', "
        "'quoc_gia');"
        "INSERT INTO agencies (code, name, search_name, kind, place_code) VALUES ('UBND-VN', 'A', 'a', "
        "'people_committee', 'VN');"));
    AuthConfig config;
    config.password_hash_ops = 1;
    config.password_hash_memory_kib = 8;
    config.max_failed_logins = 3;
    service_ = std::make_unique<AccountService>(
        db(), clock_, ids_, config, [this](storage::Connection&, const OneTimePasswordMail& m) -> Status {
          mails_.push_back(m);
          return {};
        });
  }
  AccountView citizen(const std::string& id = "001099012345") {
    auto a = service_->register_account({"citizen", id, "", "", "Nguyễn Văn An", "sông Hồng chảy mãi"},
                                        {"", "1.2.3.4"});
    EXPECT_TRUE(a) << a.error().message << a.error().internal;
    return a.value_or(AccountView{});
  }

  // An official of UBND-VN with an e-mail address, created with a one-time password.
  AccountView official(const std::string& username, const std::string& password) {
    auto a = service_->create_official(
        {username, "Cán bộ", "UBND-VN", password, username + "@example.vn", true, {}}, {"", "cli"});
    EXPECT_TRUE(a) << a.error().message << a.error().internal;
    return a.value_or(AccountView{});
  }

  const IdentityNumberVault ids_{std::string(32, 'i')};
  std::unique_ptr<AccountService> service_;
  std::vector<OneTimePasswordMail> mails_;
};

TEST_P(AccountServiceTest, CitizenRegistersLogsInAndIsResolved) {
  const auto account = citizen();
  EXPECT_EQ(account.id_number_masked, "001******345");
  auto session = service_->login("001099012345", "sông Hồng chảy mãi", {"", "1.2.3.4"});
  ASSERT_TRUE(session) << session.error().message;
  auto who = service_->resolve(session->secret, true);
  ASSERT_TRUE(who);
  EXPECT_EQ(who->account_id, account.id);
  EXPECT_EQ(who->csrf_token, session->csrf_token);
  ASSERT_EQ(who->roles.size(), 1u);
  EXPECT_EQ(who->roles[0].role, "citizen");
  EXPECT_FALSE(service_->resolve(session->secret, false)) << "a session secret is not a bearer token";
  ASSERT_TRUE(service_->logout(*who, {account.id, "1.2.3.4"}));
  EXPECT_FALSE(service_->resolve(session->secret, true)) << "revoked on logout";
}

TEST_P(AccountServiceTest, AnIdentityNumberIsStoredOnlyHashedAndSealed) {
  const auto account = citizen();
  auto conn = db().acquire();
  auto rows = (*conn)->execute(
      "SELECT username, id_number_hash, id_number_sealed, id_number_masked FROM accounts WHERE id = $1",
      {account.id});
  ASSERT_TRUE(rows && rows->rows.size() == 1);
  const auto& r = rows->rows[0];
  for (std::size_t i = 0; i < 4; ++i)
    EXPECT_EQ(r.text(i).find("001099012345"), std::string::npos) << "column " << i << ": " << r.text(i);
  EXPECT_EQ(r.text(1), ids_.lookup_key("001099012345"));
  EXPECT_EQ(r.text(3), "001******345");
  EXPECT_EQ(ids_.unseal(r.text(2)).value_or(""), "001099012345");
  auto session = service_->login("001099012345", "sông Hồng chảy mãi", {"", "1.2.3.4"});
  ASSERT_TRUE(session);
  auto who = service_->resolve(session->secret, true);
  ASSERT_TRUE(who);
  EXPECT_EQ(who->id_number, "001099012345") << "unsealed in memory for the request";
  auto again =
      service_->external_citizen("vneid-subject-1", "001099012345", "Nguyễn Văn An", {"", "1.2.3.4"});
  ASSERT_TRUE(again);
  EXPECT_EQ(again->id, account.id) << "the identity provider's number finds the account by its hash";
}

TEST_P(AccountServiceTest, NumbersStoredInClearBeforeAreSealedOnce) {
  auto conn = db().acquire();
  ASSERT_TRUE((*conn)->execute(
      "INSERT INTO accounts (id, kind, username, display_name, id_number_hash, password_hash, created_at) "
      "VALUES ('old', 'citizen', '079203001234', 'Cũ', '079203001234', 'x', '2025-01-01T00:00:00Z')"));
  auto sealed = seal_clear_identity_numbers(db(), ids_, clock_);
  ASSERT_TRUE(sealed) << sealed.error().message;
  EXPECT_EQ(*sealed, 1);
  EXPECT_EQ(seal_clear_identity_numbers(db(), ids_, clock_).value_or(-1), 0) << "once";
  auto rows =
      (*conn)->execute("SELECT username, id_number_hash, id_number_masked FROM accounts WHERE id = 'old'");
  ASSERT_TRUE(rows && rows->rows.size() == 1);
  EXPECT_EQ(rows->rows[0].text(0), ids_.username("079203001234"));
  EXPECT_EQ(rows->rows[0].text(1), ids_.lookup_key("079203001234"));
  EXPECT_EQ(rows->rows[0].text(2), "079******234");
  auto entries =
      (*conn)->execute("SELECT count(*) FROM audit_log WHERE action = 'privacy.seal_identity_numbers'");
  ASSERT_TRUE(entries);
  EXPECT_EQ(entries->rows[0].integer(0), 1);
}

TEST_P(AccountServiceTest, DuplicateAndInvalidRegistrationsNameTheField) {
  citizen();
  auto dup = service_->register_account({"citizen", "001099012345", "", "", "X", "another long secret"}, {});
  ASSERT_FALSE(dup);
  EXPECT_EQ(dup.error().code, ErrorCode::kConflict);
  EXPECT_EQ(dup.error().field, "id_number");
  auto bad = service_->register_account({"citizen", "12345", "", "", "X", "another long secret"}, {});
  ASSERT_FALSE(bad);
  EXPECT_EQ(bad.error().field, "id_number");
  auto weak = service_->register_account({"citizen", "079203001234", "", "", "X", "1234567890"}, {});
  ASSERT_FALSE(weak);
  EXPECT_EQ(weak.error().field, "password");
}

TEST_P(AccountServiceTest, LockoutAfterRepeatedFailuresAnswersLikeAnUnknownAccount) {
  citizen();
  auto unknown = service_->login("079203001234", "whatever it is", {});
  ASSERT_FALSE(unknown);
  for (int i = 0; i < 3; ++i) {
    auto wrong = service_->login("001099012345", "not the password", {});
    ASSERT_FALSE(wrong);
    EXPECT_EQ(wrong.error().code, unknown.error().code);
    EXPECT_EQ(wrong.error().message, unknown.error().message);
  }
  auto locked = service_->login("001099012345", "sông Hồng chảy mãi", {});
  ASSERT_FALSE(locked) << "the right password does not open a locked account";
  EXPECT_EQ(locked.error().message, unknown.error().message);
}

TEST_P(AccountServiceTest, ResolvedSecretsComeFromMemoryUntilARevocationHere) {
  citizen();
  auto s = service_->login("001099012345", "sông Hồng chảy mãi", {});
  ASSERT_TRUE(s);
  EXPECT_FALSE(service_->resolve_cached(s->secret, true));  // never resolved yet
  auto p = service_->resolve(s->secret, true);
  ASSERT_TRUE(p);
  auto cached = service_->resolve_cached(s->secret, true);
  ASSERT_TRUE(cached);
  EXPECT_EQ(cached->account_id, p->account_id);
  EXPECT_EQ(cached->csrf_token, p->csrf_token);
  EXPECT_FALSE(service_->resolve_cached(s->secret, false));  // a session is no bearer token
  // Revoked behind this process's back (another server): still served within the TTL...
  {
    auto conn = db().acquire();
    ASSERT_TRUE((*conn)->execute("UPDATE credentials SET revoked_at = expires_at"));
  }
  EXPECT_TRUE(service_->resolve(s->secret, true));
  // ...and a new account changes nothing for it...
  citizen("079203001234");
  EXPECT_TRUE(service_->resolve_cached(s->secret, true));
  // ...while a revocation made here forgets every resolved secret at once.
  auto token = service_->create_token(*p, "script", {});
  ASSERT_TRUE(token);
  ASSERT_TRUE(service_->revoke_token(*p, token->credential_id, {}));
  EXPECT_FALSE(service_->resolve_cached(s->secret, true));
  EXPECT_FALSE(service_->resolve(s->secret, true));
}

TEST_P(AccountServiceTest, PrincipalCacheCanBeTurnedOff) {
  AuthConfig config;
  config.password_hash_ops = 1;
  config.password_hash_memory_kib = 8;
  config.principal_cache_ms = 0;
  AccountService uncached(db(), clock_, ids_, config);
  ASSERT_TRUE(uncached.register_account(
      {"citizen", "001099012345", "", "", "Nguyễn Văn An", "sông Hồng chảy mãi"}, {"", "1.2.3.4"}));
  auto s = uncached.login("001099012345", "sông Hồng chảy mãi", {});
  ASSERT_TRUE(s);
  ASSERT_TRUE(uncached.resolve(s->secret, true));
  EXPECT_FALSE(uncached.resolve_cached(s->secret, true));
}

TEST_P(AccountServiceTest, TokensAreShownOnceListedAndRevokedOnlyByTheirOwner) {
  const auto a = citizen();
  citizen("079203001234");
  auto sa = service_->login("001099012345", "sông Hồng chảy mãi", {});
  auto sb = service_->login("079203001234", "sông Hồng chảy mãi", {});
  auto pa = service_->resolve(sa->secret, true);
  auto pb = service_->resolve(sb->secret, true);
  auto token = service_->create_token(*pa, "reporting script", {a.id, ""});
  ASSERT_TRUE(token);
  auto via_token = service_->resolve(token->secret, false);
  ASSERT_TRUE(via_token);
  EXPECT_EQ(via_token->account_id, a.id);
  auto listed = service_->list_tokens(*pa);
  ASSERT_EQ(listed->size(), 1u);
  EXPECT_EQ((*listed)[0].name, "reporting script");
  EXPECT_TRUE(service_->list_tokens(*pb)->empty());
  auto stolen = service_->revoke_token(*pb, token->credential_id, {});
  ASSERT_FALSE(stolen);
  EXPECT_EQ(stolen.error().code, ErrorCode::kNotFound);
  ASSERT_TRUE(service_->revoke_token(*pa, token->credential_id, {}));
  EXPECT_FALSE(service_->resolve(token->secret, false));
}

TEST_P(AccountServiceTest, EveryChangeIsAuditedWithoutSecretsAndTheChainHolds) {
  citizen();
  auto s = service_->login("001099012345", "sông Hồng chảy mãi", {"", "1.2.3.4"});
  ASSERT_TRUE(s);
  auto page = audit::query(db(), {}, {});
  ASSERT_TRUE(page);
  ASSERT_GE(page->total, 2);
  for (const auto& e : page->items) {
    EXPECT_EQ(e.entry.summary.find("001099012345"), std::string::npos) << "no full identity numbers";
    EXPECT_EQ(e.entry.summary.find(s->secret), std::string::npos) << "no tokens";
    EXPECT_EQ(e.entry.summary.find("sông"), std::string::npos) << "no passwords";
  }
  EXPECT_EQ(page->items[0].entry.action, "account.register");
  EXPECT_EQ(page->items[1].entry.action, "session.start");
  EXPECT_EQ(page->items[1].entry.actor_ip, "1.2.3.4");
  auto report = audit::verify(db());
  ASSERT_TRUE(report);
  EXPECT_FALSE(report->first_bad_seq);
}

TEST_P(AccountServiceTest, OfficialsBelongToAnExistingAgency) {
  auto ok = service_->create_official({"can.bo", "Cán bộ", "UBND-VN", "một mật khẩu dài"}, {});
  ASSERT_TRUE(ok) << ok.error().message;
  EXPECT_EQ(ok->agency_code, "UBND-VN");
  auto bad = service_->create_official({"can.bo2", "Cán bộ", "NOPE", "một mật khẩu dài"}, {});
  ASSERT_FALSE(bad);
  EXPECT_EQ(bad.error().field, "agency_code");
}

TEST_P(AccountServiceTest, TwelveDigitUsernamesAreLeftToTheCitizen) {
  auto business = service_->register_account(
      {"business", "", "0101234567", "001099012345", "Công ty", "một mật khẩu dài"}, {});
  ASSERT_FALSE(business);
  EXPECT_EQ(business.error().code, ErrorCode::kInvalidArgument);
  EXPECT_EQ(business.error().field, "username");
  auto staff = service_->create_official({"079203001234", "Cán bộ", "UBND-VN", "một mật khẩu dài"}, {});
  ASSERT_FALSE(staff);
  EXPECT_EQ(staff.error().field, "username");
  citizen();  // the citizen can still register the number
}

TEST_P(AccountServiceTest, OneTimePasswordForcesAChangeThatNeedsTheCurrentPassword) {
  const auto account = official("can.bo", "mật khẩu một lần");
  auto first = service_->login("can.bo", "mật khẩu một lần", {});
  ASSERT_TRUE(first) << first.error().message;
  EXPECT_TRUE(first->password_change_required);
  auto other = service_->login("can.bo", "mật khẩu một lần", {});
  ASSERT_TRUE(other);
  auto who = service_->resolve(first->secret, true);
  ASSERT_TRUE(who);
  EXPECT_TRUE(who->password_change_required);
  auto wrong = service_->change_password(*who, "không phải mật khẩu", "mật khẩu mới của tôi", {});
  ASSERT_FALSE(wrong);
  EXPECT_EQ(wrong.error().field, "current_password");
  auto weak = service_->change_password(*who, "mật khẩu một lần", "1234567890", {});
  ASSERT_FALSE(weak);
  EXPECT_EQ(weak.error().field, "new_password");
  ASSERT_TRUE(service_->change_password(*who, "mật khẩu một lần", "mật khẩu mới của tôi", {account.id, ""}));
  auto after = service_->resolve(first->secret, true);
  ASSERT_TRUE(after) << "the session that changed the password lives on";
  EXPECT_FALSE(after->password_change_required);
  EXPECT_FALSE(service_->resolve(other->secret, true)) << "other sessions end";
  EXPECT_FALSE(service_->login("can.bo", "mật khẩu một lần", {}));
  auto again = service_->login("can.bo", "mật khẩu mới của tôi", {});
  ASSERT_TRUE(again);
  EXPECT_FALSE(again->password_change_required);
}

TEST_P(AccountServiceTest, AnExpiredOneTimePasswordNoLongerSignsIn) {
  const auto account = official("can.bo", "mật khẩu một lần");
  auto conn = db().acquire();
  ASSERT_TRUE((*conn)->execute(
      "UPDATE accounts SET password_expires_at = '2000-01-01T00:00:00Z' WHERE id = $1", {account.id}));
  auto expired = service_->login("can.bo", "mật khẩu một lần", {});
  ASSERT_FALSE(expired);
  EXPECT_EQ(expired.error().code, ErrorCode::kUnauthenticated);
  EXPECT_NE(expired.error().message.find("expired"), std::string::npos);
}

TEST_P(AccountServiceTest, LockedAccountsNeitherSignInNorKeepTheirSessions) {
  const auto account = official("can.bo", "mật khẩu một lần");
  auto session = service_->login("can.bo", "mật khẩu một lần", {});
  ASSERT_TRUE(session);
  ASSERT_TRUE(service_->set_locked(account.id, true, {"admin", ""}));
  EXPECT_TRUE(service_->get_account(account.id)->disabled);
  EXPECT_FALSE(service_->resolve(session->secret, true));
  EXPECT_FALSE(service_->login("can.bo", "mật khẩu một lần", {}));
  ASSERT_TRUE(service_->set_locked(account.id, false, {"admin", ""}));
  EXPECT_TRUE(service_->login("can.bo", "mật khẩu một lần", {}));
  EXPECT_EQ(service_->set_locked("nobody", true, {}).error().code, ErrorCode::kNotFound);
}

TEST_P(AccountServiceTest, ResetMailsANewOneTimePasswordAndLogsNoSecret) {
  const auto account = official("can.bo", "mật khẩu một lần");
  auto session = service_->login("can.bo", "mật khẩu một lần", {});
  ASSERT_TRUE(session);
  ASSERT_TRUE(service_->reset_password(account.id, {"admin", "10.0.0.1"}));
  ASSERT_EQ(mails_.size(), 1u);
  EXPECT_EQ(mails_[0].to, "can.bo@example.vn");
  EXPECT_FALSE(service_->resolve(session->secret, true)) << "sessions end";
  EXPECT_FALSE(service_->login("can.bo", "mật khẩu một lần", {}));
  auto fresh = service_->login("can.bo", mails_[0].password, {});
  ASSERT_TRUE(fresh);
  EXPECT_TRUE(fresh->password_change_required);
  auto page = audit::query(db(), {}, {});
  ASSERT_TRUE(page);
  bool reset_logged = false;
  for (const auto& e : page->items) {
    EXPECT_EQ(e.entry.summary.find(mails_[0].password), std::string::npos);
    reset_logged = reset_logged || e.entry.action == "account.password_reset";
  }
  EXPECT_TRUE(reset_logged);
  auto no_mail = service_->create_official({"khong.mail", "Cán bộ", "UBND-VN", "một mật khẩu dài"}, {});
  ASSERT_TRUE(no_mail);
  EXPECT_EQ(service_->reset_password(no_mail->id, {}).error().field, "email");
}

SEN_INSTANTIATE_FOR_BACKENDS(AccountServiceTest);

}  // namespace
}  // namespace sen::identity
