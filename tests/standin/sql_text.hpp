#pragma once
// The little SQL the stand-in has to understand: first words and transaction-control statements.
#include <string>
#include <string_view>

namespace pgw::standin {

// The first word of a query string, upper-cased ASCII; "" when the string holds none. A word ends
// at white space, ';' or '('.
std::string first_word_upper(std::string_view sql);

enum class TxVerb { None, Begin, Commit, Rollback };

// The transaction-control verb of a query string that is exactly one statement (trailing ';' and
// white space allowed): BEGIN/START -> Begin, COMMIT/END -> Commit, ROLLBACK -> Rollback.
TxVerb tx_verb(std::string_view sql);

// CrateDB's CommandComplete tag (vendors.md "CommandComplete tag"): the first word of the whole
// query string upper-cased plus a count, except `BEGIN` and `INSERT 0 n`. The count is the one in
// PostgreSQL's tag; a tag without one (CREATE TABLE, SET, ...) counts 1 for DDL (CrateDB reports
// one row affected for CREATE/DROP/ALTER) and 0 otherwise.
std::string crate_command_tag(std::string_view query_first_word, std::string_view upstream_tag);

}  // namespace pgw::standin
