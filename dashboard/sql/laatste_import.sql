-- The most recent successful import: when, and from where.
SELECT import_id, afgerond, bron
FROM import_log
WHERE resultaat = 'geslaagd'
ORDER BY import_id DESC
LIMIT 1;
