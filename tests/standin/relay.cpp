#include "relay.hpp"

#include <algorithm>

#include "vendor_errors.hpp"
#include "wire/backend.hpp"
#include "wire/backend_encode.hpp"
#include "wire/frontend_decode.hpp"

namespace pgw::standin {

namespace {

void append_frame(wire::Buffer& out, char type, std::span<const std::byte> body) {
  wire::MessageWriter w(out, type);
  wire::put_bytes(out, body.data(), body.size());
  w.finish();
}

std::string rollback_syntax_error(std::string_view sql) {
  std::size_t i = 0;
  while (i < sql.size() && (sql[i] == ' ' || sql[i] == '\t' || sql[i] == '\n' || sql[i] == '\r'))
    ++i;
  std::size_t j = i;
  while (j < sql.size() && sql[j] != ' ' && sql[j] != '\t' && sql[j] != '\n' && sql[j] != ';') ++j;
  return "line 1:" + std::to_string(i + 1) + ": mismatched input '" +
         std::string(sql.substr(i, j - i)) +
         "' expecting {'SELECT', 'DEALLOCATE', 'FETCH', 'END', 'WITH', 'CREATE', 'ALTER', "
         "'KILL', 'CLOSE', 'BEGIN', 'START', 'COMMIT', 'ANALYZE', 'DISCARD', 'EXPLAIN', 'SHOW', "
         "'OPTIMIZE', 'REFRESH', 'RESTORE', 'DROP', 'INSERT', 'VALUES', 'DELETE', 'UPDATE', "
         "'SET', 'RESET', 'COPY', 'GRANT', 'DENY', 'REVOKE', 'DECLARE'}";
}

// vendors.md "CommandComplete tag": BEGIN, else "<FIRST WORD> 0" for the ignored COMMIT.
std::string ignored_tx_tag(std::string_view sql) {
  return crate_command_tag(first_word_upper(sql), "");
}

}  // namespace

// --- client -> upstream ---------------------------------------------------------------------

void Relay::from_client(char type, std::span<const std::byte> body) {
  // CrateDB: after an error the stand-in made up in the extended protocol, the messages up to the
  // next Sync are skipped, as PostgreSQL itself would after an error.
  if (discard_until_sync_ && type != 'S') return;
  switch (type) {
    case 'Q':
      on_query(body);
      break;
    case 'P':
      on_parse(body);
      break;
    case 'B':
      on_bind(body);
      break;
    case 'D':
      on_describe(body);
      break;
    case 'E':
      on_execute(body);
      break;
    case 'C':
      on_close(body);
      break;
    case 'S':
      forward(type, body);
      push(Pending{.kind = Kind::Sync});
      discard_until_sync_ = false;
      break;
    case 'X':
      forward(type, body);
      terminated_ = true;
      break;
    default:  // Flush, CopyData, CopyDone, CopyFail, ...: no answer of their own
      forward(type, body);
      break;
  }
  drain();
}

void Relay::forward(char type, std::span<const std::byte> body) {
  append_frame(upstream_out_, type, body);
}

void Relay::on_query(std::span<const std::byte> body) {
  const wire::Query q = wire::server::parse_query(body);
  Pending p{.kind = Kind::Query, .word = first_word_upper(q.sql)};
  if (vendor_ == Vendor::CrateDB) {
    // vendors.md "transactions": CrateDB accepts BEGIN/COMMIT and ignores them; ROLLBACK is a
    // syntax error. "ReadyForQuery status after simple query": always 'I'.
    const TxVerb verb = tx_verb(q.sql);
    if (verb != TxVerb::None) {
      p.synthetic = true;
      if (verb == TxVerb::Rollback) {
        encode_error(vendor_, p.answer, "ERROR", "42601", rollback_syntax_error(q.sql));
      } else {
        wire::server::command_complete(p.answer, ignored_tx_tag(q.sql));
        p.effect = verb;
      }
      wire::server::ready_for_query(p.answer, 'I');
      push(std::move(p));
      return;
    }
  }
  forward('Q', body);
  push(std::move(p));
}

void Relay::on_parse(std::span<const std::byte> body) {
  std::vector<std::uint32_t> oids;
  const wire::Parse parse = wire::server::parse_parse(body, oids);
  const std::string name(parse.statement);
  Statement st{.sql = std::string(parse.sql), .upstream_params = oids, .generation = ++generation_};
  if (vendor_ == Vendor::CrateDB) st.verb = tx_verb(parse.sql);
  if (st.verb == TxVerb::Rollback) {
    // A statement that fails to parse does not exist afterwards.
    statements_.erase(name);
    Pending p{.kind = Kind::Parse, .synthetic = true, .synthetic_error = true, .name = name};
    encode_error(vendor_, p.answer, "ERROR", "42601", rollback_syntax_error(parse.sql));
    push(std::move(p));
    discard_until_sync_ = true;
    return;
  }
  Pending p{.kind = Kind::Parse,
            .name = name,
            .word = first_word_upper(parse.sql),
            .generation = st.generation};
  if (st.verb != TxVerb::None) {
    p.synthetic = true;
    wire::server::parse_complete(p.answer);
  } else {
    forward('P', body);
  }
  statements_[name] = std::move(st);
  push(std::move(p));
}

void Relay::on_bind(std::span<const std::byte> body) {
  std::vector<std::int16_t> param_formats, result_formats;
  std::vector<wire::Param> params;
  const wire::Bind bind = wire::server::parse_bind(body, param_formats, params, result_formats);
  const std::string portal_name(bind.portal);
  Portal portal{.statement = std::string(bind.statement), .generation = ++generation_};
  const auto st = statements_.find(portal.statement);
  if (st != statements_.end()) portal.verb = st->second.verb;
  portals_[portal_name] = portal;

  Pending p{.kind = Kind::Bind, .name = portal_name};
  if (portal.verb != TxVerb::None) {
    p.synthetic = true;
    wire::server::bind_complete(p.answer);
    push(std::move(p));
    return;
  }
  bool rewritten = false;
  if (vendor_ == Vendor::CockroachDB && st != statements_.end())
    rewritten = rewrite_bind_params(st->second.upstream_params, bind, upstream_out_);
  if (!rewritten) forward('B', body);
  push(std::move(p));

  // Binary result columns may need converting (int4 -> int8, json -> jsonb), which needs their
  // real types: ask PostgreSQL with a Describe of our own, answered before any DataRow.
  const bool binary = std::any_of(result_formats.begin(), result_formats.end(),
                                  [](std::int16_t f) { return f == 1; });
  if (vendor_ == Vendor::CockroachDB && binary) {
    wire::encode(upstream_out_, wire::Describe{wire::Target::Portal, portal_name});
    push(Pending{.kind = Kind::Describe,
                 .hidden = true,
                 .name = portal_name,
                 .target = wire::Target::Portal,
                 .generation = portal.generation});
  }
}

void Relay::on_describe(std::span<const std::byte> body) {
  const wire::Describe d = wire::server::parse_describe(body);
  const std::string name(d.name);
  Pending p{.kind = Kind::Describe, .name = name, .target = d.target};
  TxVerb verb = TxVerb::None;
  if (d.target == wire::Target::Statement) {
    if (auto it = statements_.find(name); it != statements_.end()) {
      verb = it->second.verb;
      p.generation = it->second.generation;
    }
  } else if (auto it = portals_.find(name); it != portals_.end()) {
    verb = it->second.verb;
    p.generation = it->second.generation;
  }
  if (verb != TxVerb::None) {
    p.synthetic = true;
    if (d.target == wire::Target::Statement) wire::server::parameter_description(p.answer, {});
    wire::server::no_data(p.answer);
  } else {
    forward('D', body);
  }
  push(std::move(p));
}

void Relay::on_execute(std::span<const std::byte> body) {
  const wire::Execute e = wire::server::parse_execute(body);
  Pending p{.kind = Kind::Execute, .name = std::string(e.portal)};
  TxVerb verb = TxVerb::None;
  if (auto it = portals_.find(p.name); it != portals_.end()) {
    verb = it->second.verb;
    p.statement = it->second.statement;
    p.generation = it->second.generation;
    if (it->second.described) {
      p.actions = data_row_actions(vendor_, it->second.columns);
      p.actions_ready = true;
    }
    if (auto st = statements_.find(p.statement); st != statements_.end()) {
      p.word = first_word_upper(st->second.sql);
      if (verb != TxVerb::None) {
        wire::server::command_complete(p.answer, ignored_tx_tag(st->second.sql));
      }
    }
  }
  if (verb != TxVerb::None) {
    p.synthetic = true;
    p.effect = verb;
  } else {
    forward('E', body);
  }
  push(std::move(p));
}

void Relay::on_close(std::span<const std::byte> body) {
  const wire::Close c = wire::server::parse_close(body);
  const std::string name(c.name);
  TxVerb verb = TxVerb::None;
  if (c.target == wire::Target::Statement) {
    if (auto it = statements_.find(name); it != statements_.end()) {
      verb = it->second.verb;
      statements_.erase(it);
    }
  } else if (auto it = portals_.find(name); it != portals_.end()) {
    verb = it->second.verb;
    portals_.erase(it);
  }
  Pending p{.kind = Kind::Close, .name = name, .target = c.target};
  if (verb != TxVerb::None) {
    p.synthetic = true;
    wire::server::close_complete(p.answer);
  } else {
    forward('C', body);
  }
  push(std::move(p));
}

void Relay::drain() {
  while (!pending_.empty() && pending_.front().synthetic) {
    Pending& p = pending_.front();
    wire::put_bytes(client_out_, p.answer.data(), p.answer.size());
    if (p.synthetic_error) batch_failed_ = true;
    if (p.effect == TxVerb::Begin) in_begin_ = true;
    if (p.effect == TxVerb::Commit) in_begin_ = false;
    if (p.kind == Kind::Query) batch_failed_ = false;
    pop();
  }
}

bool Relay::execute_follows(const std::string& statement) const {
  for (std::size_t i = 1; i < pending_.size(); ++i) {
    const Pending& p = pending_[i];
    if (p.kind == Kind::Sync) return false;
    if (p.kind == Kind::Execute && p.statement == statement) return true;
  }
  return false;
}

// --- upstream -> client ---------------------------------------------------------------------

wire::Buffer& Relay::sink(char type) {
  if (holding_) {
    switch (type) {
      case wire::msg::ParseComplete:
      case wire::msg::BindComplete:
      case wire::msg::CloseComplete:
      case wire::msg::ParameterDescription:
      case wire::msg::RowDescription:
      case wire::msg::NoData:
      case wire::msg::CommandComplete:  // PostgreSQL reports changed settings just before Z
        return held_;
      default:
        release_held();
    }
  }
  return client_out_;
}

void Relay::release_held() {
  wire::put_bytes(client_out_, held_.data(), held_.size());
  held_.clear();
  holding_ = false;
}

void Relay::emit(char type, std::span<const std::byte> body) {
  append_frame(sink(type), type, body);
}

void Relay::relay_error_to_client(std::span<const std::byte> body) {
  relay_error(vendor_, body, sink(wire::msg::ErrorResponse));
}

// vendors.md "ParameterStatus after SET" (CrateDB): unknown SET parameters are silently ignored.
bool Relay::set_ignored(const Pending& p, std::span<const std::byte> body) const {
  return vendor_ == Vendor::CrateDB && p.word == "SET" && sqlstate_of(body) == "42704";
}

void Relay::from_upstream(char type, std::span<const std::byte> body) {
  switch (type) {
    case wire::msg::ParameterStatus:
      // vendors.md "ParameterStatus after SET": CrateDB never sends it after startup.
      if (vendor_ == Vendor::CrateDB) return;
      wire::parse_parameter_status(body);  // validate before relaying
      // CockroachDB: "in the extended protocol it can arrive before ParseComplete".
      append_frame(client_out_, type, body);
      if (holding_) release_held();
      return;
    case wire::msg::NoticeResponse:
      // vendors.md "NoticeResponse": CrateDB never sends one.
      if (vendor_ == Vendor::CrateDB) return;
      emit(type, body);
      return;
    case wire::msg::NotificationResponse:
      emit(type, body);
      return;
    default:
      break;
  }
  drain();
  if (pending_.empty()) {
    // Nothing was asked: e.g. a FATAL before the server closes the connection.
    if (type == wire::msg::ErrorResponse) {
      relay_error_to_client(body);
    } else {
      emit(type, body);
    }
    return;
  }
  Pending& head = pending_.front();
  switch (head.kind) {
    case Kind::Query:
      answer_query(head, type, body);
      break;
    case Kind::Parse:
      if (type == wire::msg::ErrorResponse) {
        relay_error_to_client(body);
        skip_to_sync();
        break;
      }
      if (type == wire::msg::ParseComplete) {
        // Reproduces CockroachDB sending a SET's ParameterStatus ahead of ParseComplete: hold the
        // answers back until the ParameterStatus of the Execute that follows.
        if (vendor_ == Vendor::CockroachDB && head.word == "SET" && execute_follows(head.name))
          holding_ = true;
        emit(type, body);
        pop();
        break;
      }
      emit(type, body);
      break;
    case Kind::Bind:
    case Kind::Close:
      if (type == wire::msg::ErrorResponse) {
        relay_error_to_client(body);
        skip_to_sync();
        break;
      }
      emit(type, body);
      if (type == wire::msg::BindComplete || type == wire::msg::CloseComplete) pop();
      break;
    case Kind::Describe:
      answer_describe(head, type, body);
      break;
    case Kind::Execute:
      answer_execute(head, type, body);
      break;
    case Kind::Sync:
      answer_sync(type, body);
      break;
  }
  drain();
}

void Relay::answer_query(Pending& p, char type, std::span<const std::byte> body) {
  switch (type) {
    case wire::msg::RowDescription:
      rewrite_row_description(vendor_, body, sink(type));
      return;
    case wire::msg::CommandComplete:
      if (vendor_ == Vendor::CrateDB) {
        wire::server::command_complete(
            sink(type), crate_command_tag(p.word, wire::parse_command_complete(body)));
        return;
      }
      break;
    case wire::msg::ErrorResponse:
      if (set_ignored(p, body)) {
        wire::server::command_complete(sink(wire::msg::CommandComplete), "SET 0");
        return;
      }
      relay_error_to_client(body);
      return;
    case wire::msg::ReadyForQuery:
      if (vendor_ == Vendor::CrateDB) {
        wire::parse_ready_for_query(body);
        wire::server::ready_for_query(sink(type), 'I');
        batch_failed_ = false;
      } else {
        emit(type, body);
      }
      pop();
      return;
    default:
      break;
  }
  emit(type, body);
}

void Relay::answer_describe(Pending& p, char type, std::span<const std::byte> body) {
  switch (type) {
    case wire::msg::ParameterDescription: {
      std::vector<std::uint32_t> oids;
      wire::parse_parameter_description(body, oids);
      if (p.target == wire::Target::Statement) {
        auto it = statements_.find(p.name);
        if (it != statements_.end() && it->second.generation == p.generation)
          it->second.upstream_params = oids;
      }
      if (!p.hidden) rewrite_parameter_description(vendor_, body, sink(type));
      return;
    }
    case wire::msg::RowDescription:
    case wire::msg::NoData: {
      std::vector<UpstreamColumn> columns;
      if (type == wire::msg::RowDescription) {
        std::vector<wire::FieldDescription> fields;
        wire::parse_row_description(body, fields);
        for (const auto& f : fields) columns.push_back({f.type_oid, f.format});
      }
      if (p.target == wire::Target::Portal) {
        // The Executes of this Bind already queued, and later ones through the portal map.
        const auto actions = data_row_actions(vendor_, columns);
        for (Pending& e : pending_) {
          if (e.kind == Kind::Execute && e.generation == p.generation) {
            e.actions = actions;
            e.actions_ready = true;
          }
        }
        auto it = portals_.find(p.name);
        if (it != portals_.end() && it->second.generation == p.generation) {
          it->second.columns = std::move(columns);
          it->second.described = true;
        }
      }
      if (!p.hidden) {
        if (type == wire::msg::RowDescription) {
          rewrite_row_description(vendor_, body, sink(type));
        } else {
          emit(type, body);
        }
      }
      pop();
      return;
    }
    case wire::msg::ErrorResponse:
      relay_error_to_client(body);
      skip_to_sync();
      return;
    default:
      emit(type, body);
  }
}

void Relay::answer_execute(Pending& p, char type, std::span<const std::byte> body) {
  switch (type) {
    case wire::msg::DataRow:
      if (p.actions_ready && !p.actions.empty()) {
        rewrite_data_row(p.actions, body, sink(type));
        return;
      }
      break;
    case wire::msg::CommandComplete:
      if (vendor_ == Vendor::CrateDB) {
        wire::server::command_complete(
            sink(type), crate_command_tag(p.word, wire::parse_command_complete(body)));
      } else {
        emit(type, body);
      }
      pop();
      return;
    case wire::msg::EmptyQueryResponse:
    case wire::msg::PortalSuspended:
      emit(type, body);
      pop();
      return;
    case wire::msg::ErrorResponse:
      if (set_ignored(p, body)) {
        // PostgreSQL still skips to the next Sync; the batch counts as a success for CrateDB.
        wire::server::command_complete(sink(wire::msg::CommandComplete), "SET 0");
        pop();
        while (!pending_.empty() && pending_.front().kind != Kind::Sync) pop();
        return;
      }
      relay_error_to_client(body);
      skip_to_sync();
      return;
    default:
      break;
  }
  emit(type, body);
}

void Relay::answer_sync(char type, std::span<const std::byte> body) {
  if (type == wire::msg::ErrorResponse) {
    relay_error_to_client(body);
    batch_failed_ = true;
    return;
  }
  if (type != wire::msg::ReadyForQuery) {
    emit(type, body);
    return;
  }
  if (vendor_ == Vendor::CrateDB) {
    // vendors.md "ReadyForQuery after Sync": 'E' if the batch failed, 'T' between BEGIN and
    // COMMIT, else 'I'.
    wire::parse_ready_for_query(body);
    wire::server::ready_for_query(sink(type), batch_failed_ ? 'E' : (in_begin_ ? 'T' : 'I'));
  } else {
    emit(type, body);
  }
  batch_failed_ = false;
  pop();
}

void Relay::skip_to_sync() {
  batch_failed_ = true;
  pop();
  while (!pending_.empty() && pending_.front().kind != Kind::Sync) pop();
}

}  // namespace pgw::standin
