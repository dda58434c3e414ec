-- The beschut werk stock on $peildatum per band of hours per week (per placement).
-- Parameters: $gemeenten, $peildatum.
WITH
klassen AS (
    SELECT * FROM (VALUES
        (1, 'tot 16 uur'), (2, '16 tot 24 uur'), (3, '24 tot 32 uur'),
        (4, '32 tot 36 uur'), (5, '36 uur of meer')
    ) AS k(volgorde, urenklasse)
),
per_klasse AS (
    SELECT CASE WHEN a.uren_per_week < 16 THEN 1
                WHEN a.uren_per_week < 24 THEN 2
                WHEN a.uren_per_week < 32 THEN 3
                WHEN a.uren_per_week < 36 THEN 4
                ELSE 5 END AS volgorde,
           count(*) AS plaatsingen
    FROM beschut_werk_actief_op($peildatum) AS a
    JOIN gekozen_gemeenten($gemeenten) USING (gemeente)
    GROUP BY 1
),
final AS (
    SELECT k.volgorde, k.urenklasse, coalesce(p.plaatsingen, 0)::INTEGER AS plaatsingen
    FROM klassen AS k
    LEFT JOIN per_klasse AS p USING (volgorde)
)
SELECT urenklasse, plaatsingen FROM final
ORDER BY volgorde;
