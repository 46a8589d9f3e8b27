-- The database every Chuanbo table lives in.
CREATE DATABASE IF NOT EXISTS chuanbo;
