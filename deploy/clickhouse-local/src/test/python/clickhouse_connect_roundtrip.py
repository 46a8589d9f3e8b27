"""Acceptance round trip of clickhouse-connect (Superset's ClickHouse driver) against a ClickHouse
HTTP endpoint, with the driver's DEFAULT settings: it compresses inserts with lz4 frames and, when
the server reports enable_http_compression = 0, asks for compressed answers.

    python clickhouse_connect_roundtrip.py <host> <port> <table-name>

It creates <table-name> (and <table-name>_<coding> for each explicit coding) with every column type
the project's tables use, inserts deterministic rows with client.insert(...), reads them back and
compares every value, runs a query with server-side parameters, and checks on the wire (through a
urllib3 pool manager that only records) that the insert body was lz4 and the answers compressed.
Then it repeats a round trip with clients that compress with zstd, br and gzip, and reads one answer
in deflate. Tables are left in place for inspection.

Runs in the environment install-clickhouse-connect makes. The last line on stdout is one JSON
object; the exit code is 0 only when every check passed.
"""

import datetime as dt
import json
import sys

import clickhouse_connect
import urllib3

ROWS = 20_000  # about 10 MB in Native: several ~2 MiB insert blocks, so several lz4 frames
SHANGHAI = dt.timezone(dt.timedelta(hours=8))  # Asia/Shanghai has had no DST since 1991
UTC = dt.timezone.utc

COLUMNS = [
    ("id", "UInt64"),
    ("title", "String"),
    ("channel", "LowCardinality(String)"),
    ("office", "LowCardinality(Nullable(String))"),
    ("author", "Nullable(String)"),
    ("event_time", "DateTime64(3, 'Asia/Shanghai')"),
    ("published", "DateTime('Asia/Shanghai')"),
    ("day", "Date"),
    ("u8", "UInt8"),
    ("u16", "UInt16"),
    ("u32", "UInt32"),
    ("u64", "UInt64"),
    ("parent", "Nullable(UInt64)"),
    ("score", "Float64"),
    ("di", "Nullable(Float64)"),
    ("revised", "Nullable(DateTime64(3, 'Asia/Shanghai'))"),
    ("shares", "Array(UInt64)"),
    ("attributes", "Map(String, String)"),
]
NAMES = [name for name, _ in COLUMNS]
CHANNELS = ["wechat", "weibo", "douyin", "app", "web", "toutiao"]
OFFICES = ["贺州", "钟山", "富川", "昭平", "八步", "平桂"]


class RecordingPoolManager(urllib3.PoolManager):
    """An ordinary urllib3 pool manager that notes each request's and answer's codings."""

    def __init__(self):
        super().__init__(num_pools=4, maxsize=8)
        self.exchanges = []

    def urlopen(self, method, url, redirect=True, **kw):
        response = super().urlopen(method, url, redirect=redirect, **kw)
        headers = kw.get("headers") or {}
        self.exchanges.append(
            {
                "url": url,
                "content_encoding": headers.get("Content-Encoding"),
                "accept_encoding": headers.get("Accept-Encoding"),
                "answer_encoding": response.headers.get("Content-Encoding"),
            }
        )
        return response

    def since(self, mark):
        return self.exchanges[mark:]


def make_row(i):
    """One deterministic row; NULLs, empty values, Chinese text and edge numbers included."""
    event_time = dt.datetime(2026, 11, 1, 8, 0, tzinfo=SHANGHAI) + dt.timedelta(
        milliseconds=i * 7_919_123
    )
    title = f"我是党员 第{i}期 " + "传播力" * (i % 50)
    if i % 97 == 0:
        title += ' "引号" \\ 反斜杠\n换行\t制表 🚩 𠮷'
    return [
        i,
        "" if i % 1013 == 0 else title,
        CHANNELS[i % len(CHANNELS)],
        None if i % 5 == 0 else OFFICES[i % len(OFFICES)],
        None if i % 3 == 0 else f"作者{i % 37}",
        event_time,
        event_time.replace(microsecond=0) - dt.timedelta(hours=i % 24),
        dt.date(2026, 1, 1) + dt.timedelta(days=i % 365),
        i % 256,
        (i * 31) % 65_536,
        (i * 2_654_435_761) % 4_294_967_296,
        2**64 - 1 - i if i % 2 else 2570 + i,  # 2570 is the bytes 0A 0A
        None if i % 4 == 0 else i // 4,
        i / 8 + 0.1,
        None if i % 7 == 0 else (i % 1000) * 0.37,
        None if i % 2 == 0 else event_time + dt.timedelta(days=1, milliseconds=3),
        [] if i % 6 == 0 else [i, i + 1, 2**63 + i][: 1 + i % 3],
        {} if i % 8 == 0 else {"source": CHANNELS[i % 6], "批次": str(i % 11), "": ""},
    ]


NAIVE = {"count": 0}


def normal(value):
    """Instants compared in UTC; everything else as it is.

    A naive datetime is read as UTC, and counted: the endpoint's Native answers are those of
    protocol revision 0 (chDB cannot be given the client_protocol_version the driver probes for),
    and at revision 0 ClickHouse writes DateTime('Asia/Shanghai') as plain DateTime, which the
    driver then reads as naive UTC. The instant is the same; DateTime64 keeps its time zone.
    """
    if isinstance(value, dt.datetime):
        if value.tzinfo is None:
            NAIVE["count"] += 1
            return value.replace(tzinfo=UTC)
        return value.astimezone(UTC)
    return value


class Checks:
    def __init__(self):
        self.failures = []
        self.passed = []

    def check(self, name, ok, detail=""):
        if ok:
            self.passed.append(name)
        else:
            self.failures.append(f"{name}: {detail}")
            print(f"MISMATCH: {name}: {detail}", file=sys.stderr)

    def equal(self, name, actual, expected):
        self.check(name, actual == expected, f"expected {expected!r}, got {actual!r}")


def create_table(client, table):
    client.command(f"DROP TABLE IF EXISTS {table}")
    columns = ", ".join(f"{name} {ch_type}" for name, ch_type in COLUMNS)
    client.command(f"CREATE TABLE {table} ({columns}) ENGINE = MergeTree ORDER BY id")


def compare_rows(checks, name, actual, expected):
    checks.equal(f"{name}: row count", len(actual), len(expected))
    mismatches = 0
    for got, want in zip(actual, expected):
        got = [normal(v) for v in got]
        want = [normal(v) for v in want]
        if got != want:
            mismatches += 1
            if mismatches <= 3:
                diff = {n: (g, w) for n, g, w in zip(NAMES, got, want) if g != w}
                checks.check(f"{name}: row {want[0]}", False, repr(diff))
    checks.equal(f"{name}: rows that differ", mismatches, 0)


def round_trip(checks, client, pool, table, rows, coding):
    """Insert rows with client.insert, read them back; the codings on the wire must be `coding`."""
    create_table(client, table)
    mark = len(pool.exchanges)
    summary = client.insert(table, rows, column_names=NAMES)
    checks.equal(f"{coding}: rows written", summary.written_rows, len(rows))
    inserts = [e for e in pool.since(mark) if e["content_encoding"] is not None]
    checks.check(f"{coding}: the insert was sent", len(inserts) > 0, "no request with a body coding")
    for exchange in inserts:
        checks.equal(f"{coding}: Content-Encoding of the insert", exchange["content_encoding"], coding)
    mark = len(pool.exchanges)
    result = client.query(f"SELECT * FROM {table} ORDER BY id")
    checks.equal(f"{coding}: column names", list(result.column_names), NAMES)
    compare_rows(checks, f"{coding}: read back", result.result_rows, rows)
    return pool.since(mark)


def main():
    if len(sys.argv) != 4 or not sys.argv[3].replace("_", "").isalnum():
        print("usage: clickhouse_connect_roundtrip.py <host> <port> <table-name>", file=sys.stderr)
        return 2
    host, port, table = sys.argv[1], int(sys.argv[2]), sys.argv[3]
    checks = Checks()
    rows = [make_row(i) for i in range(ROWS)]

    # The driver as Superset creates it: nothing but where to connect (the pool manager only records).
    pool = RecordingPoolManager()
    client = clickhouse_connect.get_client(host=host, port=port, pool_mgr=pool)
    checks.equal(
        "system.settings: enable_http_compression",
        client.server_settings["enable_http_compression"].value,
        "0",
    )
    checks.equal("default write compression", client.write_compression, "lz4")

    answers = round_trip(checks, client, pool, table, rows, "lz4")
    checks.check("lz4: the read-back asked for compression", len(answers) > 0, "no request recorded")
    for exchange in answers:
        checks.equal("lz4: Accept-Encoding", exchange["accept_encoding"], "lz4,zstd,br,gzip,deflate")
        checks.check(
            "lz4: enable_http_compression=1 sent",
            "enable_http_compression=1" in exchange["url"],
            exchange["url"],
        )
        checks.equal("lz4: Content-Encoding of the answer", exchange["answer_encoding"], "lz4")

    # Server-side parameters ({name:Type}, sent as param_<name>), a time among them.
    since = dt.datetime(2026, 11, 20, 0, 0, tzinfo=SHANGHAI)
    result = client.query(
        f"SELECT count(), sum(u32), groupUniqArray(office) FROM {table}"
        " WHERE channel = {channel:String}"
        " AND event_time >= {since:DateTime64(3, 'Asia/Shanghai')}"
        " AND (has(shares, {share:UInt64}) OR id > {share:UInt64})",
        parameters={"channel": "weibo", "since": since, "share": 7},
    )
    expected = [r for r in rows if r[2] == "weibo" and r[5] >= since and (7 in r[16] or r[0] > 7)]
    count, u32_sum, offices = result.result_rows[0]
    checks.equal("parameters: count", count, len(expected))
    checks.equal("parameters: sum", u32_sum, sum(r[10] for r in expected))
    checks.equal("parameters: offices", sorted(offices), sorted({r[3] for r in expected} - {None}))
    checks.check("parameters: something matched", len(expected) > 0, "the filter matched no row")

    # Every other coding the driver offers, chosen explicitly: inserts and answers in it.
    # (br: one insert block, as a brotli body is one stream; see the README.)
    for coding, row_count in (("zstd", ROWS), ("br", 2_000), ("gzip", ROWS)):
        pool_n = RecordingPoolManager()
        coded = clickhouse_connect.get_client(host=host, port=port, pool_mgr=pool_n, compress=coding)
        for exchange in round_trip(checks, coded, pool_n, f"{table}_{coding}", rows[:row_count], coding):
            checks.equal(f"{coding}: Content-Encoding of the answer", exchange["answer_encoding"], coding)
        coded.close()
    pool_d = RecordingPoolManager()
    deflate = clickhouse_connect.get_client(host=host, port=port, pool_mgr=pool_d, compress="deflate")
    mark = len(pool_d.exchanges)
    checks.equal(
        "deflate: answer",
        deflate.query(f"SELECT count(), max(id) FROM {table}").result_rows[0],
        (ROWS, ROWS - 1),
    )
    checks.equal(
        "deflate: Content-Encoding of the answer", pool_d.since(mark)[-1]["answer_encoding"], "deflate"
    )
    deflate.close()
    client.close()

    summary = {
        "ok": not checks.failures,
        "clickhouse_connect": clickhouse_connect.__version__,
        "rows": ROWS,
        "checks": len(checks.passed) + len(checks.failures),
        "failures": len(checks.failures),
        "first_failures": checks.failures[:5],
        "naive_datetimes_read_as_utc": NAIVE["count"],
    }
    print(json.dumps(summary, ensure_ascii=False))
    return 0 if summary["ok"] else 1


if __name__ == "__main__":
    sys.exit(main())
