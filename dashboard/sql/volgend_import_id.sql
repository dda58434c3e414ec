-- The number the next import gets.
SELECT coalesce(max(import_id), 0) + 1 AS import_id FROM import_log;
