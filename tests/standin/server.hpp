#pragma once
// The listener: one thread per client connection, all of them stopped by stop().
#include <atomic>
#include <cstdint>
#include <list>
#include <memory>
#include <thread>

#include "cancel_registry.hpp"
#include "options.hpp"
#include "socket_io.hpp"

namespace pgw::standin {

class Server {
 public:
  // Binds the listening socket (so port() is known before run()).
  explicit Server(Options options);
  ~Server();
  Server(const Server&) = delete;
  Server& operator=(const Server&) = delete;

  std::uint16_t port() const { return port_; }
  // Accepts and serves clients until wake_fd becomes readable; then ends every connection and
  // returns once all connection threads have finished.
  void run(int wake_fd);

 private:
  struct Worker {
    std::thread thread;
    std::atomic<bool> done{false};
  };
  void reap(bool all);

  Options options_;
  CancelRegistry cancels_;
  Fd listener_;
  std::uint16_t port_ = 0;
  Fd stop_read_, stop_write_;
  std::list<std::unique_ptr<Worker>> workers_;
};

}  // namespace pgw::standin
