-- The headline figures of the voorschakeltraject funnel (trajecten_trechter.sql) of the
-- chosen gemeenten together: the trajecten that started in $jaar on or before
-- $peildatum, how many asked for an advies beschut werk, its outcome, and how many ended
-- in beschut werk. Percentages are NULL where they would divide by zero.
-- Parameters: $gemeenten, $jaar, $peildatum.
WITH
gestart AS (
    SELECT t.advies_aangevraagd, t.advies_uitkomst, t.uitkomst
    FROM trajecten_op($peildatum) AS t
    JOIN gekozen_gemeenten($gemeenten) USING (gemeente)
    WHERE year(t.startdatum) = $jaar AND t.startdatum <= $peildatum::DATE
),
geteld AS (
    SELECT count(*)::INTEGER AS gestart,
           count(*) FILTER (WHERE advies_aangevraagd IS NOT NULL OR advies_uitkomst IS NOT NULL)
               ::INTEGER AS advies_aangevraagd,
           count(*) FILTER (WHERE advies_uitkomst = 'positief')::INTEGER AS positief,
           count(*) FILTER (WHERE advies_uitkomst = 'negatief')::INTEGER AS negatief,
           count(*) FILTER (WHERE advies_aangevraagd IS NOT NULL AND advies_uitkomst IS NULL)
               ::INTEGER AS in_behandeling,
           count(*) FILTER (WHERE uitkomst = 'beschut_werk')::INTEGER AS naar_beschut_werk
    FROM gestart
),
final AS (
    SELECT *,
           100 * advies_aangevraagd / nullif(gestart, 0) AS percentage_advies_aangevraagd,
           100 * positief / nullif(positief + negatief, 0) AS percentage_positief,
           100 * naar_beschut_werk / nullif(gestart, 0) AS percentage_naar_beschut_werk
    FROM geteld
)
SELECT * FROM final;
