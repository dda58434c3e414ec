-- Per year from $van_jaar to $jaar for the chosen gemeenten: begroting (the versie
-- that counts), uitgaven (the running year up to the peildatum's month), average
-- realisatie and the cost per plek (uitgaven / realisatie_gemiddeld; for the running
-- year also scaled to twelve months: kosten_per_plek_jaarbasis).
-- Parameters: $gemeenten, $van_jaar, $jaar, $peildatum, $versie.
WITH
gekozen AS (
    SELECT gemeente FROM gekozen_gemeenten($gemeenten)
),
jaren AS (
    SELECT jaar::INTEGER AS jaar FROM range($van_jaar::INTEGER, $jaar::INTEGER + 1) AS t(jaar)
),
begroot AS (
    SELECT b.jaar, sum(b.bedrag) AS begroting
    FROM begroting_geldend($versie) AS b
    JOIN gekozen USING (gemeente)
    GROUP BY b.jaar
),
uitgegeven AS (
    SELECT year(u.maand) AS jaar, sum(u.bedrag) AS uitgaven
    FROM uitgaven AS u
    JOIN gekozen USING (gemeente)
    WHERE u.maand <= date_trunc('month', $peildatum::DATE)
    GROUP BY 1
),
realisatie AS (
    SELECT year(dag) AS jaar, gemeente, avg(realisatie) AS realisatie_gemiddeld
    FROM realisatie_per_peildag(make_date($van_jaar::INTEGER, 1, 1), $peildatum::DATE, $gemeenten)
    GROUP BY 1, 2
),
gemiddeld AS (
    SELECT jaar, sum(realisatie_gemiddeld) AS realisatie_gemiddeld
    FROM realisatie
    GROUP BY jaar
),
final AS (
    SELECT j.jaar,
           round(coalesce(b.begroting, 0), 2) AS begroting,
           round(coalesce(u.uitgaven, 0), 2) AS uitgaven,
           percentage_besteed(u.uitgaven, b.begroting) AS percentage_besteed,
           coalesce(g.realisatie_gemiddeld, 0) AS realisatie_gemiddeld,
           kosten_per_plek(u.uitgaven, g.realisatie_gemiddeld) AS kosten_per_plek,
           kosten_per_plek_jaarbasis(u.uitgaven, g.realisatie_gemiddeld, j.jaar, $peildatum)
               AS kosten_per_plek_jaarbasis
    FROM jaren AS j
    LEFT JOIN begroot AS b USING (jaar)
    LEFT JOIN uitgegeven AS u USING (jaar)
    LEFT JOIN gemiddeld AS g USING (jaar)
)
SELECT * FROM final
ORDER BY jaar;
