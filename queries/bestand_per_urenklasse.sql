-- The beschut werk stock on $peildatum per band of hours per week (per placement).
-- Parameters: $gemeenten, $peildatum.
WITH
klassen AS (
    SELECT * FROM (VALUES
        (1, 'tot 16 uur', 0, 16), (2, '16 tot 24 uur', 16, 24), (3, '24 tot 32 uur', 24, 32),
        (4, '32 tot 36 uur', 32, 36), (5, '36 uur of meer', 36, 1000)
    ) AS k(volgorde, urenklasse, vanaf, tot)
),
actief AS (
    SELECT a.uren_per_week
    FROM beschut_werk_actief_op($peildatum) AS a
    JOIN gekozen_gemeenten($gemeenten) USING (gemeente)
),
final AS (
    SELECT k.volgorde, k.urenklasse, count(a.uren_per_week)::INTEGER AS plaatsingen
    FROM klassen AS k
    LEFT JOIN actief AS a ON a.uren_per_week >= k.vanaf AND a.uren_per_week < k.tot
    GROUP BY k.volgorde, k.urenklasse
)
SELECT urenklasse, plaatsingen FROM final
ORDER BY volgorde;
