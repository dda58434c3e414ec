-- Put back table {tabel} as the restore plan says: the plan's gemeenten get the rows
-- that the first version after the restored one replaced, in the order they were kept.
-- ({tabel} is filled in by versions.py from the contract's tables.)
DELETE FROM {tabel}
WHERE gemeente IN (SELECT gemeente FROM herstel_plan WHERE tabel = '{tabel}');
INSERT INTO {tabel} BY NAME
SELECT v.* EXCLUDE (import_id)
FROM vervangen_{tabel} AS v
JOIN herstel_plan AS p
  ON p.tabel = '{tabel}' AND p.gemeente = v.gemeente AND p.import_id = v.import_id
ORDER BY v.rowid;
