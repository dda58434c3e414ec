-- Every gemeente with data, with its name and its number of rows in each input table
-- (0 where a table has none of its rows), sorted by name.
WITH
rijen AS (
    SELECT gemeente, 'taakstelling' AS tabel FROM taakstelling
    UNION ALL SELECT gemeente, 'plaatsingen' FROM plaatsingen
    UNION ALL SELECT gemeente, 'trajecten' FROM trajecten
    UNION ALL SELECT gemeente, 'begroting' FROM begroting
    UNION ALL SELECT gemeente, 'uitgaven' FROM uitgaven
),
per_tabel AS (
    SELECT gemeente,
           count(*) FILTER (WHERE tabel = 'taakstelling') AS taakstelling,
           count(*) FILTER (WHERE tabel = 'plaatsingen') AS plaatsingen,
           count(*) FILTER (WHERE tabel = 'trajecten') AS trajecten,
           count(*) FILTER (WHERE tabel = 'begroting') AS begroting,
           count(*) FILTER (WHERE tabel = 'uitgaven') AS uitgaven
    FROM rijen
    GROUP BY gemeente
),
final AS (
    SELECT g.gemeente, g.gemeentenaam,
           p.taakstelling::BIGINT AS taakstelling,
           p.plaatsingen::BIGINT AS plaatsingen,
           p.trajecten::BIGINT AS trajecten,
           p.begroting::BIGINT AS begroting,
           p.uitgaven::BIGINT AS uitgaven
    FROM gemeenten AS g
    JOIN per_tabel AS p USING (gemeente)
)
SELECT * FROM final
ORDER BY gemeentenaam, gemeente;
