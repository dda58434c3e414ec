-- Replace the trajecten of the gemeenten in the validated frame `nieuw`.
DELETE FROM trajecten WHERE gemeente IN (SELECT DISTINCT gemeente FROM nieuw);
INSERT INTO trajecten
    (traject_id, persoon_id, gemeente, startdatum, einddatum, uitkomst,
     advies_aangevraagd, advies_uitkomst)
SELECT traject_id, persoon_id, gemeente, startdatum::DATE, einddatum::DATE, uitkomst,
       advies_aangevraagd::DATE, advies_uitkomst
FROM nieuw;
