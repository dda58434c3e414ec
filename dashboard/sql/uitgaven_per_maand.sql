-- Every month of $jaar: uitgaven and their running total up to the peildatum's month
-- (NULL after it), against the begroting spread evenly over the twelve months.
-- Parameters: $gemeenten, $jaar, $peildatum, $versie.
WITH
gekozen AS (
    SELECT gemeente FROM gekozen_gemeenten($gemeenten)
),
maanden AS (
    SELECT make_date($jaar::INTEGER, m::INTEGER, 1) AS maand, m AS nummer
    FROM range(1, 13) AS t(m)
),
begroot AS (
    SELECT coalesce(sum(b.bedrag), 0) AS begroting
    FROM begroting_geldend($versie) AS b
    JOIN gekozen USING (gemeente)
    WHERE b.jaar = $jaar
),
per_maand AS (
    SELECT u.maand, sum(u.bedrag) AS uitgaven
    FROM uitgaven AS u
    JOIN gekozen USING (gemeente)
    WHERE year(u.maand) = $jaar
    GROUP BY u.maand
),
final AS (
    SELECT m.maand,
           CASE WHEN m.maand <= date_trunc('month', $peildatum::DATE)
                THEN round(coalesce(p.uitgaven, 0), 2) END AS uitgaven,
           CASE WHEN m.maand <= date_trunc('month', $peildatum::DATE)
                THEN round(sum(coalesce(p.uitgaven, 0)) OVER (ORDER BY m.maand), 2)
           END AS uitgaven_cumulatief,
           round(b.begroting * m.nummer / 12, 2) AS budgetpad
    FROM maanden AS m
    CROSS JOIN begroot AS b
    LEFT JOIN per_maand AS p USING (maand)
)
SELECT * FROM final
ORDER BY maand;
