-- The headline figures of a selection of gemeenten together: each figure the sum of
-- the gemeenten's figures; the percentage and the gap (nog_te_realiseren: taakstelling
-- minus realisatie, negative = above it) over the gemeenten that have a taakstelling.
-- Parameters as kerncijfers.sql.
WITH
per_gemeente AS (
    SELECT * FROM kerncijfers_per_gemeente($jaar, $peildatum, $gemeenten, $versie)
),
final AS (
    SELECT count(*)::INTEGER AS gemeenten,
           count(taakstelling)::INTEGER AS gemeenten_met_taakstelling,
           sum(taakstelling) AS taakstelling,
           sum(realisatie_ultimo)::INTEGER AS realisatie_ultimo,
           sum(realisatie_ultimo) FILTER (WHERE taakstelling IS NOT NULL)::INTEGER
               AS realisatie_ultimo_met_taakstelling,
           sum(realisatie_gemiddeld) AS realisatie_gemiddeld,
           sum(fte_ultimo) AS fte_ultimo,
           CASE WHEN sum(taakstelling) > 0
                THEN 100 * sum(realisatie_ultimo) FILTER (WHERE taakstelling IS NOT NULL)
                     / sum(taakstelling) END AS percentage_ultimo,
           sum(taakstelling)
               - sum(realisatie_ultimo) FILTER (WHERE taakstelling IS NOT NULL)
               AS nog_te_realiseren,
           sum(begroting) AS begroting,
           sum(uitgaven) AS uitgaven,
           CASE WHEN sum(begroting) > 0 THEN 100 * sum(uitgaven) / sum(begroting) END
               AS percentage_besteed,
           sum(trajecten_gestart)::INTEGER AS trajecten_gestart
    FROM per_gemeente
)
SELECT * FROM final;
