-- Replace the uitgaven of the gemeenten in the validated frame `nieuw`.
DELETE FROM uitgaven WHERE gemeente IN (SELECT DISTINCT gemeente FROM nieuw);
INSERT INTO uitgaven (gemeente, maand, post, bedrag)
SELECT gemeente, maand::DATE, post, bedrag::DOUBLE
FROM nieuw;
