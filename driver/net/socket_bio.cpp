#include "net/socket_bio.hpp"

#include <sys/socket.h>

#include <cerrno>
#include <climits>
#include <new>

#include "common/error.hpp"
#include "net/openssl_errors.hpp"

namespace pgw::net {
namespace {

SocketBioState& state_of(BIO* bio) {
  return *static_cast<SocketBioState*>(BIO_get_data(bio));
}

int bio_write(BIO* bio, const char* data, int len) {
  SocketBioState& st = state_of(bio);
  BIO_clear_retry_flags(bio);
  for (;;) {
    const ssize_t n = ::send(st.fd, data, static_cast<std::size_t>(len), MSG_NOSIGNAL);
    if (n >= 0) return static_cast<int>(n);
    if (errno == EINTR) continue;
    if (errno == EAGAIN || errno == EWOULDBLOCK) {
      BIO_set_retry_write(bio);
    } else {
      st.last_errno = errno;
    }
    return -1;
  }
}

int bio_read(BIO* bio, char* buf, int len) {
  SocketBioState& st = state_of(bio);
  BIO_clear_retry_flags(bio);
  for (;;) {
    const ssize_t n = ::recv(st.fd, buf, static_cast<std::size_t>(len), 0);
    if (n > 0) return static_cast<int>(n);
    if (n == 0) {
      st.eof = true;
      return 0;
    }
    if (errno == EINTR) continue;
    if (errno == EAGAIN || errno == EWOULDBLOCK) {
      BIO_set_retry_read(bio);
    } else {
      st.last_errno = errno;
    }
    return -1;
  }
}

int bio_puts(BIO* bio, const char* str) {
  const std::size_t len = std::char_traits<char>::length(str);
  return bio_write(bio, str, len > INT_MAX ? INT_MAX : static_cast<int>(len));
}

long bio_ctrl(BIO*, int cmd, long, void*) {
  // Writes go straight to the socket, so there is never anything to flush.
  return cmd == BIO_CTRL_FLUSH ? 1 : 0;
}

int bio_create(BIO* bio) {
  BIO_set_init(bio, 1);
  return 1;
}

const BIO_METHOD* socket_bio_method() {
  static const BioMethodPtr method = [] {
    BioMethodPtr m(BIO_meth_new(BIO_get_new_index() | BIO_TYPE_SOURCE_SINK, "pgw socket"));
    if (!m || !BIO_meth_set_write(m.get(), bio_write) || !BIO_meth_set_read(m.get(), bio_read) ||
        !BIO_meth_set_puts(m.get(), bio_puts) || !BIO_meth_set_ctrl(m.get(), bio_ctrl) ||
        !BIO_meth_set_create(m.get(), bio_create)) {
      return BioMethodPtr();
    }
    return m;
  }();
  return method.get();
}

}  // namespace

BioPtr make_socket_bio(SocketBioState& state) {
  const BIO_METHOD* method = socket_bio_method();
  BioPtr bio(method ? BIO_new(method) : nullptr);
  if (!bio) throw DriverError("08001", "could not create SSL BIO: " + take_openssl_error());
  BIO_set_data(bio.get(), &state);
  return bio;
}

}  // namespace pgw::net
