-- The query-latency load of ./chuanbo bench: {rows} events spread over the 30 days up to the
-- current hour, written straight into the tables the job writes (and, for the aggregates, rows
-- derived from those events the way the job derives them; reach_daily, reach_viewers, article_day,
-- article_hour, ingest_minute and events_by_time fill by their materialized views on the insert into
-- events, as they do behind the job: a view fires on INSERT … SELECT as on the job's inserts), so
-- that every query of dashboards/queries/ has a month of data to read. Generated in the engine from numbers(): ten
-- million rows take seconds this way, against minutes through the job or RowBinary from Java.
-- The mix resembles the generator's (deploy/generator: ChannelMix, Popularity, ViewerBehaviour):
-- 600 pieces from the six offices (the city office most), a heavy-tailed popularity (a few pieces
-- take most views), WeChat the largest channel, views ~85% of events, shares ~4%, reposts rare,
-- 30% of viewers known as a cross-channel person, a fifth of views through a share.
-- Pseudo-random values are cityHash64(number, salt): the same rows for the same {rows}.
-- {rows} is replaced by the launcher with a number it formatted itself (BenchSettings checks it).
TRUNCATE TABLE chuanbo.events;
TRUNCATE TABLE chuanbo.article_minute;
TRUNCATE TABLE chuanbo.article_versions;
TRUNCATE TABLE chuanbo.article_spread_versions;
TRUNCATE TABLE chuanbo.share_cascade;
TRUNCATE TABLE chuanbo.reach_daily;
TRUNCATE TABLE chuanbo.reach_viewers;
TRUNCATE TABLE chuanbo.article_day;
TRUNCATE TABLE chuanbo.article_hour;
TRUNCATE TABLE chuanbo.ingest_minute;
TRUNCATE TABLE chuanbo.events_by_time;
TRUNCATE TABLE chuanbo.platform_count_reports;
TRUNCATE TABLE chuanbo.ingest_quality_minute;

INSERT INTO chuanbo.article_versions
    (article_id, title, office, series, content_type, editor, published_at, updated_at)
SELECT
    concat('bench-a-', leftPad(toString(number), 4, '0'))                     AS article_id,
    concat('基准测试稿件 ', toString(number))                                     AS title,
    ['hz', 'hz', 'hz', 'bb', 'pg', 'zs', 'zp', 'fc'][1 + cityHash64(number, 1) % 8] AS office,
    ['党建动态', '基层风采', '理论学习', '先锋人物', ''][1 + cityHash64(number, 2) % 5] AS series,
    ['ARTICLE', 'ARTICLE', 'VIDEO', 'AUDIO', 'COURSE', 'GALLERY'][1 + cityHash64(number, 3) % 6] AS content_type,
    concat('editor-', toString(cityHash64(number, 4) % 20))                    AS editor,
    toDateTime64(toStartOfHour(now()), 3, 'Asia/Shanghai') - toIntervalDay(30)
        + toIntervalSecond(cityHash64(number, 5) % 600 * 3600)                 AS published_at,
    published_at                                                               AS updated_at
FROM numbers(600);

INSERT INTO chuanbo.events
    (event_id, event_type, event_time, article_id, office, channel, user_id, person_id, reach_key,
     terminal, region, share_id, via_share_id, outlet, duration_ms, attributes)
SELECT
    concat('bench-e-', toString(number))                                       AS event_id,
    multiIf(kind < 850, 'VIEW', kind < 910, 'LIKE', kind < 950, 'SHARE', kind < 985, 'COMMENT',
            kind < 990, 'REPOST', 'VIEW')                                      AS event_type,
    -- Between the piece's publication and the end of the span: older pieces have more days.
    toDateTime64(toStartOfHour(now()), 3, 'Asia/Shanghai') - toIntervalDay(30)
        + toIntervalSecond(published_hour * 3600
            + cityHash64(number, 12) % ((720 - published_hour) * 3600))       AS event_time,
    concat('bench-a-', leftPad(toString(article), 4, '0'))                     AS article_id,
    ['hz', 'hz', 'hz', 'bb', 'pg', 'zs', 'zp', 'fc'][1 + cityHash64(article, 1) % 8] AS office,
    multiIf(ch < 40, 'WECHAT', ch < 60, 'APP', ch < 75, 'WEBSITE', ch < 85, 'TV', ch < 90, 'RADIO',
            'REMOTE_EDU')                                                      AS channel,
    concat('bench-u-', toString(cityHash64(number, 14) % 2000000))             AS user_id,
    if(cityHash64(number, 15) % 10 < 3,
       concat('bench-p-', toString(cityHash64(number, 14) % 1500000)), NULL)   AS person_id,
    if(person_id IS NOT NULL, concat('p:', assumeNotNull(person_id)),
       concat('u:', channel, ':', user_id))                                    AS reach_key,
    ['PC', 'MOBILE', 'MOBILE', 'MOBILE', 'TABLET', 'TV', 'OTHER'][1 + cityHash64(number, 16) % 7] AS terminal,
    if(cityHash64(number, 17) % 6 = 0, NULL,
       ['八步区', '平桂区', '钟山县', '昭平县', '富川瑶族自治县'][1 + cityHash64(number, 17) % 5]) AS region,
    if(event_type = 'SHARE', concat('bench-s-', toString(number)), NULL)       AS share_id,
    if(cityHash64(number, 18) % 5 = 0,
       concat('bench-s-', toString(cityHash64(number, 19) % {rows})), NULL)  AS via_share_id,
    if(event_type = 'REPOST',
       ['新华网', '网易', '今日头条', '人民网', '中组部《共产党员》'][1 + cityHash64(number, 20) % 5], NULL) AS outlet,
    if(event_type = 'VIEW' AND cityHash64(number, 21) % 2 = 0,
       toUInt64(3000 + cityHash64(number, 22) % 600000), NULL)                 AS duration_ms,
    map()                                                                      AS attributes
FROM
(
    SELECT
        number,
        cityHash64(number, 10) % 1000                                          AS kind,
        cityHash64(number, 13) % 100                                           AS ch,
        -- Heavy tail: the cube of a uniform number puts most events on the first pieces.
        toUInt64(600 * pow((cityHash64(number, 11) % 1000000) / 1000000, 3))   AS article,
        cityHash64(article, 5) % 600                                           AS published_hour
    FROM numbers({rows})
)
-- Two threads insert (and feed events' materialized views), one a core: the load is the longest
-- step of the query phase.
SETTINGS max_insert_threads = 2;

INSERT INTO chuanbo.article_minute
SELECT
    article_id,
    channel,
    toStartOfMinute(event_time)                                                AS minute,
    countIf(event_type = 'VIEW'),
    countIf(event_type = 'SHARE'),
    countIf(event_type = 'REPOST'),
    countIf(event_type = 'LIKE'),
    countIf(event_type = 'COMMENT'),
    sumIf(assumeNotNull(duration_ms), event_type = 'VIEW' AND duration_ms IS NOT NULL),
    countIf(event_type = 'VIEW' AND duration_ms IS NOT NULL)
FROM chuanbo.events
GROUP BY article_id, channel, minute;

INSERT INTO chuanbo.share_cascade
SELECT
    article_id,
    assumeNotNull(share_id),
    if(via_share_id IS NULL, NULL, via_share_id)                               AS parent_share_id,
    via_share_id,
    toUInt16(if(via_share_id IS NULL, 1, 2 + cityHash64(event_id, 30) % 4))    AS generation,
    channel,
    office,
    event_time,
    0
FROM chuanbo.events
WHERE event_type = 'SHARE';

INSERT INTO chuanbo.article_spread_versions
SELECT
    article_id,
    1                                                                          AS revision,
    any(office)                                                                AS office,
    countIf(event_type = 'VIEW')                                               AS views,
    views                                                                      AS counted_views,
    countIf(event_type = 'VIEW' AND via_share_id IS NULL)                      AS direct_views,
    countIf(event_type = 'VIEW' AND via_share_id IS NOT NULL)                  AS via_share_views,
    uniqExactIf(reach_key, event_type = 'VIEW')                                AS reach,
    1                                                                          AS reach_exact,
    countIf(event_type = 'SHARE')                                              AS shares,
    shares                                                                     AS counted_shares,
    countIf(event_type = 'REPOST')                                             AS reposts,
    countIf(event_type = 'LIKE')                                               AS likes,
    countIf(event_type = 'COMMENT')                                            AS comments,
    likes + comments + shares + reposts                                        AS engagements,
    toUInt32(uniqExactIf(assumeNotNull(outlet), event_type = 'REPOST'))        AS outlets,
    if(reposts > 0, minIf(event_time, event_type = 'REPOST'), NULL)            AS first_repost_at,
    shares                                                                     AS cascade_shares,
    0                                                                          AS pending_shares,
    0                                                                          AS orphaned_shares,
    toUInt16(1 + cityHash64(article_id, 31) % 5)                               AS max_depth,
    1.5                                                                        AS mean_depth,
    [toUInt64(shares)]                                                         AS shares_per_generation,
    if(direct_views > 0, via_share_views / direct_views, NULL)                 AS amplification,
    2.0                                                                        AS structural_virality,
    0                                                                          AS structural_virality_estimated,
    toUInt8(uniqExact(channel))                                                AS channels,
    round((cityHash64(article_id, 32) % 10000) / 10, 1)                        AS di,
    0, 0, 0, 0, 0, 0, 0,
    1                                                                          AS di_config_version,
    max(event_time)                                                            AS updated_at
FROM chuanbo.events
GROUP BY article_id;

INSERT INTO chuanbo.platform_count_reports
SELECT
    concat('bench-r-', article_id, '-', toString(day))                         AS report_id,
    article_id,
    'WECHAT',
    day,
    toDateTime64(day + 1, 3, 'Asia/Shanghai') + toIntervalHour(8)              AS as_of,
    toUInt64(views * 1.1),
    shares,
    likes,
    comments
FROM
(
    SELECT
        article_id,
        toDate(event_time)                                                     AS day,
        countIf(event_type = 'VIEW')                                           AS views,
        countIf(event_type = 'SHARE')                                          AS shares,
        countIf(event_type = 'LIKE')                                           AS likes,
        countIf(event_type = 'COMMENT')                                        AS comments
    FROM chuanbo.events
    WHERE channel = 'WECHAT'
    GROUP BY article_id, day
);

INSERT INTO chuanbo.ingest_quality_minute
SELECT toStartOfMinute(event_time), 'chuanbo.events', 'duplicate', 'duplicate_event_id', count()
FROM chuanbo.events
WHERE cityHash64(event_id, 33) % 100 = 0
GROUP BY 1;
