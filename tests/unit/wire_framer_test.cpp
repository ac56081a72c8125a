// Framing of a byte stream: split at every boundary, oversize and malformed rejection.
#include <gtest/gtest.h>

#include <string>
#include <vector>

#include "wire/backend.hpp"
#include "wire/backend_encode.hpp"
#include "wire/framer.hpp"

namespace pgw::wire {
namespace {

Buffer bytes(std::initializer_list<int> v) {
  Buffer b;
  for (int x : v) b.push_back(static_cast<std::byte>(x));
  return b;
}

struct Decoded {
  char type;
  std::string body;
  bool operator==(const Decoded&) const = default;
};

// Feeds `stream` to a consumer that sees it in two reads split at `cut`, like a socket would.
std::vector<Decoded> decode_in_two_reads(const Buffer& stream, std::size_t cut) {
  std::vector<Decoded> out;
  Buffer pending;
  auto drain = [&] {
    std::size_t off = 0;
    while (auto f = next_frame(std::span(pending).subspan(off), 1 << 20)) {
      out.push_back(
          {f->type, std::string(reinterpret_cast<const char*>(f->body.data()), f->body.size())});
      off += f->total_size;
    }
    pending.erase(pending.begin(), pending.begin() + static_cast<std::ptrdiff_t>(off));
  };
  pending.insert(pending.end(), stream.begin(), stream.begin() + static_cast<std::ptrdiff_t>(cut));
  drain();
  pending.insert(pending.end(), stream.begin() + static_cast<std::ptrdiff_t>(cut), stream.end());
  drain();
  EXPECT_TRUE(pending.empty());
  return out;
}

TEST(WireFramer, StreamSplitAtEveryByteBoundary) {
  Buffer s;
  server::authentication_ok(s);
  server::parameter_status(s, "client_encoding", "UTF8");
  server::backend_key_data(s, 1, 2);
  server::ready_for_query(s, 'I');
  const FieldDescription fields[] = {{"a", 0, 0, 23, 4, -1, 0}};
  server::row_description(s, fields);
  const Column row[] = {{"42", 2}, {nullptr, -1}};
  server::data_row(s, row);
  server::command_complete(s, "SELECT 1");
  server::empty_query_response(s);  // an empty body at the end of a read is a frame too
  server::ready_for_query(s, 'T');

  const auto whole = decode_in_two_reads(s, s.size());
  ASSERT_EQ(whole.size(), 9u);
  EXPECT_EQ(whole[0].type, 'R');
  EXPECT_EQ(whole[5].type, 'D');
  EXPECT_EQ(whole[7].type, 'I');
  EXPECT_EQ(whole[7].body, "");
  EXPECT_EQ(whole[8].body, "T");
  for (std::size_t cut = 0; cut <= s.size(); ++cut) {
    EXPECT_EQ(decode_in_two_reads(s, cut), whole) << "cut at " << cut;
  }
}

TEST(WireFramer, ByteAtATime) {
  Buffer s;
  server::command_complete(s, "SELECT 1");
  for (std::size_t n = 0; n < s.size(); ++n) {
    EXPECT_FALSE(next_frame(std::span(s).first(n), 100).has_value()) << n;
    EXPECT_EQ(frame_bytes_needed(std::span(s).first(n), 100), n < 5 ? 5u : s.size());
  }
  auto f = next_frame(s, 100);
  ASSERT_TRUE(f.has_value());
  EXPECT_EQ(f->total_size, s.size());
}

TEST(WireFramer, LengthBelowFourRejected) {
  for (int len : {0, 1, 3}) {
    auto b = bytes({'Z', 0, 0, 0, len});
    try {
      next_frame(b, 100);
      FAIL() << "expected DriverError";
    } catch (const DriverError& e) {
      EXPECT_EQ(e.sqlstate(), "08P01");
    }
  }
}

TEST(WireFramer, OversizeRejectedFromHeaderAlone) {
  // Only the header has arrived; the declared body (1000) exceeds the limit (999).
  auto b = bytes({'D', 0, 0, 0x03, 0xEC});
  try {
    next_frame(b, 999);
    FAIL() << "expected DriverError";
  } catch (const DriverError& e) {
    EXPECT_EQ(e.sqlstate(), "08P01");
    EXPECT_NE(std::string(e.what()).find("too large"), std::string::npos);
  }
  EXPECT_THROW(frame_bytes_needed(b, 999), DriverError);
  EXPECT_FALSE(next_frame(b, 1000).has_value());  // at the limit: just incomplete
  auto huge = bytes({'D', 0xff, 0xff, 0xff, 0xff});
  EXPECT_THROW(next_frame(huge, std::size_t{1} << 30), DriverError);
}

}  // namespace
}  // namespace pgw::wire
