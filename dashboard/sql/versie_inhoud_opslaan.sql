-- Record which gemeenten of table $tabel version $import_id replaced.
INSERT INTO versie_inhoud (import_id, tabel, gemeente)
SELECT $import_id, $tabel, unnest($gemeenten::VARCHAR[]);
