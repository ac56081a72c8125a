#include "vendor_errors.hpp"

#include <array>
#include <string>
#include <vector>

#include "error_fields.hpp"

namespace pgw::standin {

namespace {

struct JavaFrame {
  const char* cls;
  const char* method;
  const char* file;
  int line;
};

// A made-up but plausible CrateDB call stack; the first frame depends on the kind of error, as a
// real one would. vendors.md: "W holds a Java stack trace of up to 20 frames".
constexpr JavaFrame kParserFrame{"io.crate.sql.parser.SqlParser$1", "syntaxError", "SqlParser.java",
                                 122};
constexpr JavaFrame kAnalyzerFrame{"io.crate.analyze.Analyzer", "analyze", "Analyzer.java", 301};
constexpr std::array<JavaFrame, 11> kCommonFrames{{
    {"io.crate.action.sql.Session", "bind", "Session.java", 412},
    {"io.crate.action.sql.Session", "quickExec", "Session.java", 298},
    {"io.crate.protocols.postgres.PostgresWireProtocol", "handleSingleQuery",
     "PostgresWireProtocol.java", 801},
    {"io.crate.protocols.postgres.PostgresWireProtocol", "handleSimpleQuery",
     "PostgresWireProtocol.java", 763},
    {"io.crate.protocols.postgres.PostgresWireProtocol$MessageHandler", "dispatchMessage",
     "PostgresWireProtocol.java", 353},
    {"io.crate.protocols.postgres.PostgresWireProtocol$MessageHandler", "dispatchState",
     "PostgresWireProtocol.java", 343},
    {"io.crate.protocols.postgres.PostgresWireProtocol$MessageHandler", "channelRead0",
     "PostgresWireProtocol.java", 311},
    {"io.crate.protocols.postgres.PostgresWireProtocol$MessageHandler", "channelRead0",
     "PostgresWireProtocol.java", 295},
    {"io.crate.protocols.postgres.PgDecoder", "decode", "PgDecoder.java", 139},
    {"io.crate.protocols.postgres.PgDecoder", "decodeLast", "PgDecoder.java", 152},
    {"io.crate.netty.NettyBootstrap$1", "run", "NettyBootstrap.java", 88},
}};

std::string frame_text(const JavaFrame& f) {
  return std::string("at ") + f.cls + "." + f.method + "(" + f.file + ":" + std::to_string(f.line) +
         ")";
}

void encode_crate(wire::Buffer& out, std::string_view severity, std::string_view sqlstate,
                  std::string_view message) {
  const JavaFrame& top = sqlstate == "42601" ? kParserFrame : kAnalyzerFrame;
  std::string trace = frame_text(top) + "\n";
  for (const JavaFrame& f : kCommonFrames) trace += frame_text(f) + "\n";
  const std::vector<RawField> fields{
      {'S', std::string(severity)},
      {'M', std::string(message)},
      {'C', std::string(sqlstate)},
      {'F', top.file},
      {'R', top.method},
      {'L', std::to_string(top.line)},
      {'W', trace},
  };
  encode_raw_fields(out, 'E', fields);
}

}  // namespace

void encode_error(Vendor v, wire::Buffer& out, std::string_view severity, std::string_view sqlstate,
                  std::string_view message, std::string_view hint) {
  if (v == Vendor::CrateDB) {
    encode_crate(out, severity, sqlstate, message);
    return;
  }
  std::vector<RawField> fields{
      {'S', std::string(severity)}, {'C', std::string(sqlstate)}, {'M', std::string(message)}};
  if (!hint.empty()) fields.push_back({'H', std::string(hint)});
  encode_raw_fields(out, 'E', fields);
}

void relay_error(Vendor v, std::span<const std::byte> body, wire::Buffer& out) {
  std::vector<RawField> fields = parse_raw_fields(body);
  if (v == Vendor::CrateDB) {
    encode_crate(out, field_value(fields, 'S'), field_value(fields, 'C'), field_value(fields, 'M'));
    return;
  }
  // vendors.md "retryable SQLSTATE": CockroachDB's 40001 message starts "restart transaction".
  if (field_value(fields, 'C') == "40001") {
    for (RawField& f : fields) {
      if (f.code == 'M' && f.value.rfind("restart transaction", 0) != 0)
        f.value = "restart transaction: TransactionRetryWithProtoRefreshError: " + f.value;
    }
  }
  encode_raw_fields(out, 'E', fields);
}

std::string sqlstate_of(std::span<const std::byte> body) {
  try {
    return std::string(field_value(parse_raw_fields(body), 'C'));
  } catch (const std::exception&) {
    return {};
  }
}

}  // namespace pgw::standin
