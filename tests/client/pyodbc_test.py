#!/usr/bin/python3
"""pyodbc (Debian's python3-pyodbc) against the test server: values and Python types must come back
exactly, through a DSN and through a DSN-less connection string.

Environment (ctest sets the first three from the pg_server fixture):
  ODBCSYSINI, ODBCINI   where tests/scripts/pg_server.sh wrote odbcinst.ini and odbc.ini
  PGW_TESTENV_DIR       the directory holding server.env (default: the directory of ODBCINI)
  PGW_TEST_DSN          the trust DSN to test (default pgw; psql_trust runs the same on psqlODBC);
                        the DSNs <base>_md5, _scram, _cleartext, _tls and _cert are derived from its
                        first word (pgw -> pgw_scram, psql_trust -> psql_scram)
The last line printed is 'N passed, N failed'; the exit status is non-zero when anything failed.
"""

import datetime
import os
import sys
import time
import unittest
from decimal import Decimal

import pyodbc

DSN = os.environ.get("PGW_TEST_DSN", "pgw")
BASE = DSN.split("_")[0]
TESTENV = os.environ.get("PGW_TESTENV_DIR") or os.path.dirname(os.environ.get("ODBCINI", ""))
LOGIN_TIMEOUT = 30


def read_server_env():
    values = {}
    with open(os.path.join(TESTENV, "server.env"), encoding="utf-8") as f:
        for line in f:
            key, sep, value = line.rstrip("\n").partition("=")
            if sep:
                values[key] = value
    return values


# The registered driver names (tests/scripts/pg_server.sh writes both into odbcinst.ini).
DRIVER_NAMES = {"pgw": "PGWire", "psql": "psqlODBC"}


def connect(dsn=DSN, **kwargs):
    return pyodbc.connect("DSN=" + dsn, timeout=LOGIN_TIMEOUT, **kwargs)


class PyodbcTest(unittest.TestCase):
    def setUp(self):
        self.conn = connect(autocommit=True)
        self.cur = self.conn.cursor()

    def tearDown(self):
        self.conn.close()

    def scalar(self, sql, *params):
        self.cur.execute(sql, *params)
        (value,) = self.cur.fetchone()
        return value

    def test_dsn_connection_is_the_trust_user(self):
        self.assertEqual(self.scalar("SELECT current_user"), "trustuser")
        self.assertEqual(self.scalar("SELECT current_database()"), "pgwtest")

    def test_dsn_less_connection_string(self):
        env = read_server_env()
        driver = DRIVER_NAMES[BASE]
        parts = [
            "Driver={%s}" % driver,
            "Server=" + env["PGW_HOST"],
            "Port=" + env["PGW_PORT"],
            "Database=" + env["PGW_DB"],
            "UID=" + env["PGW_SCRAM_USER"],
            "PWD=" + env["PGW_SCRAM_PASSWORD"],
            "SSLMode=disable",
        ]
        if driver == "psqlODBC":
            parts.append("BoolsAsChar=0")  # psqlODBC's default reports booleans as '1'/'0' text
        conn = pyodbc.connect(";".join(parts), timeout=LOGIN_TIMEOUT, autocommit=True)
        try:
            row = conn.cursor().execute("SELECT current_user, 40 + 2").fetchone()
            self.assertEqual((row[0], row[1]), ("scramuser", 42))
        finally:
            conn.close()

    def test_types_and_values(self):
        self.cur.execute(
            r"""SELECT 42::int4 AS i4, 9007199254740993::int8 AS i8, (-32768)::int2 AS i2,
                 12345678901234567890.123456789::numeric AS n, 1.50::numeric(5,2) AS n2,
                 'héllo wörld ✓ 日本'::text AS t, 'abc'::varchar(10) AS vc,
                 true AS b, false AS bf, DATE '2024-02-29' AS d,
                 TIMESTAMP '2024-02-29 13:14:15.123456' AS ts, '\x00ff10'::bytea AS bin,
                 NULL::int AS null_int, NULL::text AS null_text, 3.25::float8 AS f8"""
        )
        row = self.cur.fetchone()
        expected = [
            ("i4", int, 42),
            ("i8", int, 9007199254740993),
            ("i2", int, -32768),
            ("n", Decimal, Decimal("12345678901234567890.123456789")),
            ("n2", Decimal, Decimal("1.50")),
            ("t", str, "héllo wörld ✓ 日本"),
            ("vc", str, "abc"),
            ("b", bool, True),
            ("bf", bool, False),
            ("d", datetime.date, datetime.date(2024, 2, 29)),
            ("ts", datetime.datetime, datetime.datetime(2024, 2, 29, 13, 14, 15, 123456)),
            ("bin", bytearray, b"\x00\xff\x10"),
            ("null_int", int, None),
            ("null_text", str, None),
            ("f8", float, 3.25),
        ]
        self.assertEqual([d[0] for d in self.cur.description], [e[0] for e in expected])
        for (name, pytype, value), desc, got in zip(expected, self.cur.description, row):
            with self.subTest(column=name):
                self.assertIs(desc[1], pytype)
                if value is None:
                    self.assertIsNone(got)
                else:
                    # bool is an int subclass, so compare types exactly, not with isinstance.
                    # pyodbc describes binary columns as bytearray but returns their values as bytes.
                    self.assertIs(type(got), bytes if pytype is bytearray else pytype)
                    self.assertEqual(got, value)
        # Decimal equality ignores trailing zeros; the scale must survive too.
        self.assertEqual(str(row.n2), "1.50")

    def test_parameters(self):
        self.cur.execute(
            "SELECT ?::int + 1, ?::text || '!', ?::int IS NULL, ?::numeric * 2, ?::date,"
            " ?::timestamp, ?::bytea, ?::bool",
            41,
            "héllo ✓",
            None,
            Decimal("1.25"),
            datetime.date(2024, 2, 29),
            datetime.datetime(2024, 2, 29, 13, 14, 15, 123456),
            b"\x00\xff",
            True,
        )
        row = self.cur.fetchone()
        self.assertEqual(
            list(row),
            [
                42,
                "héllo ✓!",
                True,
                Decimal("2.50"),
                datetime.date(2024, 2, 29),
                datetime.datetime(2024, 2, 29, 13, 14, 15, 123456),
                b"\x00\xff",
                True,
            ],
        )

    def test_insert_with_parameters_and_read_back(self):
        self.cur.execute(
            "CREATE TEMPORARY TABLE pyodbc_rows (id int PRIMARY KEY, name text, amount numeric(10,2))"
        )
        self.cur.executemany(
            "INSERT INTO pyodbc_rows VALUES (?, ?, ?)",
            [(1, "one", Decimal("1.10")), (2, "twö", Decimal("-2.25")), (3, None, None)],
        )
        rows = self.cur.execute("SELECT id, name, amount FROM pyodbc_rows ORDER BY id").fetchall()
        self.assertEqual(
            [tuple(r) for r in rows],
            [(1, "one", Decimal("1.10")), (2, "twö", Decimal("-2.25")), (3, None, None)],
        )
        self.assertEqual(self.scalar("SELECT length(name) FROM pyodbc_rows WHERE id = ?", 2), 3)

    def test_missing_table_is_42P01(self):
        with self.assertRaises(pyodbc.ProgrammingError) as ctx:
            self.cur.execute("SELECT * FROM no_such_table")
        self.assertEqual(ctx.exception.args[0], "42P01")
        self.assertIn("no_such_table", ctx.exception.args[1])
        # The connection stays usable after the error.
        self.assertEqual(self.scalar("SELECT 7"), 7)

    def test_unique_violation_is_23505(self):
        self.cur.execute("CREATE TEMPORARY TABLE pyodbc_unique (id int PRIMARY KEY)")
        self.cur.execute("INSERT INTO pyodbc_unique VALUES (1)")
        with self.assertRaises(pyodbc.IntegrityError) as ctx:
            self.cur.execute("INSERT INTO pyodbc_unique VALUES (1)")
        self.assertEqual(ctx.exception.args[0], "23505")

    def test_commit_and_rollback(self):
        conn = connect(autocommit=False)
        try:
            cur = conn.cursor()
            cur.execute("CREATE TEMPORARY TABLE pyodbc_tx (id int)")
            conn.commit()
            cur.execute("INSERT INTO pyodbc_tx VALUES (1)")
            conn.rollback()
            self.assertEqual(cur.execute("SELECT count(*) FROM pyodbc_tx").fetchone()[0], 0)
            cur.execute("INSERT INTO pyodbc_tx VALUES (2)")
            conn.commit()
            self.assertEqual(cur.execute("SELECT sum(id) FROM pyodbc_tx").fetchone()[0], 2)
        finally:
            conn.close()

    def test_authentication_methods_and_tls(self):
        for suffix, user, ssl in [
            ("md5", "md5user", False),
            ("scram", "scramuser", False),
            ("cleartext", "cleartextuser", False),
            ("tls", "tlsonly", True),
            ("cert", "certuser", True),
        ]:
            with self.subTest(dsn=BASE + "_" + suffix):
                conn = connect(BASE + "_" + suffix, autocommit=True)
                try:
                    row = conn.cursor().execute(
                        "SELECT current_user, ssl FROM pg_stat_ssl WHERE pid = pg_backend_pid()"
                    ).fetchone()
                    self.assertEqual((row[0], row[1]), (user, ssl))
                finally:
                    conn.close()

    def test_million_rows_streamed_with_fetchmany(self):
        started = time.monotonic()
        self.cur.execute("SELECT g, g::text AS s FROM generate_series(1, 1000000) g")
        count = total = text_bytes = 0
        while True:
            rows = self.cur.fetchmany(10000)
            if not rows:
                break
            count += len(rows)
            total += sum(r[0] for r in rows)
            text_bytes += sum(len(r[1]) for r in rows)
        self.assertEqual(count, 1000000)
        self.assertEqual(total, 500000500000)
        # 9*1 + 90*2 + 900*3 + 9000*4 + 90000*5 + 900000*6 + 1*7 digits
        self.assertEqual(text_bytes, 5888896)
        print(f"  1,000,000 rows in {time.monotonic() - started:.2f} s", file=sys.stderr)


class CountingResult(unittest.TextTestResult):
    """Counts every subTest as its own check, so a failing column is one failure among the rest."""

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.passed = 0
        self.failed = 0

    def addSuccess(self, test):
        super().addSuccess(test)
        self.passed += 1

    def addFailure(self, test, err):
        super().addFailure(test, err)
        self.failed += 1

    def addError(self, test, err):
        super().addError(test, err)
        self.failed += 1

    def addSubTest(self, test, subtest, err):
        super().addSubTest(test, subtest, err)
        if err is not None:
            self.failed += 1


def main():
    print(f"pyodbc {pyodbc.version} against DSN {DSN}", file=sys.stderr)
    suite = unittest.defaultTestLoader.loadTestsFromTestCase(PyodbcTest)
    runner = unittest.TextTestRunner(resultclass=CountingResult, verbosity=2, stream=sys.stdout)
    result = runner.run(suite)
    # A test whose only failures were in subtests was not counted as passed, and is one failure
    # per failing subtest; a test that errored outside subtests counts once.
    sys.stdout.flush()
    print(f"{result.passed} passed, {result.failed} failed")
    return 0 if result.failed == 0 and result.wasSuccessful() else 1


if __name__ == "__main__":
    sys.exit(main())
