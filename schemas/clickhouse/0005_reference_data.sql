-- Reference data (DOMAIN.md): the six publishing offices and the channels, with the Chinese
-- names people read on dashboards and in reports.
CREATE TABLE IF NOT EXISTS chuanbo.offices
(
    code   LowCardinality(String),
    name   String,
    level  LowCardinality(String)
)
ENGINE = ReplacingMergeTree
ORDER BY code;

INSERT INTO chuanbo.offices (code, name, level) VALUES
    ('hz', '贺州市', 'city'),
    ('bb', '八步区', 'district'),
    ('pg', '平桂区', 'district'),
    ('zs', '钟山县', 'county'),
    ('zp', '昭平县', 'county'),
    ('fc', '富川瑶族自治县', 'county'),
    ('unknown', '未知', 'unknown');

CREATE TABLE IF NOT EXISTS chuanbo.channels
(
    code  LowCardinality(String),
    name  String
)
ENGINE = ReplacingMergeTree
ORDER BY code;

INSERT INTO chuanbo.channels (code, name) VALUES
    ('WECHAT', '贺州先锋微信公众号'),
    ('WEBSITE', '寿城党旗红网站'),
    ('APP', '党建APP'),
    ('TV', '《党旗如画》电视'),
    ('RADIO', '《党旗如画》广播'),
    ('REMOTE_EDU', '党员远程教育网');
