-- The voorschakeltraject funnel of the chosen gemeenten together, as the links of a
-- Sankey diagram: Gestart → advies aangevraagd or not → the advies (positief, negatief,
-- still in behandeling at UWV) → the traject's uitkomst. The trajecten are those of
-- trajecten_gestart (a startdatum in $jaar, on or before $peildatum); their advies and
-- uitkomst as known on $peildatum (trajecten_op in macros.sql), so the uitkomst links
-- add up to trajecten_per_uitkomst. Links without trajecten are left out.
-- Parameters: $gemeenten, $jaar, $peildatum.
WITH
knopen AS (
    SELECT * FROM (VALUES
        (0, 'Gestart'),
        (1, 'Advies aangevraagd'), (2, 'Geen advies aangevraagd'),
        (3, 'Positief'), (4, 'Negatief'), (5, 'In behandeling'),
        (6, 'Loopt nog'), (7, 'Beschut werk'), (8, 'Regulier werk'),
        (9, 'Ander instrument'), (10, 'Dagbesteding'), (11, 'Uitgevallen')
    ) AS k(volgorde, knoop)
),
uitkomsten AS (
    SELECT * FROM (VALUES
        ('lopend', 'Loopt nog'), ('beschut_werk', 'Beschut werk'),
        ('regulier_werk', 'Regulier werk'), ('ander_instrument', 'Ander instrument'),
        ('dagbesteding', 'Dagbesteding'), ('uitgevallen', 'Uitgevallen')
    ) AS u(uitkomst, knoop)
),
gestart AS (
    SELECT t.advies_aangevraagd, t.advies_uitkomst, t.uitkomst
    FROM trajecten_op($peildatum) AS t
    JOIN gekozen_gemeenten($gemeenten) USING (gemeente)
    WHERE year(t.startdatum) = $jaar AND t.startdatum <= $peildatum::DATE
),
ingedeeld AS (
    SELECT CASE WHEN g.advies_aangevraagd IS NULL AND g.advies_uitkomst IS NULL
                THEN 'Geen advies aangevraagd' ELSE 'Advies aangevraagd' END AS aanvraag,
           CASE WHEN g.advies_uitkomst = 'positief' THEN 'Positief'
                WHEN g.advies_uitkomst = 'negatief' THEN 'Negatief'
                WHEN g.advies_aangevraagd IS NOT NULL THEN 'In behandeling'
           END AS advies,
           u.knoop AS uitkomst
    FROM gestart AS g
    JOIN uitkomsten AS u USING (uitkomst)
),
stappen AS (
    SELECT 'Gestart' AS van, aanvraag AS naar FROM ingedeeld
    UNION ALL
    SELECT aanvraag, advies FROM ingedeeld WHERE advies IS NOT NULL
    UNION ALL
    SELECT coalesce(advies, aanvraag), uitkomst FROM ingedeeld
),
final AS (
    SELECT s.van, s.naar, count(*)::INTEGER AS trajecten
    FROM stappen AS s
    JOIN knopen AS v ON v.knoop = s.van
    JOIN knopen AS n ON n.knoop = s.naar
    GROUP BY s.van, s.naar, v.volgorde, n.volgorde
    ORDER BY v.volgorde, n.volgorde
)
SELECT * FROM final;
