-- Refresh the reference tables from the package (frames `categorie_bron` and
-- `referentie_bron`, registered by the writer).
DELETE FROM categorie;
INSERT INTO categorie SELECT soort, waarde, volgorde FROM categorie_bron;
DELETE FROM gemeente_referentie;
INSERT INTO gemeente_referentie SELECT code, naam FROM referentie_bron;
