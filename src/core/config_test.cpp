#include "core/config.hpp"

#include <gtest/gtest.h>

#include <fstream>

namespace sen {
namespace {

EnvLookup env_of(std::map<std::string, std::string> vars) {
  return [vars](const std::string& name) -> std::optional<std::string> {
    auto it = vars.find(name);
    if (it == vars.end()) return std::nullopt;
    return it->second;
  };
}

std::filesystem::path write_temp(const std::string& name, const std::string& text) {
  auto path = std::filesystem::temp_directory_path() / name;
  std::ofstream(path) << text;
  return path;
}

TEST(Config, DefaultsAreSafe) {
  auto c = load_config(std::nullopt, env_of({}), {});
  ASSERT_TRUE(c) << c.error().message;
  EXPECT_EQ(c->server.listen, "127.0.0.1:8080");
  EXPECT_EQ(c->server.body_limit_bytes, 1024u * 1024u);
  EXPECT_EQ(c->server.header_limit_bytes, 16u * 1024u);
  EXPECT_TRUE(c->storage.database_url.empty());
}

TEST(Config, FileThenEnvironmentThenFlags) {
  auto file = write_temp("sen_config_test.toml",
                         "[server]\nlisten = \"0.0.0.0:9000\"\nbody_limit_bytes = 2048\n"
                         "[storage]\npool_size = 7\n[log]\naccess = false\n");
  auto c = load_config(file, env_of({{"SEN_SERVER_BODY_LIMIT_BYTES", "4096"}}), {{"storage.pool_size", "9"}});
  ASSERT_TRUE(c) << c.error().message;
  EXPECT_EQ(c->server.listen, "0.0.0.0:9000");
  EXPECT_EQ(c->server.body_limit_bytes, 4096u);
  EXPECT_EQ(c->storage.pool_size, 9);
  EXPECT_FALSE(c->access_log);
}

TEST(Config, UnknownKeyIsAnErrorNamingIt) {
  auto file = write_temp("sen_config_unknown.toml", "[server]\nlisen = \"x\"\n");
  auto c = load_config(file, env_of({}), {});
  ASSERT_FALSE(c);
  EXPECT_EQ(c.error().field, "server.lisen");
}

TEST(Config, BadValueIsAnErrorNamingTheSource) {
  auto c = load_config(std::nullopt, env_of({{"SEN_SERVER_THREADS", "many"}}), {});
  ASSERT_FALSE(c);
  EXPECT_EQ(c.error().field, "server.threads");
  EXPECT_NE(c.error().message.find("SEN_SERVER_THREADS"), std::string::npos);
  auto out_of_range = load_config(std::nullopt, env_of({}), {{"storage.pool_size", "0"}});
  ASSERT_FALSE(out_of_range);
}

TEST(Config, CachesAndGroupCommitHaveBoundedSettings) {
  auto defaults = load_config(std::nullopt, env_of({}), {});
  ASSERT_TRUE(defaults);
  EXPECT_EQ(defaults->storage.write_batch_max, 64);
  EXPECT_EQ(defaults->auth.principal_cache_ms, 2000);
  EXPECT_EQ(defaults->services.status_cache_ms, 2000);
  auto off = load_config(std::nullopt, env_of({{"SEN_AUTH_PRINCIPAL_CACHE_MS", "0"}}),
                         {{"services.status_cache_entries", "0"}, {"storage.write_batch_max", "1"}});
  ASSERT_TRUE(off) << off.error().message;
  EXPECT_EQ(off->auth.principal_cache_ms, 0);
  EXPECT_EQ(off->services.status_cache_entries, 0);
  EXPECT_EQ(off->storage.write_batch_max, 1);
  for (const auto& [key, value] :
       std::vector<std::pair<std::string, std::string>>{{"storage.write_batch_max", "0"},
                                                        {"storage.write_batch_max", "10001"},
                                                        {"auth.principal_cache_ms", "60001"},
                                                        {"auth.principal_cache_entries", "-1"},
                                                        {"services.status_cache_ms", "-5"}}) {
    auto bad = load_config(std::nullopt, env_of({}), {{key, value}});
    ASSERT_FALSE(bad) << key << "=" << value;
    EXPECT_EQ(bad.error().field, key);
  }
}

TEST(Config, ConnectionLimitsHaveSafeDefaultsAndBounds) {
  auto defaults = load_config(std::nullopt, env_of({}), {});
  ASSERT_TRUE(defaults);
  EXPECT_EQ(defaults->server.header_timeout_ms, 10000);
  EXPECT_EQ(defaults->server.max_connections_per_client, 256);
  EXPECT_LT(defaults->server.max_connections_per_client, defaults->server.max_connections);
  auto set = load_config(std::nullopt, env_of({{"SEN_SERVER_HEADER_TIMEOUT_MS", "300"}}),
                         {{"server.max_connections_per_client", "5"}});
  ASSERT_TRUE(set) << set.error().message;
  EXPECT_EQ(set->server.header_timeout_ms, 300);
  EXPECT_EQ(set->server.max_connections_per_client, 5);
  for (const auto& [key, value] :
       std::vector<std::pair<std::string, std::string>>{{"server.header_timeout_ms", "0"},
                                                        {"server.header_timeout_ms", "soon"},
                                                        {"server.max_connections_per_client", "0"},
                                                        {"server.max_connections_per_client", "-3"}}) {
    auto bad = load_config(std::nullopt, env_of({}), {{key, value}});
    ASSERT_FALSE(bad) << key << "=" << value;
    EXPECT_EQ(bad.error().field, key);
  }
}

TEST(Config, TrustedProxiesAreAddressesInOneForm) {
  auto none = load_config(std::nullopt, env_of({}), {});
  ASSERT_TRUE(none);
  EXPECT_TRUE(none->server.trusted_proxies.empty()) << "by default no X-Forwarded-For is believed";
  auto two =
      load_config(std::nullopt, env_of({{"SEN_SERVER_TRUSTED_PROXIES", "127.0.0.1, ::ffff:10.0.0.2"}}), {});
  ASSERT_TRUE(two);
  EXPECT_EQ(two->server.trusted_proxies, (std::vector<std::string>{"127.0.0.1", "10.0.0.2"}));
  auto bad = load_config(std::nullopt, env_of({{"SEN_SERVER_TRUSTED_PROXIES", "127.0.0.1,nginx"}}), {});
  ASSERT_FALSE(bad);
  EXPECT_EQ(bad.error().field, "server.trusted_proxies");
  EXPECT_NE(bad.error().message.find("'nginx' is not an IP address"), std::string::npos)
      << bad.error().message;
  auto trailing = load_config(std::nullopt, env_of({{"SEN_SERVER_TRUSTED_PROXIES", "127.0.0.1,"}}), {});
  ASSERT_FALSE(trailing) << "an empty entry is refused, not skipped";
  EXPECT_EQ(trailing.error().field, "server.trusted_proxies");
}

TEST(Config, SecretsAreMasked) {
  auto c = load_config(std::nullopt, env_of({}),
                       {{"storage.database_url", "postgresql://sen:hunter2@db.example/sen"}});
  ASSERT_TRUE(c);
  for (const auto& s : settings()) {
    if (s.key == "storage.database_url") {
      EXPECT_EQ(masked_value(s, *c), "postgresql://sen:****@db.example/sen");
    }
  }
  EXPECT_EQ(mask_url_password("postgresql://localhost/sen"), "postgresql://localhost/sen");
}

}  // namespace
}  // namespace sen
