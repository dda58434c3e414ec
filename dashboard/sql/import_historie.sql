-- Every import, newest last, with its files (name, table, sha256, rows, encoding).
WITH
bestanden AS (
    SELECT import_id,
           list({'bestand': bestand, 'tabel': tabel, 'sha256': sha256, 'rijen': rijen,
                 'gemeenten': gemeenten, 'codering': codering} ORDER BY bestand) AS bestanden,
           sum(rijen)::BIGINT AS rijen
    FROM import_bestand
    GROUP BY import_id
),
final AS (
    SELECT l.import_id, l.gestart, l.afgerond, l.resultaat, l.bron, l.melding, l.dashboard_versie,
           coalesce(b.rijen, 0) AS rijen, coalesce(b.bestanden, []) AS bestanden
    FROM import_log AS l
    LEFT JOIN bestanden AS b USING (import_id)
)
SELECT * FROM final
ORDER BY import_id;
