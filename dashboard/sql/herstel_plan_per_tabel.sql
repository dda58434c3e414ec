-- The restore plan per table: the gemeenten whose rows the restore replaces.
SELECT tabel, list(gemeente ORDER BY gemeente) AS gemeenten
FROM herstel_plan
GROUP BY tabel
ORDER BY tabel;
