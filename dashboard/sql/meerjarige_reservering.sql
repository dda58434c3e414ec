-- The funds reserved for beschut werk year by year, from $van_jaar to the last year with
-- a begroting (the multi-year reservation), of the chosen gemeenten together, against
-- what was spent: a finished year in full, the year of $peildatum up to its month
-- (uitgaven_in_venster), a later year nothing yet. The cumulative difference
-- (reserved minus spent) runs over the years up to the peildatum's; later years show
-- their reservation and the loaded taakstelling, for the expected cost to set against.
-- Parameters: $gemeenten, $van_jaar, $peildatum, $versie.
WITH
gekozen AS (
    SELECT gemeente FROM gekozen_gemeenten($gemeenten)
),
begroot AS (
    SELECT b.jaar, sum(b.bedrag) AS begroting
    FROM begroting_geldend($versie) AS b
    JOIN gekozen USING (gemeente)
    GROUP BY b.jaar
),
jaren AS (
    SELECT jaar::INTEGER AS jaar
    FROM range($van_jaar::INTEGER,
               greatest(coalesce((SELECT max(jaar) FROM begroot), 0),
                        year($peildatum::DATE)) + 1) AS t(jaar)
),
uitgegeven AS (
    SELECT j.jaar, sum(u.bedrag) AS uitgaven
    FROM jaren AS j
    JOIN uitgaven AS u ON uitgaven_in_venster(u.maand, j.jaar,
                                             least(make_date(j.jaar, 12, 31), $peildatum::DATE))
    JOIN gekozen USING (gemeente)
    WHERE j.jaar <= year($peildatum::DATE)
    GROUP BY j.jaar
),
quotum AS (
    SELECT jaar, taakstelling FROM taakstelling_samen($gemeenten)
),
per_jaar AS (
    SELECT j.jaar,
           CASE WHEN j.jaar < year($peildatum::DATE) THEN 'afgesloten'
                WHEN j.jaar = year($peildatum::DATE) THEN 'lopend'
                ELSE 'toekomst' END AS periode,
           round(coalesce(b.begroting, 0), 2) AS begroting,
           CASE WHEN j.jaar <= year($peildatum::DATE)
                THEN round(coalesce(u.uitgaven, 0), 2) END AS uitgaven,
           q.taakstelling
    FROM jaren AS j
    LEFT JOIN begroot AS b USING (jaar)
    LEFT JOIN uitgegeven AS u USING (jaar)
    LEFT JOIN quotum AS q USING (jaar)
),
final AS (
    SELECT *,
           begroting - uitgaven AS verschil,
           CASE WHEN periode <> 'toekomst'
                THEN sum(begroting - coalesce(uitgaven, 0)) OVER (ORDER BY jaar) END
               AS cumulatief_verschil
    FROM per_jaar
)
SELECT * FROM final
ORDER BY jaar;
