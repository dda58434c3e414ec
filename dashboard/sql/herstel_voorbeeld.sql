-- What putting back version $versie would change, shown before the user confirms: per
-- table the gemeenten that a later version replaced (the pairs of herstel_plan.sql).
SELECT tabel, list(DISTINCT gemeente ORDER BY gemeente) AS gemeenten
FROM versie_inhoud
WHERE import_id > $versie
GROUP BY tabel
ORDER BY tabel;
