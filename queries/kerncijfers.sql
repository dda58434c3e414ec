-- The headline figures per gemeente for one jaar at one peildatum (data contract,
-- "Counting"). Parameters: $jaar, $peildatum (a day in $jaar), $gemeenten (a list of
-- GMnnnn codes; empty = all), $versie (a begroting versie, or NULL = last in file).
WITH
gekozen AS (
    SELECT gemeente, gemeentenaam
    FROM gemeenten
    WHERE len($gemeenten::VARCHAR[]) = 0 OR list_contains($gemeenten::VARCHAR[], gemeente)
),
realisatie AS (
    SELECT gemeente,
           max(realisatie) FILTER (WHERE dag = $peildatum::DATE) AS realisatie_ultimo,
           avg(realisatie) AS realisatie_gemiddeld,
           max(uren) FILTER (WHERE dag = $peildatum::DATE) / 36 AS fte_ultimo
    FROM realisatie_per_peildag(make_date($jaar::INTEGER, 1, 1), $peildatum::DATE)
    GROUP BY gemeente
),
quotum AS (
    SELECT gemeente, taakstelling
    FROM taakstelling
    WHERE jaar = $jaar
),
begroting_per_post AS (
    SELECT g.gemeente, c.waarde AS post, coalesce(sum(b.bedrag), 0) AS bedrag, c.volgorde
    FROM gekozen AS g
    CROSS JOIN categorie AS c
    LEFT JOIN begroting_geldend($versie) AS b
      ON b.gemeente = g.gemeente AND b.post = c.waarde AND b.jaar = $jaar
    WHERE c.soort = 'post'
    GROUP BY g.gemeente, c.waarde, c.volgorde
),
begroot AS (
    SELECT gemeente,
           sum(bedrag) AS begroting,
           map_from_entries(list((post, round(bedrag, 2)) ORDER BY volgorde)) AS begroting_per_post
    FROM begroting_per_post
    GROUP BY gemeente
),
uitgegeven AS (
    SELECT gemeente, sum(bedrag) AS uitgaven
    FROM uitgaven
    WHERE maand BETWEEN make_date($jaar::INTEGER, 1, 1) AND date_trunc('month', $peildatum::DATE)
    GROUP BY gemeente
),
trajecten_per_uitkomst AS (
    SELECT g.gemeente, c.waarde AS uitkomst, count(t.traject_id) AS aantal, c.volgorde
    FROM gekozen AS g
    CROSS JOIN categorie AS c
    LEFT JOIN trajecten AS t
      ON t.gemeente = g.gemeente AND t.uitkomst = c.waarde
     AND year(t.startdatum) = $jaar AND t.startdatum <= $peildatum::DATE
    WHERE c.soort = 'uitkomst'
    GROUP BY g.gemeente, c.waarde, c.volgorde
),
trajecten_gestart AS (
    SELECT gemeente,
           sum(aantal)::INTEGER AS trajecten_gestart,
           map_from_entries(list((uitkomst, aantal::INTEGER) ORDER BY volgorde))
               AS trajecten_per_uitkomst
    FROM trajecten_per_uitkomst
    GROUP BY gemeente
),
final AS (
    SELECT g.gemeente,
           g.gemeentenaam,
           $jaar::INTEGER AS jaar,
           $peildatum::DATE AS peildatum,
           q.taakstelling,
           r.realisatie_ultimo::INTEGER AS realisatie_ultimo,
           r.realisatie_gemiddeld,
           r.fte_ultimo,
           CASE WHEN q.taakstelling > 0
                THEN 100 * r.realisatie_ultimo / q.taakstelling END AS percentage_ultimo,
           round(b.begroting, 2) AS begroting,
           b.begroting_per_post,
           round(coalesce(u.uitgaven, 0), 2) AS uitgaven,
           t.trajecten_gestart,
           t.trajecten_per_uitkomst
    FROM gekozen AS g
    JOIN realisatie AS r USING (gemeente)
    LEFT JOIN quotum AS q USING (gemeente)
    JOIN begroot AS b USING (gemeente)
    LEFT JOIN uitgegeven AS u USING (gemeente)
    JOIN trajecten_gestart AS t USING (gemeente)
)
SELECT * FROM final
ORDER BY gemeente;
