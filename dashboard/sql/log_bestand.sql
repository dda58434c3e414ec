-- Record one imported file: name, table, sha256, rows and the gemeenten it replaced.
INSERT INTO import_bestand (import_id, bestand, tabel, sha256, rijen, gemeenten)
VALUES ($import_id, $bestand, $tabel, $sha256, $rijen, $gemeenten::VARCHAR[]);
