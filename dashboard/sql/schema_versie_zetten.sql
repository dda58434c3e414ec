-- Record the schema version the writer just applied.
DELETE FROM schema_versie;
INSERT INTO schema_versie VALUES ($hash);
