#include "http/access_log.hpp"

#include <gtest/gtest.h>
#include <unistd.h>

#include <boost/json.hpp>

namespace sen::http {
namespace {

std::string read_all(int fd) {
  std::string out;
  char buf[4096];
  for (ssize_t n; (n = ::read(fd, buf, sizeof buf)) > 0;) out.append(buf, static_cast<std::size_t>(n));
  return out;
}

TEST(AccessLog, WritesOneValidJsonLinePerRequestWithHostileTextEscaped) {
  int fds[2];
  ASSERT_EQ(::pipe(fds), 0);
  {
    AccessLog log(fds[1]);
    log.write({"id-1", "127.0.0.1", "GET", "/api/v1/places/01", 200, 15, 42});
    log.write({"id-2", "127.0.0.1", "GET", "/x\"\n{\"forged\":1}\\", 404, 0, 7});
  }
  ::close(fds[1]);
  const std::string text = read_all(fds[0]);
  ::close(fds[0]);
  ASSERT_EQ(std::count(text.begin(), text.end(), '\n'), 2) << "a newline in a path must not forge a line";
  const auto second = boost::json::parse(text.substr(text.find('\n') + 1)).as_object();
  EXPECT_EQ(second.at("path").as_string(), "/x\"\n{\"forged\":1}\\");
  EXPECT_EQ(second.at("status").as_int64(), 404);
  const auto first = boost::json::parse(text.substr(0, text.find('\n'))).as_object();
  EXPECT_EQ(first.at("request_id").as_string(), "id-1");
  EXPECT_EQ(first.at("duration_us").as_int64(), 42);
}

TEST(AccessLog, DropsAndCountsLinesInsteadOfBlockingWhenTheWriterFallsBehind) {
  int fds[2];
  ASSERT_EQ(::pipe(fds), 0);
  AccessLog log(fds[1], 300);  // room for about two lines
  for (int i = 0; i < 50; ++i) log.write({"id", "127.0.0.1", "GET", "/healthz", 200, 15, 1});
  EXPECT_GT(log.dropped(), 0u);
  EXPECT_LT(log.dropped(), 50u);
}

}  // namespace
}  // namespace sen::http
