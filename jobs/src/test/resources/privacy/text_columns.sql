-- Every column of a database that holds text: String or FixedString, also inside Nullable,
-- LowCardinality, Array, Map or Tuple, and SimpleAggregateFunction (which stores plain values).
-- AggregateFunction states are left out: they are binary, not text (uniqExact keeps hashes).
SELECT table, name, type
FROM system.columns
WHERE database = {database:String}
  AND match(type, 'String')
  AND NOT startsWith(type, 'AggregateFunction')
ORDER BY table, name
