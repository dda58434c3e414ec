-- Realisatie per chosen gemeente on every month-end from $van to $tot (the backtest's
-- "what happened", and the history its baselines extend).
-- Parameters: $gemeenten (codes; empty = all), $van, $tot.
WITH
per_dag AS (
    SELECT gemeente, dag, realisatie::INTEGER AS realisatie
    FROM realisatie_per_peildag($van::DATE, $tot::DATE, $gemeenten)
),
final AS (
    SELECT gemeente, dag, realisatie
    FROM per_dag
    WHERE dag = last_day(dag)
)
SELECT * FROM final
ORDER BY gemeente, dag;
