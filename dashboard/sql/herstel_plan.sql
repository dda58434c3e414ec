-- What putting back version $versie changes, as a temporary table for the restore's
-- statements: each table and gemeente that a later version replaced, with the first
-- such version. The rows that version replaced are the rows as they stood right after
-- version $versie (no version in between touched the pair).
CREATE OR REPLACE TEMP TABLE herstel_plan AS
WITH
later AS (
    SELECT import_id, tabel, gemeente
    FROM versie_inhoud
    WHERE import_id > $versie
),
final AS (
    SELECT tabel, gemeente, min(import_id) AS import_id
    FROM later
    GROUP BY tabel, gemeente
)
SELECT * FROM final;
