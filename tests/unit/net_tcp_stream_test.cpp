#include <gtest/gtest.h>
#include <netinet/in.h>
#include <poll.h>
#include <sys/socket.h>
#include <sys/un.h>

#include <cstdlib>
#include <cstring>
#include <filesystem>
#include <future>
#include <string>
#include <thread>

#include "common/error.hpp"
#include "net/fd_wait.hpp"
#include "net/tcp_stream.hpp"
#include "net_test_support.hpp"

namespace pgw::net {
namespace {

using namespace std::chrono_literals;
using namespace pgw::net::testing;

// Echoes everything until the client closes.
void echo_server(int listen_fd) {
  UniqueFd fd = accept_one(listen_fd);
  char buf[4096];
  for (;;) {
    const ssize_t n = ::recv(fd.get(), buf, sizeof buf, 0);
    if (n <= 0) return;
    if (::send(fd.get(), buf, static_cast<std::size_t>(n), MSG_NOSIGNAL) != n) return;
  }
}

std::uint16_t closed_port() {
  Listener l = listen_local();
  return l.port;  // closed again when l goes out of scope
}

TEST(NetTcp, ConnectToClosedPortIs08001) {
  const std::uint16_t port = closed_port();
  EXPECT_EQ(
      error_of([&] { connect_tcp("127.0.0.1", port, in(5s)); }),
      "08001: could not connect to 127.0.0.1:" + std::to_string(port) + ": Connection refused");
}

TEST(NetTcp, ConnectByNameShowsTheAddressTried) {
  const std::uint16_t port = closed_port();
  const std::string err = error_of([&] { connect_tcp("localhost", port, in(5s)); });
  EXPECT_EQ(err.rfind("08001: could not connect to localhost:" + std::to_string(port) + " (", 0),
            0u)
      << err;
  EXPECT_NE(err.find("(127.0.0.1): Connection refused"), std::string::npos) << err;
}

TEST(NetTcp, EchoRoundTrip) {
  Listener l = listen_local();
  std::thread server(echo_server, l.fd.get());
  {
    auto s = connect_tcp("127.0.0.1", l.port, in(5s));
    EXPECT_FALSE(s->is_tls());
    EXPECT_TRUE(s->tls_server_end_point().empty());
    EXPECT_EQ(s->endpoint(), "127.0.0.1:" + std::to_string(l.port));
    s->write_all(bytes("hello, server"), in(5s));
    EXPECT_EQ(read_exactly(*s, 13, in(5s)), "hello, server");
    EXPECT_FALSE(s->readable_now());
    s->write_all(bytes("x"), in(5s));
    ASSERT_TRUE(wait_for_fd(s->fd(), POLLIN, in(5s)));
    EXPECT_TRUE(s->readable_now());
    EXPECT_EQ(read_exactly(*s, 1, kNoDeadline), "x");
  }
  server.join();
}

TEST(NetTcp, LargeWriteArrivesWhole) {
  Listener l = listen_local();
  std::string payload(8 << 20, '\0');
  for (std::size_t i = 0; i < payload.size(); ++i) payload[i] = static_cast<char>(i * 7 + i / 4096);
  // The server counts and checksums what it receives, then reports back.
  std::thread server([&] {
    UniqueFd fd = accept_one(l.fd.get());
    std::uint64_t count = 0, sum = 0;
    char buf[65536];
    while (count < payload.size()) {
      const ssize_t n = ::recv(fd.get(), buf, sizeof buf, 0);
      if (n <= 0) break;
      for (ssize_t i = 0; i < n; ++i) sum = sum * 31 + static_cast<unsigned char>(buf[i]);
      count += static_cast<std::uint64_t>(n);
    }
    const std::string report = std::to_string(count) + "/" + std::to_string(sum) + ";";
    ::send(fd.get(), report.data(), report.size(), MSG_NOSIGNAL);
  });
  std::uint64_t expected_sum = 0;
  for (char c : payload) expected_sum = expected_sum * 31 + static_cast<unsigned char>(c);
  const std::string expected =
      std::to_string(payload.size()) + "/" + std::to_string(expected_sum) + ";";
  {
    auto s = connect_tcp("127.0.0.1", l.port, in(5s));
    s->write_all(bytes(payload), in(30s));
    EXPECT_EQ(read_exactly(*s, expected.size(), in(30s)), expected);
  }
  server.join();
}

TEST(NetTcp, ReadDeadlineIsHYT00) {
  Listener l = listen_local();  // accepts in the kernel, never writes
  auto s = connect_tcp("127.0.0.1", l.port, in(5s));
  std::byte buf[16];
  const auto start = Clock::now();
  EXPECT_EQ(error_of([&] { s->read_some(buf, start + 50ms); }),
            "HYT00: timeout expired while reading from the server");
  const auto waited = Clock::now() - start;
  EXPECT_GE(waited, 50ms);
  EXPECT_LT(waited, 5s);
  // The stream stays usable after a timeout.
  EXPECT_EQ(error_of([&] { s->read_some(buf, Clock::now()); }),
            "HYT00: timeout expired while reading from the server");
}

TEST(NetTcp, WriteDeadlineIsHYT00) {
  Listener l = listen_local();  // never reads, so the socket buffers fill up
  auto s = connect_tcp("127.0.0.1", l.port, in(5s));
  const std::string chunk(32 << 20, 'w');
  const auto start = Clock::now();
  EXPECT_EQ(error_of([&] { s->write_all(bytes(chunk), start + 200ms); }),
            "HYT00: timeout expired while writing to the server");
  EXPECT_GE(Clock::now() - start, 200ms);
}

TEST(NetTcp, ServerCloseIs08S01) {
  Listener l = listen_local();
  std::promise<void> closed;
  std::thread server([&] {
    accept_one(l.fd.get()).reset();
    closed.set_value();
  });
  auto s = connect_tcp("127.0.0.1", l.port, in(5s));
  closed.get_future().wait();
  std::byte buf[16];
  EXPECT_EQ(error_of([&] { s->read_some(buf, in(5s)); }),
            "08S01: server closed the connection unexpectedly");
  // Writing to the closed peer fails with EPIPE/ECONNRESET, never SIGPIPE (which would kill us).
  std::string err;
  for (int i = 0; i < 100 && err.empty(); ++i) {
    err = error_of([&] { s->write_all(bytes("more data"), in(5s)); });
    if (err == "no error") err.clear();
  }
  EXPECT_EQ(err.rfind("08S01: connection to server lost: ", 0), 0u) << err;
  server.join();
}

TEST(NetTcp, ClosedStreamThrows08S01) {
  Listener l = listen_local();
  auto s = connect_tcp("127.0.0.1", l.port, in(5s));
  s->close();
  s->close();  // idempotent
  EXPECT_EQ(s->fd(), -1);
  EXPECT_TRUE(s->readable_now());
  std::byte buf[4];
  EXPECT_EQ(error_of([&] { s->read_some(buf, in(1s)); }),
            "08S01: connection to server lost: the connection is closed");
  EXPECT_EQ(error_of([&] { s->write_all(bytes("x"), in(1s)); }),
            "08S01: connection to server lost: the connection is closed");
}

TEST(NetTcp, UnixSocketDirectory) {
  char dir_template[] = "/tmp/pgw_net_unix_XXXXXX";
  ASSERT_NE(::mkdtemp(dir_template), nullptr);
  const std::string dir = dir_template;
  const std::string path = dir + "/.s.PGSQL.5999";
  UniqueFd lfd(::socket(AF_UNIX, SOCK_STREAM | SOCK_CLOEXEC, 0));
  sockaddr_un addr{};
  addr.sun_family = AF_UNIX;
  std::strcpy(addr.sun_path, path.c_str());
  ASSERT_EQ(::bind(lfd.get(), reinterpret_cast<sockaddr*>(&addr), sizeof addr), 0);
  ASSERT_EQ(::listen(lfd.get(), 4), 0);
  std::thread server(echo_server, lfd.get());
  {
    auto s = connect_tcp(dir, 5999, in(5s));
    EXPECT_TRUE(s->is_unix_socket());
    EXPECT_EQ(s->endpoint(), path);
    s->write_all(bytes("over unix"), in(5s));
    EXPECT_EQ(read_exactly(*s, 9, in(5s)), "over unix");
  }
  server.join();
  EXPECT_EQ(error_of([&] { connect_tcp(dir, 5998, in(5s)); }),
            "08001: could not connect to " + dir + "/.s.PGSQL.5998: No such file or directory");
  std::filesystem::remove_all(dir);
}

TEST(NetTcp, UnixSocketPathTooLong) {
  const std::string dir = "/" + std::string(120, 'd');
  EXPECT_EQ(error_of([&] { connect_tcp(dir, 5432, in(1s)); }).substr(0, 35),
            "08001: Unix-domain socket path \"/dd");
}

TEST(NetTcp, EmptyHostRefused) {
  EXPECT_EQ(error_of([&] { connect_tcp("", 5432, in(1s)); }),
            "08001: could not connect: no host name given");
}

TEST(NetTcp, ConnectDeadlineIsHYT00) {
  // A backlog of 0 admits one pending connection; further SYNs are dropped, so the next connect
  // stays in progress until our deadline.
  Listener l = listen_local(0);
  std::vector<UniqueFd> fillers;
  for (int i = 0; i < 4; ++i) {
    UniqueFd f(::socket(AF_INET, SOCK_STREAM | SOCK_NONBLOCK | SOCK_CLOEXEC, 0));
    sockaddr_in addr{};
    addr.sin_family = AF_INET;
    addr.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
    addr.sin_port = htons(l.port);
    ::connect(f.get(), reinterpret_cast<sockaddr*>(&addr), sizeof addr);
    fillers.push_back(std::move(f));
  }
  const auto start = Clock::now();
  const std::string err = error_of([&] { connect_tcp("127.0.0.1", l.port, start + 100ms); });
  if (err == "no error") GTEST_SKIP() << "this kernel does not drop SYNs on a full backlog";
  EXPECT_EQ(err, "HYT00: timeout expired while connecting to 127.0.0.1:" + std::to_string(l.port));
  EXPECT_GE(Clock::now() - start, 100ms);
}

}  // namespace
}  // namespace pgw::net
