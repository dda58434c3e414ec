-- The loaded taakstelling per year of the chosen gemeenten together.
-- Parameters: $gemeenten.
SELECT t.jaar, sum(t.taakstelling) AS taakstelling
FROM taakstelling AS t
JOIN gekozen_gemeenten($gemeenten) USING (gemeente)
GROUP BY t.jaar
ORDER BY t.jaar;
