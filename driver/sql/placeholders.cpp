#include "sql/placeholders.hpp"

#include <cctype>

namespace pgw::sql {
namespace {

bool ident_start(char c) {
  return std::isalpha(static_cast<unsigned char>(c)) || c == '_' ||
         static_cast<unsigned char>(c) >= 0x80;
}
bool ident_char(char c) {
  return ident_start(c) || std::isdigit(static_cast<unsigned char>(c)) || c == '$';
}

// Walks the text once, classifying what it passes; emits the rewritten text per statement.
class Scanner {
 public:
  Scanner(std::string_view sql, bool standard_strings) : s_(sql), standard_(standard_strings) {}

  Rewritten run() {
    begin_statement();
    while (i_ < s_.size()) step();
    end_statement();
    return std::move(out_);
  }

 private:
  void step() {
    const char c = s_[i_];
    const char next = i_ + 1 < s_.size() ? s_[i_ + 1] : '\0';
    if (c == '\'') {
      quoted('\'', !standard_);
    } else if ((c == 'E' || c == 'e') && next == '\'' && !after_identifier()) {
      copy(1);
      quoted('\'', true);
    } else if (c == '"') {
      quoted('"', false);
    } else if (c == '-' && next == '-') {
      std::size_t end = s_.find('\n', i_);
      const bool was = meaningful_;
      copy((end == std::string_view::npos ? s_.size() : end) - i_);
      meaningful_ = was;  // a comment alone does not make a statement
    } else if (c == '/' && next == '*') {
      block_comment();
    } else if (c == '$' && !after_identifier() && dollar_quote()) {
      // handled
    } else if (c == '?') {
      marker();
    } else if (c == ';') {
      end_statement();
      out_.text.push_back(';');
      ++i_;
      begin_statement();
    } else {
      if (ident_start(c) && !after_identifier() && keyword_.empty() && !seen_word_)
        word();
      else
        copy(1);
    }
  }

  bool after_identifier() const { return i_ > 0 && ident_char(s_[i_ - 1]); }

  void copy(std::size_t n) {
    std::string_view part = s_.substr(i_, n);
    out_.text.append(part);
    current_.append(part);
    if (!part.empty() && !only_space(part)) meaningful_ = true;
    i_ += n;
  }
  static bool only_space(std::string_view p) {
    for (char c : p)
      if (!std::isspace(static_cast<unsigned char>(c))) return false;
    return true;
  }

  // A literal or quoted identifier; a doubled quote continues it, as does a backslash escape.
  void quoted(char quote, bool backslashes) {
    std::size_t j = i_ + 1;
    while (j < s_.size()) {
      if (backslashes && s_[j] == '\\') {
        j += 2;
      } else if (s_[j] == quote) {
        if (j + 1 < s_.size() && s_[j + 1] == quote)
          j += 2;
        else {
          ++j;
          break;
        }
      } else {
        ++j;
      }
    }
    copy(std::min(j, s_.size()) - i_);
    meaningful_ = true;
  }

  void block_comment() {
    std::size_t j = i_ + 2;
    int depth = 1;
    while (j < s_.size() && depth > 0) {
      if (s_[j] == '/' && j + 1 < s_.size() && s_[j + 1] == '*') {
        ++depth;
        j += 2;
      } else if (s_[j] == '*' && j + 1 < s_.size() && s_[j + 1] == '/') {
        --depth;
        j += 2;
      } else {
        ++j;
      }
    }
    const bool was = meaningful_;
    copy(j - i_);
    meaningful_ = was;  // a comment alone does not make a statement
  }

  // $tag$ ... $tag$ (tag empty or an identifier not starting with a digit).
  bool dollar_quote() {
    std::size_t j = i_ + 1;
    if (j < s_.size() && std::isdigit(static_cast<unsigned char>(s_[j]))) return false;  // $1
    while (j < s_.size() && s_[j] != '$') {
      if (!ident_char(s_[j]) || s_[j] == '$') return false;
      ++j;
    }
    if (j >= s_.size()) return false;
    std::string_view tag = s_.substr(i_, j - i_ + 1);
    std::size_t close = s_.find(tag, j + 1);
    std::size_t end = close == std::string_view::npos ? s_.size() : close + tag.size();
    copy(end - i_);
    meaningful_ = true;
    return true;
  }

  void marker() {
    ++i_;
    ++out_.parameters;
    ++statement_parameters_;
    // A space keeps "$1" from merging with an identifier around it (col$1 is a name; $1abc is
    // junk).
    const bool space_before = !out_.text.empty() && ident_char(out_.text.back());
    const bool space_after = i_ < s_.size() && ident_char(s_[i_]);
    auto emit = [&](std::string& into, int number) {
      if (space_before) into.push_back(' ');
      into += "$" + std::to_string(number);
      if (space_after) into.push_back(' ');
    };
    emit(out_.text, out_.parameters);
    emit(current_, statement_parameters_);
    meaningful_ = true;
  }

  void word() {
    std::size_t j = i_;
    while (j < s_.size() && ident_char(s_[j])) ++j;
    for (std::size_t k = i_; k < j; ++k)
      keyword_.push_back(static_cast<char>(std::toupper(static_cast<unsigned char>(s_[k]))));
    seen_word_ = true;
    copy(j - i_);
  }

  void begin_statement() {
    current_.clear();
    keyword_.clear();
    seen_word_ = false;
    meaningful_ = false;
    statement_parameters_ = 0;
    first_parameter_ = out_.parameters;
  }
  void end_statement() {
    if (!meaningful_) return;
    out_.statements.push_back(Statement{std::move(current_), first_parameter_,
                                        statement_parameters_, std::move(keyword_)});
  }

  std::string_view s_;
  bool standard_;
  std::size_t i_ = 0;
  Rewritten out_;
  std::string current_;
  std::string keyword_;
  bool seen_word_ = false;
  bool meaningful_ = false;
  int statement_parameters_ = 0;
  int first_parameter_ = 0;
};

// The upper-cased words of a statement outside literals and comments.
bool contains_word(const std::string& text, std::string_view word) {
  std::string upper;
  upper.reserve(text.size());
  for (char c : text)
    upper.push_back(static_cast<char>(std::toupper(static_cast<unsigned char>(c))));
  for (std::size_t p = upper.find(word); p != std::string::npos; p = upper.find(word, p + 1)) {
    bool start = p == 0 || !ident_char(upper[p - 1]);
    bool end = p + word.size() >= upper.size() || !ident_char(upper[p + word.size()]);
    if (start && end) return true;
  }
  return false;
}

}  // namespace

Rewritten rewrite_placeholders(std::string_view sql, bool standard_conforming_strings) {
  return Scanner(sql, standard_conforming_strings).run();
}

bool is_read_only(const Statement& st) {
  const std::string& k = st.keyword;
  if (k == "SELECT" || k == "VALUES" || k == "TABLE" || k == "SHOW")
    return !contains_word(st.text, "INTO") || k != "SELECT";  // SELECT ... INTO creates a table
  if (k == "EXPLAIN")
    return !contains_word(st.text, "ANALYZE") && !contains_word(st.text, "ANALYSE");
  if (k == "WITH")
    return !contains_word(st.text, "INSERT") && !contains_word(st.text, "UPDATE") &&
           !contains_word(st.text, "DELETE") && !contains_word(st.text, "MERGE") &&
           !contains_word(st.text, "INTO");
  return false;
}

}  // namespace pgw::sql
