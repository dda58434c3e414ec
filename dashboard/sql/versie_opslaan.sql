-- Mark version $import_id as kept (its replaced rows are stored); $hersteld_naar is
-- the version a restore put back, NULL for an import of files.
INSERT INTO versie (import_id, hersteld_naar) VALUES ($import_id, $hersteld_naar);
