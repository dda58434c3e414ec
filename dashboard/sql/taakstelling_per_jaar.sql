-- The loaded taakstelling per year of the chosen gemeenten together.
-- Parameters: $gemeenten.
SELECT jaar, taakstelling
FROM taakstelling_samen($gemeenten)
ORDER BY jaar;
