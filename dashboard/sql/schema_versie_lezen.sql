-- The schema version recorded in the file (no rows in a file from before versioning).
SELECT hash FROM schema_versie;
