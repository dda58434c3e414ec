-- Replace the plaatsingen of the gemeenten in the validated frame `nieuw`.
DELETE FROM plaatsingen WHERE gemeente IN (SELECT DISTINCT gemeente FROM nieuw);
INSERT INTO plaatsingen
    (plaatsing_id, persoon_id, gemeente, instrument, startdatum, einddatum,
     uren_per_week, werkgever, kosten_per_maand)
SELECT plaatsing_id, persoon_id, gemeente, instrument, startdatum::DATE, einddatum::DATE,
       uren_per_week::DOUBLE, werkgever, kosten_per_maand::DOUBLE
FROM nieuw;
