-- Replace the taakstelling of the gemeenten in the validated frame `nieuw`.
DELETE FROM taakstelling WHERE gemeente IN (SELECT DISTINCT gemeente FROM nieuw);
INSERT INTO taakstelling (gemeente, jaar, taakstelling, gemeentenaam)
SELECT gemeente, jaar::INTEGER, taakstelling::DOUBLE, gemeentenaam
FROM nieuw;
