-- Realisatie of the chosen gemeenten together on every month-end from $van to
-- $tot (plus $tot itself), with the taakstelling of that day's year.
-- Parameters: $gemeenten (codes; empty = all), $van, $tot.
WITH
per_dag AS (
    SELECT dag, sum(realisatie)::INTEGER AS realisatie, fte(sum(uren)) AS fte
    FROM realisatie_per_peildag($van::DATE, $tot::DATE, $gemeenten)
    GROUP BY dag
),
quotum AS (
    SELECT jaar, taakstelling FROM taakstelling_samen($gemeenten)
),
final AS (
    SELECT d.dag, d.realisatie, d.fte, q.taakstelling
    FROM per_dag AS d
    LEFT JOIN quotum AS q ON q.jaar = year(d.dag)
)
SELECT * FROM final
ORDER BY dag;
