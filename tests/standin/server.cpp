#include "server.hpp"

#include <fcntl.h>
#include <poll.h>
#include <sys/socket.h>
#include <unistd.h>

#include <cerrno>
#include <cstring>
#include <stdexcept>

#include "connection.hpp"

namespace pgw::standin {

Server::Server(Options options) : options_(std::move(options)) {
  listener_ = listen_tcp(options_.listen_host, options_.listen_port, port_);
  int p[2];
  if (::pipe2(p, O_CLOEXEC) != 0)
    throw std::runtime_error(std::string("pipe failed: ") + std::strerror(errno));
  stop_read_.reset(p[0]);
  stop_write_.reset(p[1]);
}

Server::~Server() {
  stop_write_.reset();  // every connection's poll sees the hang-up
  reap(true);
}

void Server::reap(bool all) {
  for (auto it = workers_.begin(); it != workers_.end();) {
    if (all || (*it)->done) {
      if ((*it)->thread.joinable()) (*it)->thread.join();
      it = workers_.erase(it);
    } else {
      ++it;
    }
  }
}

void Server::run(int wake_fd) {
  const ServerContext ctx{options_, cancels_, stop_read_.get()};
  for (;;) {
    pollfd p[2] = {{listener_.get(), POLLIN, 0}, {wake_fd, POLLIN, 0}};
    const int n = ::poll(p, 2, -1);
    if (n < 0) {
      if (errno == EINTR) continue;
      break;
    }
    if (p[1].revents != 0) break;
    if (p[0].revents == 0) continue;
    Fd client(::accept4(listener_.get(), nullptr, nullptr, SOCK_CLOEXEC | SOCK_NONBLOCK));
    reap(false);
    if (!client) continue;
    auto w = std::make_unique<Worker>();
    Worker* raw = w.get();
    w->thread = std::thread([raw, &ctx, fd = client.release()] {
      serve_client(Fd(fd), ctx);
      raw->done = true;
    });
    workers_.push_back(std::move(w));
  }
  listener_.reset();
  stop_write_.reset();
  reap(true);
}

}  // namespace pgw::standin
