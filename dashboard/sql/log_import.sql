-- Record one import in the import log.
INSERT INTO import_log (import_id, gestart, afgerond, resultaat, bron, melding, dashboard_versie)
VALUES ($import_id, $gestart, $afgerond, $resultaat, $bron, $melding, $dashboard_versie);
