#pragma once
// The message-level heart of the stand-in, without any I/O: frontend messages from the client go
// in, what must go upstream and what the client must receive come out, rewritten per vendor.
//
// Every frontend message that PostgreSQL answers is recorded in a queue, so each backend message
// can be matched with the request it answers (which statement, which portal, which query string).
// Requests the stand-in answers itself (CrateDB's BEGIN/COMMIT/ROLLBACK) sit in the same queue and
// are answered when they reach its head, so answers keep the order the client sent requests in.
#include <cstdint>
#include <deque>
#include <map>
#include <span>
#include <string>
#include <vector>

#include "sql_text.hpp"
#include "type_rewrite.hpp"
#include "vendor.hpp"
#include "wire/buffer.hpp"
#include "wire/frontend.hpp"

namespace pgw::standin {

class Relay {
 public:
  explicit Relay(Vendor vendor) : vendor_(vendor) {}

  // One complete frontend message (type byte and body). Throws DriverError 08P01 when malformed.
  void from_client(char type, std::span<const std::byte> body);
  // One complete backend message from PostgreSQL. Throws DriverError 08P01 when malformed.
  void from_upstream(char type, std::span<const std::byte> body);

  // Bytes to write; the caller writes and clears them.
  wire::Buffer& to_upstream() { return upstream_out_; }
  wire::Buffer& to_client() { return client_out_; }
  // The client sent Terminate.
  bool terminated() const { return terminated_; }
  // Requests still waiting for an answer (for tests).
  std::size_t pending() const { return pending_.size(); }

 private:
  enum class Kind : std::uint8_t { Query, Parse, Bind, Describe, Execute, Close, Sync };

  struct Pending {
    Kind kind = Kind::Query;
    bool hidden = false;     // sent by the stand-in itself; its answer is not relayed
    bool synthetic = false;  // answered by the stand-in with `answer`, never sent upstream
    bool synthetic_error = false;
    wire::Buffer answer{};
    TxVerb effect = TxVerb::None;  // CrateDB: BEGIN/COMMIT state change once answered
    std::string name{};            // statement or portal
    wire::Target target = wire::Target::Statement;
    std::string statement{};  // Execute: the statement behind the portal
    std::string word{};       // first word of the query string
    // Which Parse/Bind a Describe or Execute refers to: a name may be reused by later requests
    // before this one is answered.
    std::uint64_t generation = 0;
    bool actions_ready = false;
    std::vector<ColumnAction> actions{};  // Execute: DataRow conversions
  };

  struct Statement {
    std::string sql{};
    TxVerb verb = TxVerb::None;
    std::vector<std::uint32_t> upstream_params{};  // PostgreSQL's parameter types, 0 = unknown
    std::uint64_t generation = 0;
  };

  struct Portal {
    std::string statement{};
    TxVerb verb = TxVerb::None;
    std::vector<UpstreamColumn> columns{};  // from a Describe of the portal
    bool described = false;
    std::uint64_t generation = 0;
  };

  void on_query(std::span<const std::byte> body);
  void on_parse(std::span<const std::byte> body);
  void on_bind(std::span<const std::byte> body);
  void on_describe(std::span<const std::byte> body);
  void on_execute(std::span<const std::byte> body);
  void on_close(std::span<const std::byte> body);

  void answer_query(Pending& p, char type, std::span<const std::byte> body);
  void answer_describe(Pending& p, char type, std::span<const std::byte> body);
  void answer_execute(Pending& p, char type, std::span<const std::byte> body);
  void answer_sync(char type, std::span<const std::byte> body);
  // An ErrorResponse in the extended protocol: PostgreSQL skips everything up to the next Sync.
  void skip_to_sync();
  void relay_error_to_client(std::span<const std::byte> body);
  bool set_ignored(const Pending& p, std::span<const std::byte> body) const;

  void forward(char type, std::span<const std::byte> body);
  void push(Pending p) { pending_.push_back(std::move(p)); }
  void pop() { pending_.pop_front(); }
  // Answers the synthetic requests at the head of the queue.
  void drain();
  bool execute_follows(const std::string& statement) const;

  // Where a message for the client goes: the held-back buffer while a CockroachDB SET is being
  // reordered (see answer of Parse), else the client's buffer.
  wire::Buffer& sink(char type);
  void emit(char type, std::span<const std::byte> body);
  void release_held();

  Vendor vendor_;
  wire::Buffer upstream_out_;
  wire::Buffer client_out_;
  wire::Buffer held_;
  bool holding_ = false;
  std::deque<Pending> pending_;
  std::map<std::string, Statement> statements_;
  std::map<std::string, Portal> portals_;
  bool discard_until_sync_ = false;  // CrateDB: after an error the stand-in answered itself
  bool batch_failed_ = false;        // CrateDB: an error since the last Sync
  bool in_begin_ = false;            // CrateDB: between BEGIN and COMMIT
  bool terminated_ = false;
  std::uint64_t generation_ = 0;
};

}  // namespace pgw::standin
