-- Record one imported file: name, table, sha256, rows, the gemeenten it replaced and
-- the encoding a CSV was read in.
INSERT INTO import_bestand (import_id, bestand, tabel, sha256, rijen, gemeenten, codering)
VALUES ($import_id, $bestand, $tabel, $sha256, $rijen, $gemeenten::VARCHAR[], $codering);
