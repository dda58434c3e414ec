-- Every saved scenario, oldest first.
SELECT naam, instellingen::VARCHAR AS instellingen, opgeslagen
FROM scenario
ORDER BY opgeslagen, naam;
