-- Per year from $van_jaar up to the year of $peildatum: the taakstelling and the
-- realisatie of the chosen gemeenten in each telwijze, each year counted on
-- 31 December (the last year on $peildatum), summed over the gemeenten; the
-- percentage over the gemeenten with a taakstelling for that year (macros.sql).
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
           fte(max(uren) FILTER (WHERE dag = least(make_date(jaar, 12, 31), $peildatum::DATE)))
               AS fte_ultimo
    FROM per_dag
    GROUP BY gemeente, jaar
),
met_taakstelling AS (
    SELECT p.*, t.taakstelling
    FROM per_gemeente AS p
    LEFT JOIN taakstelling AS t USING (gemeente, jaar)
),
final AS (
    SELECT jaar,
           least(make_date(jaar, 12, 31), $peildatum::DATE) AS peildatum,
           sum(taakstelling) AS taakstelling,
           sum(realisatie_ultimo)::INTEGER AS realisatie_ultimo,
           sum(realisatie_gemiddeld) AS realisatie_gemiddeld,
           sum(fte_ultimo) AS fte_ultimo,
           percentage_taakstelling_samen(realisatie_ultimo, taakstelling) AS percentage_ultimo
    FROM met_taakstelling
    GROUP BY jaar
)
SELECT * FROM final
ORDER BY jaar;
