-- Replace the begroting of the gemeenten in the validated frame `nieuw`.
DELETE FROM begroting WHERE gemeente IN (SELECT DISTINCT gemeente FROM nieuw);
INSERT INTO begroting (gemeente, jaar, post, bedrag, versie, regel)
SELECT gemeente, jaar::INTEGER, post, bedrag::DOUBLE, versie, _regel::INTEGER
FROM nieuw;
