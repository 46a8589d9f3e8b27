-- The distinct values of one column of one table, as text.
SELECT DISTINCT toString({column:Identifier})
FROM {database:Identifier}.{table:Identifier}
