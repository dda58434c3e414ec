-- The begroting versies of $jaar in the chosen gemeenten, in file order.
-- Parameters: $gemeenten, $jaar.
WITH
versies AS (
    SELECT b.versie, min(b.regel) AS eerste_regel
    FROM begroting AS b
    JOIN gekozen_gemeenten($gemeenten) USING (gemeente)
    WHERE b.jaar = $jaar AND b.versie IS NOT NULL
    GROUP BY b.versie
)
SELECT versie FROM versies
ORDER BY eerste_regel;
