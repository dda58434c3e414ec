-- Replace name, inwoners and arbeidsmarktregio of the gemeenten in the validated
-- frame `nieuw` (the optional gemeenten file; its `code` is stored as `gemeente`).
DELETE FROM gemeente_gegevens WHERE gemeente IN (SELECT DISTINCT code FROM nieuw);
INSERT INTO gemeente_gegevens (gemeente, naam, inwoners, arbeidsmarktregio)
SELECT code, naam, inwoners::INTEGER, arbeidsmarktregio
FROM nieuw;
