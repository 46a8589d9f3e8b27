-- Which migrations have been applied: written by `./chuanbo migrate` after each one succeeds.
CREATE DATABASE IF NOT EXISTS chuanbo;

CREATE TABLE IF NOT EXISTS chuanbo.schema_migrations
(
    version     UInt32,
    name        String,
    sha256      String,
    applied_at  DateTime('Asia/Shanghai') DEFAULT now()
)
ENGINE = MergeTree
ORDER BY version;
