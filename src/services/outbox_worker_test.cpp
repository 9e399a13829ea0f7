#include "services/outbox_worker.hpp"

#include <gtest/gtest.h>
#include <netinet/in.h>
#include <sys/socket.h>
#include <unistd.h>

#include "storage/testing/backend_test.hpp"

namespace sen::services {
namespace {

// A loopback port with nothing listening: bound, then closed.
int closed_port() {
  const int fd = ::socket(AF_INET, SOCK_STREAM, 0);
  sockaddr_in addr{};
  addr.sin_family = AF_INET;
  addr.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
  ::bind(fd, reinterpret_cast<sockaddr*>(&addr), sizeof addr);
  socklen_t len = sizeof addr;
  ::getsockname(fd, reinterpret_cast<sockaddr*>(&addr), &len);
  ::close(fd);
  return ntohs(addr.sin_port);
}

class OutboxWorkerTest : public storage::testing::BackendTest {
 protected:
  void queue_one() {
    auto r = db().write_transaction([&](storage::Connection& c) -> Status {
      auto ins = c.execute(
          "INSERT INTO outbox (recipient, subject, body, next_attempt_at, created_at) VALUES ($1, $2, $3, "
          "$4, $4)",
          {std::string("an@example.vn"), std::string("Hồ sơ"), std::string("Nội dung"),
           format_rfc3339(clock_.now())});
      if (!ins) return tl::unexpected(ins.error());
      return {};
    });
    ASSERT_TRUE(r) << r.error().internal;
  }
  storage::Row row() {
    auto conn = db().acquire();
    auto rows = (*conn)->execute("SELECT attempts, sent_at, last_error, next_attempt_at FROM outbox", {});
    EXPECT_TRUE(rows && rows->rows.size() == 1);
    return rows->rows.front();
  }
};

TEST_P(OutboxWorkerTest, AFailedDeliveryIsKeptAndRetriedLater) {
  queue_one();
  ServicesConfig config;
  config.smtp_host = "127.0.0.1";
  config.smtp_port = closed_port();
  config.smtp_timeout_ms = 2000;
  storage::Leadership leadership(test_db_->config);
  OutboxWorker worker(db(), leadership, config, clock_);
  auto sent = worker.deliver_due();
  ASSERT_TRUE(sent) << sent.error().internal;
  EXPECT_EQ(*sent, 0);
  auto r = row();
  EXPECT_EQ(r.integer(0), 1);
  EXPECT_TRUE(r.is_null(1));
  EXPECT_FALSE(r.text(2).empty());
  EXPECT_GT(r.text(3), format_rfc3339(clock_.now()));  // not due again right away
  ASSERT_TRUE(worker.deliver_due());
  EXPECT_EQ(row().integer(0), 1);  // the backoff holds it back
}

TEST_P(OutboxWorkerTest, GivesUpAfterTheLastAttempt) {
  queue_one();
  ServicesConfig config;
  config.smtp_host = "127.0.0.1";
  config.smtp_port = closed_port();
  config.outbox_max_attempts = 1;
  storage::Leadership leadership(test_db_->config);
  OutboxWorker worker(db(), leadership, config, clock_);
  ASSERT_TRUE(worker.deliver_due());
  ASSERT_TRUE(db().write_transaction([&](storage::Connection& c) -> Status {
    auto u = c.execute("UPDATE outbox SET next_attempt_at = $1", {std::string("2000-01-01T00:00:00+07:00")});
    if (!u) return tl::unexpected(u.error());
    return {};
  }));
  ASSERT_TRUE(worker.deliver_due());
  EXPECT_EQ(row().integer(0), 1);
}

SEN_INSTANTIATE_FOR_BACKENDS(OutboxWorkerTest);

}  // namespace
}  // namespace sen::services
