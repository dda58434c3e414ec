-- Record one import in the import log.
INSERT INTO import_log (import_id, gestart, afgerond, resultaat, bron, melding)
VALUES ($import_id, $gestart, $afgerond, $resultaat, $bron, $melding);
