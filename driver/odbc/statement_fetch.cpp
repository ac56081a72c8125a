// Column binding, SQLFetch with row arrays, SQLGetData in pieces, and closing cursors.
#include <algorithm>
#include <chrono>

#include "convert/c_types.hpp"
#include "odbc/statement.hpp"
#include "odbc/statement_wire.hpp"

namespace pgw::odbc {

using session::Event;

SQLRETURN Statement::bind_col(SQLUSMALLINT column, SQLSMALLINT c_type, SQLPOINTER value,
                              SQLLEN buffer_length, SQLLEN* indicator) {
  if (column == 0)
    throw DriverError("07009", "column 0 is the bookmark column, and bookmarks are off");
  if (buffer_length < 0) throw DriverError("HY090", "BufferLength cannot be negative");
  const SQLSMALLINT c = c_type == SQL_C_DEFAULT ? SQL_C_DEFAULT : convert::canonical_c_type(c_type);
  if (c != SQL_C_DEFAULT && !convert::known_c_type(c))
    throw DriverError("HY003", "unsupported C data type " + std::to_string(c_type));
  if (value == nullptr && indicator == nullptr) {  // unbinds the column
    if (DescRecord* r = ard_->find(static_cast<SQLSMALLINT>(column))) {
      r->data_ptr = nullptr;
      r->indicator_ptr = nullptr;
      r->octet_length_ptr = nullptr;
    }
    ard_->trim_unbound();
    return SQL_SUCCESS;
  }
  DescRecord& r = ard_->record(static_cast<SQLSMALLINT>(column));
  ard_->set_type(r, SQL_DESC_CONCISE_TYPE, c);
  r.octet_length = buffer_length;
  r.data_ptr = value;
  r.indicator_ptr = indicator;
  r.octet_length_ptr = indicator;
  return SQL_SUCCESS;
}

SQLSMALLINT Statement::resolve_c_type(SQLSMALLINT c_type, const DescRecord& ird_record) const {
  return c_type == SQL_C_DEFAULT ? convert::default_c_type(ird_record.concise_type)
                                 : convert::canonical_c_type(c_type);
}

namespace {

DiagRecord row_record(std::string_view sqlstate, std::string_view message, SQLLEN row,
                      SQLINTEGER column) {
  DiagRecord r;
  r.sqlstate = std::string(sqlstate);
  r.message = "[pgwire-odbc] " + std::string(message);
  r.row_number = row;
  r.column_number = column;
  return r;
}

std::string_view clip(std::string_view bytes, SQLULEN max_length) {
  return max_length > 0 && bytes.size() > max_length ? bytes.substr(0, max_length) : bytes;
}

}  // namespace

SQLUSMALLINT Statement::fill_row(SQLULEN index, SQLULEN row_number) {
  const SQLLEN offset = ard_->bind_offset_ptr ? *static_cast<SQLLEN*>(ard_->bind_offset_ptr) : 0;
  const auto row_wise = ard_->bind_type != SQL_BIND_BY_COLUMN;
  SQLUSMALLINT status = SQL_ROW_SUCCESS;
  const SQLSMALLINT columns = std::min<SQLSMALLINT>(ard_->count(), ird_->count());
  for (SQLSMALLINT k = 1; k <= columns; ++k) {
    const DescRecord& a = *ard_->find(k);
    if (a.data_ptr == nullptr && a.indicator_ptr == nullptr && a.octet_length_ptr == nullptr)
      continue;
    const DescRecord& ir = *ird_->find(k);
    const SQLSMALLINT c = resolve_c_type(a.concise_type, ir);
    const std::size_t stride = row_wise ? std::size_t(ard_->bind_type)
                               : convert::is_variable(c)
                                   ? std::size_t(std::max<SQLLEN>(a.octet_length, 0))
                                   : convert::fixed_size(c);
    const std::size_t length_stride = row_wise ? std::size_t(ard_->bind_type) : sizeof(SQLLEN);
    auto at = [&](SQLPOINTER base, std::size_t step) -> char* {
      return base == nullptr ? nullptr : static_cast<char*>(base) + offset + index * step;
    };
    void* data = at(a.data_ptr, stride);
    auto* indicator = reinterpret_cast<SQLLEN*>(at(a.indicator_ptr, length_stride));
    auto* length = reinterpret_cast<SQLLEN*>(at(a.octet_length_ptr, length_stride));
    const session::Value& v = row_[std::size_t(k - 1)];
    try {
      if (v.is_null()) {
        if (indicator == nullptr)
          throw DriverError("22002", "the value is NULL and the column has no indicator buffer");
        *indicator = SQL_NULL_DATA;
        continue;
      }
      const std::string_view text = v.view();
      convert::Target t{c, data, a.octet_length, a.precision, a.scale};
      convert::Written w;
      if (convert::is_variable(c)) {
        convert::Rendering rendering;
        convert::render(ir.family, c, text, rendering);
        w = convert::write_piece(clip(rendering.bytes(text), max_length_), 0, t).written;
      } else {
        w = convert::write_fixed(ir.family, text, t);
      }
      if (length != nullptr) *length = w.length;
      if (indicator != nullptr && indicator != length) *indicator = 0;
      if (w.outcome == convert::Outcome::Truncated) {
        diag().add(row_record("01004", "string data, right truncated", SQLLEN(row_number), k));
        status = SQL_ROW_SUCCESS_WITH_INFO;
      } else if (w.outcome == convert::Outcome::Fractional) {
        diag().add(row_record("01S07", "fractional truncation", SQLLEN(row_number), k));
        status = SQL_ROW_SUCCESS_WITH_INFO;
      }
    } catch (const DriverError& e) {
      diag().add(row_record(e.sqlstate(), e.what(), SQLLEN(row_number), k));
      status = SQL_ROW_ERROR;
    }
  }
  return status;
}

SQLRETURN Statement::fetch() {
  if (result_ == ResultKind::None) {
    if (executed_) throw DriverError("24000", "the statement has no result set");
    throw DriverError("HY010", "no statement has been executed");
  }
  if (result_ == ResultKind::Count)
    throw DriverError("24000", "the statement produced no result set");
  const SQLULEN size = ard_->array_size;
  auto* status = static_cast<SQLUSMALLINT*>(ird_->array_status_ptr);
  auto* fetched = static_cast<SQLULEN*>(ird_->rows_processed_ptr);
  SQLULEN n = 0;
  bool errors = false;
  auto finish = [&] {
    if (fetched != nullptr) *fetched = n;
    if (status != nullptr)
      for (SQLULEN i = n; i < size; ++i) status[i] = SQL_ROW_NOROW;
  };
  try {
    on_wire([&] {
      for (; n < size; ++n) {
        if (!next_row()) break;
        const SQLUSMALLINT row_status =
            retrieve_data_ == SQL_RD_OFF ? SQL_ROW_SUCCESS : fill_row(n, n + 1);
        if (status != nullptr) status[n] = row_status;
        errors = errors || row_status == SQL_ROW_ERROR;
      }
      return 0;
    });
  } catch (...) {
    finish();
    throw;
  }
  finish();
  take_notices();
  if (n == 0) return SQL_NO_DATA;
  if (errors) return size == 1 ? SQL_ERROR : SQL_SUCCESS_WITH_INFO;
  return SQL_SUCCESS;
}

SQLRETURN Statement::fetch_scroll(SQLSMALLINT orientation, SQLLEN) {
  if (orientation != SQL_FETCH_NEXT) {
    if (orientation < SQL_FETCH_NEXT || orientation > SQL_FETCH_BOOKMARK)
      throw DriverError("HY106", "invalid fetch orientation");
    throw DriverError("HY106", "the cursor is forward-only: only SQL_FETCH_NEXT is allowed");
  }
  return fetch();
}

SQLRETURN Statement::get_data(SQLUSMALLINT column, SQLSMALLINT c_type, SQLPOINTER value,
                              SQLLEN buffer_length, SQLLEN* indicator) {
  if (result_ == ResultKind::None) {
    if (executed_) throw DriverError("24000", "the statement has no result set");
    throw DriverError("HY010", "no statement has been executed");
  }
  if (result_ == ResultKind::Count)
    throw DriverError("24000", "the statement produced no result set");
  if (!have_row_)
    throw DriverError("24000", "the cursor is not positioned on a row; call SQLFetch first");
  if (ard_->array_size > 1)
    throw DriverError("HYC00", "SQLGetData with a rowset size above 1 is not supported");
  if (column == 0)
    throw DriverError("07009", "column 0 is the bookmark column, and bookmarks are off");
  const DescRecord* ir = ird_->find(static_cast<SQLSMALLINT>(column));
  if (ir == nullptr) throw DriverError("07009", "there is no column " + std::to_string(column));
  if (value == nullptr) throw DriverError("HY009", "TargetValuePtr is a null pointer");
  if (buffer_length < 0) throw DriverError("HY090", "BufferLength cannot be negative");

  SQLSMALLINT c = c_type;
  SQLSMALLINT precision = convert::kDefaultNumericPrecision, scale = 0;
  if (c == SQL_ARD_TYPE) {
    const DescRecord* a = ard_->find(static_cast<SQLSMALLINT>(column));
    if (a == nullptr) throw DriverError("07009", "SQL_ARD_TYPE needs an ARD record for the column");
    c = a->concise_type;
    precision = a->precision;
    scale = a->scale;
  }
  c = resolve_c_type(c, *ir);
  if (!convert::known_c_type(c))
    throw DriverError("HY003", "unsupported C data type " + std::to_string(c_type));

  if (piece_.column != column || piece_.c_type != c) {
    piece_ = Piecewise{};
    piece_.column = column;
    piece_.c_type = c;
  }
  if (piece_.done) return SQL_NO_DATA;
  const session::Value& v = row_[column - 1];
  if (v.is_null()) {
    if (indicator == nullptr)
      throw DriverError("22002", "the value is NULL and StrLen_or_IndPtr is null");
    *indicator = SQL_NULL_DATA;
    piece_.done = true;
    return SQL_SUCCESS;
  }
  const std::string_view text = v.view();
  const convert::Target t{c, value, buffer_length, precision, scale};
  if (convert::is_variable(c)) {
    if (!piece_.started) {
      convert::render(ir->family, c, text, piece_.rendering);
      piece_.started = true;
    }
    const convert::Piece p =
        convert::write_piece(clip(piece_.rendering.bytes(text), max_length_), piece_.offset, t);
    piece_.offset += p.consumed;
    if (indicator != nullptr) *indicator = p.written.length;
    if (p.written.outcome == convert::Outcome::Truncated)
      diag().add(row_record("01004", "string data, right truncated", SQL_NO_ROW_NUMBER, column));
    else
      piece_.done = true;
    return SQL_SUCCESS;
  }
  const convert::Written w = convert::write_fixed(ir->family, text, t);
  piece_.done = true;
  if (indicator != nullptr) *indicator = w.length;
  if (w.outcome == convert::Outcome::Fractional)
    diag().add(row_record("01S07", "fractional truncation", SQL_NO_ROW_NUMBER, column));
  return SQL_SUCCESS;
}

SQLRETURN Statement::close_cursor() {
  if (result_ != ResultKind::Rows) throw DriverError("24000", "no cursor is open on the statement");
  close();
  return SQL_SUCCESS;
}

SQLRETURN Statement::free_stmt(SQLUSMALLINT option) {
  switch (option) {
    case SQL_CLOSE:
      close();
      return SQL_SUCCESS;
    case SQL_UNBIND:
      ard_->set_count(0);
      return SQL_SUCCESS;
    case SQL_RESET_PARAMS:
      apd_->set_count(0);
      ipd_->set_count(0);
      return SQL_SUCCESS;
    default:
      throw DriverError("HY092", "invalid SQLFreeStmt option " + std::to_string(option));
  }
}

bool Statement::cancel_is_safe() const {
  // A cancel aborts the statement's transaction: only harmless when that transaction is the
  // statement's own (auto-commit, none open), it holds one statement, and that statement only
  // reads.
  return idle_at_send_ && single_statement_ && read_only_request_;
}

void Statement::cancel_and_drain() {
  // What is already on its way may end the result; read it for a moment before paying for a
  // cancel (a second connection, and an error the server must unwind).
  const auto saved = deadline_;
  deadline_ = session::Clock::now() + std::chrono::milliseconds(20);
  try {
    for (int i = 0; i < 8192 && reply_ != nullptr; ++i)
      if (reply_->next() == Event::ReadyForQuery) {
        end_request();
        deadline_ = saved;
        return;
      }
  } catch (const DriverError& e) {
    if (e.sqlstate() != "HYT00") throw;
  }
  deadline_ = saved;
  session::Session::cancel(connection_.session().cancel_target());
  drain(false);  // the 57014 the cancel causes is expected and dropped
}

void Statement::close() {
  if (reply_ != nullptr) {
    try {
      on_wire([&] {
        if (reply_->from_wire() && result_ == ResultKind::Rows && !rows_done_ && cancel_is_safe())
          cancel_and_drain();
        else
          drain(false);
        return 0;
      });
    } catch (const DriverError&) {
      // Closing does not fail: a lost connection is reported by the next call that needs it.
    }
  }
  reply_.reset();
  connection_.release_wire(*this);
  reset_result();
  executed_ = false;
}

}  // namespace pgw::odbc
