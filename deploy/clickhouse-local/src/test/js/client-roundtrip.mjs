// Acceptance round trip of the official ClickHouse JavaScript client (@clickhouse/client, default
// settings) against a ClickHouse HTTP endpoint.
//
//   node client-roundtrip.mjs <url> <table-name>
//   e.g. node client-roundtrip.mjs http://127.0.0.1:8123 js_client_roundtrip
//
// It drops and recreates <table-name> (and <table-name>_gz for the compressed round trip), inserts
// deterministic rows with JSONEachRow, reads them back and compares every field exactly, runs
// queries with query_params, checks the errors of a query on a missing table and of one that fails
// while producing a large result, then repeats a smaller round trip with a second client that
// compresses requests and responses (gzip) and passes clickhouse_settings. The tables are left in
// place so the caller can inspect them. Needs `npm ci` (or `npm install`) in this folder first.
//
// The last line on stdout is one JSON object; the exit code is 0 only when every check passed.
import { createClient } from '@clickhouse/client'

const ROWS = 1000
const GZ_ROWS = 200

const [url, table] = process.argv.slice(2)
if (!url || !table || !/^[A-Za-z_][A-Za-z0-9_]*$/.test(table)) {
  console.error('usage: node client-roundtrip.mjs <url> <table-name>   (table name: [A-Za-z_][A-Za-z0-9_]*)')
  process.exit(2)
}
const gzTable = `${table}_gz`

const failures = []
const summary = { ok: false, url, table }

function fail(message) {
  failures.push(message)
  console.error(`MISMATCH: ${message}`)
}

// ---------------------------------------------------------------------------------------------
// Deterministic rows. `published` is a wall-clock time in Asia/Shanghai, written and read back in
// ClickHouse's 'YYYY-MM-DD hh:mm:ss' text form (Shanghai has had no DST since 1991).
const pad = (n, w = 2) => String(n).padStart(w, '0')
function shanghaiWallClock(id) {
  // Naive arithmetic on a UTC Date used only as a calendar: no time-zone conversion happens here.
  const d = new Date(Date.UTC(2024, 0, 1, 8, 0, 0) + id * 3_671_000)
  return `${d.getUTCFullYear()}-${pad(d.getUTCMonth() + 1)}-${pad(d.getUTCDate())} ` +
    `${pad(d.getUTCHours())}:${pad(d.getUTCMinutes())}:${pad(d.getUTCSeconds())}`
}

const TAG_POOL = ['党建', '学习', '新闻', 'tech', '中文标签', 'emoji😀', 'a"quote', 'back\\slash', 'tab\there']
// Scores have at most 15 significant digits (id/8, or a two-decimal value that is not exact in
// binary). Longer ones, as JavaScript prints some doubles (6.800000000000002), need not round-trip:
// ClickHouse before 26.7 parses floats in input formats with its fast parser, which can land on a
// neighbouring double (6.8000000000000025), and ignores precise_float_parsing there (ClickHouse
// issue #60146, fixed in 26.7 by making precise parsing the default for input formats too).
function makeRow(id) {
  let title = `我是党员 第${id}期`
  // A few titles carry characters that JSON and the TSV-ish paths must escape.
  if (id % 97 === 0) title += ' "引号" \\ 反斜杠\n换行\t制表'
  if (id % 101 === 0) title += ' 🚩 𠮷'
  const tags = []
  for (let k = 0; k < id % 4; k++) tags.push(TAG_POOL[(id + k * 3) % TAG_POOL.length])
  let score
  if (id % 7 === 0) score = null // some NULLs
  else if (id % 2 === 0) score = id / 8 // exactly representable
  else score = Math.round((id * 0.1 - 3.3) * 100) / 100 // e.g. 6.8, -3.2: not exact in binary
  return { id, title, published: shanghaiWallClock(id), tags, score }
}

function compareRows(label, expected, actual) {
  if (!Array.isArray(actual)) {
    fail(`${label}: result is not an array: ${JSON.stringify(actual).slice(0, 200)}`)
    return
  }
  if (actual.length !== expected.length) {
    fail(`${label}: expected ${expected.length} rows, got ${actual.length}`)
  }
  let reported = 0
  const n = Math.min(expected.length, actual.length)
  for (let i = 0; i < n && reported < 10; i++) {
    const e = expected[i]
    const a = actual[i]
    const keys = Object.keys(a).sort().join(',')
    if (keys !== 'id,published,score,tags,title') {
      fail(`${label}: row ${i} has columns [${keys}]`)
      reported++
      continue
    }
    for (const f of ['id', 'title', 'published', 'score']) {
      if (!Object.is(a[f], e[f])) {
        fail(`${label}: row ${i} (id ${e.id}) field ${f}: expected ${JSON.stringify(e[f])}, got ${JSON.stringify(a[f])}`)
        reported++
      }
    }
    if (!Array.isArray(a.tags) || a.tags.length !== e.tags.length || a.tags.some((t, j) => t !== e.tags[j])) {
      fail(`${label}: row ${i} (id ${e.id}) field tags: expected ${JSON.stringify(e.tags)}, got ${JSON.stringify(a.tags)}`)
      reported++
    }
  }
  if (reported >= 10) fail(`${label}: stopped after 10 mismatching fields`)
}

function describeError(err) {
  return JSON.stringify({
    name: err?.name,
    message: err?.message,
    code: err?.code,
    type: err?.type,
    cause: err?.cause ? String(err.cause) : undefined,
  })
}

const ddl = (name) => `CREATE TABLE ${name} (
    id UInt32,
    title String,
    published DateTime('Asia/Shanghai'),
    tags Array(String),
    score Nullable(Float64)
  ) ENGINE = MergeTree ORDER BY id`

const selectAll = (name) => `SELECT id, title, published, tags, score FROM ${name} ORDER BY id`

// ---------------------------------------------------------------------------------------------
async function plainRoundTrip(client) {
  // ping
  const ping = await client.ping()
  if (!ping.success) fail(`ping failed: ${describeError(ping.error)}`)
  summary.ping = ping.success

  // DDL
  await client.command({ query: `DROP TABLE IF EXISTS ${table}` })
  await client.command({ query: ddl(table) })

  // insert
  const rows = Array.from({ length: ROWS }, (_, i) => makeRow(i + 1))
  const inserted = await client.insert({ table, values: rows, format: 'JSONEachRow' })
  if (!inserted.executed) fail(`insert into ${table} reports executed=false`)

  // select back and compare every field
  const rs = await client.query({ query: selectAll(table), format: 'JSONEachRow' })
  const back = await rs.json()
  compareRows(table, rows, back)
  summary.rows = back.length

  // query_params
  const n = 500
  const expectedSum = (n * (n + 1)) / 2
  const expectedNulls = Math.floor(n / 7)
  const prs = await client.query({
    query: `SELECT count() AS c, sum(id) AS s, countIf(score IS NULL) AS nulls
              FROM ${table} WHERE id <= {n:UInt32}`,
    query_params: { n },
    format: 'JSONEachRow',
  })
  const p = await prs.json()
  // count()/sum() are UInt64: ClickHouse before 25.8 quotes 64-bit integers in JSON output by
  // default, 25.8 and later do not (output_format_json_quote_64bit_integers=0); accept either form.
  const want = { c: String(n), s: String(expectedSum), nulls: String(expectedNulls) }
  const got = p.length === 1 ? Object.fromEntries(Object.entries(p[0]).map(([k, v]) => [k, String(v)])) : null
  summary.uint64_json = p.length === 1 ? typeof p[0].c : undefined
  if (p.length !== 1 || JSON.stringify(got) !== JSON.stringify(want)) {
    fail(`query_params {n:UInt32}=${n}: expected [${JSON.stringify(want)}], got ${JSON.stringify(p)}`)
  }

  // query_params with a Chinese string and an array parameter
  const title42 = makeRow(42).title
  const srs = await client.query({
    query: `SELECT id FROM ${table} WHERE title = {t:String} OR id IN {ids:Array(UInt32)} ORDER BY id`,
    query_params: { t: title42, ids: [7, 999] },
    format: 'JSONEachRow',
  })
  const s = await srs.json()
  if (JSON.stringify(s) !== JSON.stringify([{ id: 7 }, { id: 42 }, { id: 999 }])) {
    fail(`query_params {t:String}='${title42}', {ids:Array(UInt32)}=[7,999]: expected ids 7,42,999, got ${JSON.stringify(s)}`)
  }
  summary.query_params = true

  // error case: a missing table must surface ClickHouse's code 60 (UNKNOWN_TABLE)
  const missing = `${table}_does_not_exist`
  try {
    const ers = await client.query({ query: `SELECT * FROM ${missing}`, format: 'JSONEachRow' })
    const got = await ers.json()
    fail(`query on missing table ${missing} did not throw; it returned ${JSON.stringify(got).slice(0, 200)}`)
  } catch (err) {
    if (err?.code !== '60') {
      fail(`query on missing table: expected err.code '60', got ${describeError(err)}`)
    } else {
      summary.error_code = err.code
      summary.error_type = err.type
      if (err.type !== 'UNKNOWN_TABLE') fail(`query on missing table: expected err.type 'UNKNOWN_TABLE', got ${describeError(err)}`)
    }
  }

  // error case: an exception raised while a large result is produced must still be thrown (a server
  // that has already streamed a 200 has to signal it in the body; a buffering one answers non-200)
  try {
    const ers = await client.query({
      query: `SELECT number, throwIf(number = 300000, 'deliberate failure') AS x FROM numbers(1000000)`,
      format: 'JSONEachRow',
    })
    const got = await ers.json()
    fail(`query failing mid-result did not throw; it returned ${got.length} rows`)
  } catch (err) {
    if (err?.code !== '395') fail(`query failing mid-result: expected err.code '395', got ${describeError(err)}`)
    else summary.midstream_error_code = err.code
  }
}

async function compressedRoundTrip(client) {
  const stage = { step: 'ping' }
  try {
    const ping = await client.ping()
    if (!ping.success) throw ping.error
    stage.step = 'command (DROP/CREATE)'
    await client.command({ query: `DROP TABLE IF EXISTS ${gzTable}` })
    await client.command({ query: ddl(gzTable) })
    const rows = Array.from({ length: GZ_ROWS }, (_, i) => makeRow(i + 1))
    stage.step = 'insert (gzip request body)'
    await client.insert({ table: gzTable, values: rows, format: 'JSONEachRow' })
    stage.step = 'query (gzip response body)'
    const rs = await client.query({ query: selectAll(gzTable), format: 'JSONEachRow' })
    const back = await rs.json()
    compareRows(`${gzTable} (gzip)`, rows, back)
    summary.gzip_rows = back.length
    // clickhouse_settings must reach the engine: quoting of 64-bit integers is visible in the answer.
    stage.step = 'query with clickhouse_settings (gzip response body)'
    for (const quote of [1, 0]) {
      const crs = await client.query({
        query: `SELECT count() AS c FROM ${gzTable}`,
        format: 'JSONEachRow',
        clickhouse_settings: { output_format_json_quote_64bit_integers: quote },
      })
      const c = await crs.json()
      const want = [{ c: quote ? String(GZ_ROWS) : GZ_ROWS }]
      if (JSON.stringify(c) !== JSON.stringify(want)) {
        fail(`clickhouse_settings output_format_json_quote_64bit_integers=${quote}: expected ${JSON.stringify(want)}, got ${JSON.stringify(c)}`)
      }
    }
    summary.gzip_settings = true
  } catch (err) {
    fail(`compressed client (request+response gzip) failed at ${stage.step}: ${describeError(err)}`)
    summary.gzip_failed_at = stage.step
  }
}

// ---------------------------------------------------------------------------------------------
const client = createClient({ url })
const gzClient = createClient({ url, compression: { request: true, response: true } })
try {
  await plainRoundTrip(client)
  await compressedRoundTrip(gzClient)
} catch (err) {
  fail(`unexpected error: ${describeError(err)}`)
  if (err?.stack) console.error(err.stack)
} finally {
  await Promise.allSettled([client.close(), gzClient.close()])
}

summary.ok = failures.length === 0
summary.failures = failures.length
console.log(JSON.stringify(summary))
process.exit(summary.ok ? 0 : 1)
