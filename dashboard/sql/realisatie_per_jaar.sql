-- Per year from $van_jaar up to the year of $peildatum: the taakstelling and the
-- realisatie of the chosen gemeenten in each telwijze, each year counted on
-- 31 December (the last year on $peildatum), summed over the gemeenten.
-- Parameters: $gemeenten, $van_jaar, $peildatum.
WITH
per_dag AS (
    SELECT gemeente, dag, year(dag) AS jaar, realisatie, uren
    FROM realisatie_per_peildag(make_date($van_jaar::INTEGER, 1, 1), $peildatum::DATE, $gemeenten)
),
per_gemeente AS (
    SELECT gemeente, jaar,
           max(realisatie) FILTER (WHERE dag = least(make_date(jaar, 12, 31), $peildatum::DATE))
               AS realisatie_ultimo,
           avg(realisatie) AS realisatie_gemiddeld,
           max(uren) FILTER (WHERE dag = least(make_date(jaar, 12, 31), $peildatum::DATE)) / 36
               AS fte_ultimo
    FROM per_dag
    GROUP BY gemeente, jaar
),
per_jaar AS (
    SELECT jaar,
           sum(realisatie_ultimo)::INTEGER AS realisatie_ultimo,
           sum(realisatie_gemiddeld) AS realisatie_gemiddeld,
           sum(fte_ultimo) AS fte_ultimo
    FROM per_gemeente
    GROUP BY jaar
),
quotum AS (
    SELECT jaar, taakstelling FROM taakstelling_samen($gemeenten)
),
final AS (
    SELECT p.jaar,
           least(make_date(p.jaar, 12, 31), $peildatum::DATE) AS peildatum,
           q.taakstelling, p.realisatie_ultimo, p.realisatie_gemiddeld, p.fte_ultimo,
           CASE WHEN q.taakstelling > 0 THEN 100 * p.realisatie_ultimo / q.taakstelling END
               AS percentage_ultimo
    FROM per_jaar AS p
    LEFT JOIN quotum AS q USING (jaar)
)
SELECT * FROM final
ORDER BY jaar;
