-- The files the loaded data of the chosen gemeenten comes from, so a figure can be
-- traced: per table and gemeente the file of the last successful import that held it
-- (an import replaces a table's rows only for the gemeenten in its file).
-- Parameters: $gemeenten.
WITH
gekozen AS (
    SELECT gemeente FROM gekozen_gemeenten($gemeenten)
),
bestanden AS (
    SELECT b.import_id, l.afgerond, b.bestand, b.tabel, b.sha256, b.rijen,
           unnest(b.gemeenten) AS gemeente
    FROM import_bestand AS b
    JOIN import_log AS l USING (import_id)
    WHERE l.resultaat = 'geslaagd'
),
geldend AS (
    SELECT f.*
    FROM bestanden AS f
    JOIN gekozen USING (gemeente)
    QUALIFY row_number() OVER (PARTITION BY f.tabel, f.gemeente ORDER BY f.import_id DESC) = 1
),
final AS (
    SELECT tabel, bestand, sha256, rijen, import_id, afgerond,
           list(gemeente ORDER BY gemeente) AS gemeenten
    FROM geldend
    GROUP BY ALL
)
SELECT * FROM final
ORDER BY tabel, import_id;
