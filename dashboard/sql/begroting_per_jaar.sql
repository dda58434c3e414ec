-- The begroting that counts (the last versie in the file) per year of the chosen
-- gemeenten together. Parameters: $gemeenten.
SELECT b.jaar, sum(b.bedrag) AS begroting
FROM begroting_geldend(NULL) AS b
JOIN gekozen_gemeenten($gemeenten) USING (gemeente)
GROUP BY b.jaar
ORDER BY b.jaar;
