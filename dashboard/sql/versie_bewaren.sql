-- Keep the rows of table {tabel} that version $import_id is about to replace: those
-- of the gemeenten in $gemeenten. ({tabel} is filled in by versions.py from the
-- contract's tables, never from input.)
INSERT INTO vervangen_{tabel} BY NAME
SELECT $import_id::INTEGER AS import_id, *
FROM {tabel}
WHERE list_contains($gemeenten::VARCHAR[], gemeente);
