-- Every version, oldest first: the import log's entries with whether the data as it
-- stood right after the version can be put back. That needs every later version to
-- have kept the rows it replaced (imports from before versions were kept did not).
WITH
log AS (
    SELECT import_id, afgerond, resultaat, bron
    FROM import_log
),
bewaard AS (
    SELECT import_id, hersteld_naar
    FROM versie
),
niet_bewaard AS (
    SELECT l.import_id
    FROM log AS l
    ANTI JOIN bewaard AS b USING (import_id)
    WHERE l.resultaat <> 'mislukt'
),
final AS (
    SELECT l.import_id, l.afgerond, l.resultaat, l.bron, b.hersteld_naar,
           l.import_id NOT IN (SELECT import_id FROM niet_bewaard) AS bewaard,
           NOT EXISTS (SELECT 1 FROM niet_bewaard AS n WHERE n.import_id > l.import_id)
               AS herstelbaar
    FROM log AS l
    LEFT JOIN bewaard AS b USING (import_id)
)
SELECT * FROM final
ORDER BY import_id;
