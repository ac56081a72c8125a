#include "sql_text.hpp"

#include <cctype>

namespace pgw::standin {

namespace {

bool is_space(char c) {
  return c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '\f' || c == '\v';
}

std::string_view trim(std::string_view s) {
  while (!s.empty() && is_space(s.front())) s.remove_prefix(1);
  while (!s.empty() && (is_space(s.back()) || s.back() == ';')) s.remove_suffix(1);
  return s;
}

// The trailing number of a tag ("INSERT 0 5" -> "5"), "" when it has none.
std::string_view trailing_count(std::string_view tag) {
  std::size_t i = tag.size();
  while (i > 0 && std::isdigit(static_cast<unsigned char>(tag[i - 1]))) --i;
  if (i == tag.size() || (i > 0 && tag[i - 1] != ' ')) return {};
  return tag.substr(i);
}

}  // namespace

std::string first_word_upper(std::string_view sql) {
  std::size_t i = 0;
  while (i < sql.size() && is_space(sql[i])) ++i;
  std::string word;
  for (; i < sql.size() && !is_space(sql[i]) && sql[i] != ';' && sql[i] != '('; ++i)
    word += static_cast<char>(std::toupper(static_cast<unsigned char>(sql[i])));
  return word;
}

TxVerb tx_verb(std::string_view sql) {
  const std::string_view s = trim(sql);
  if (s.find(';') != std::string_view::npos) return TxVerb::None;  // more than one statement
  const std::string w = first_word_upper(s);
  if (w == "BEGIN" || w == "START") return TxVerb::Begin;
  if (w == "COMMIT" || w == "END") return TxVerb::Commit;
  if (w == "ROLLBACK") return TxVerb::Rollback;
  return TxVerb::None;
}

std::string crate_command_tag(std::string_view query_first_word, std::string_view upstream_tag) {
  if (query_first_word == "BEGIN") return "BEGIN";
  std::string count(trailing_count(upstream_tag));
  if (count.empty()) {
    const std::string up = first_word_upper(upstream_tag);
    count.assign(1, (up == "CREATE" || up == "DROP" || up == "ALTER") ? '1' : '0');
  }
  std::string tag(query_first_word == "INSERT" ? "INSERT 0" : query_first_word);
  tag.append(1, ' ').append(count);
  return tag;
}

}  // namespace pgw::standin
