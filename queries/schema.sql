-- The tables the loader fills. Names and types follow ../shared/data-contract.md;
-- `regel` is the line in the source file (for "the last versie in the file").

CREATE TABLE IF NOT EXISTS taakstelling (
    gemeente      VARCHAR NOT NULL,
    jaar          INTEGER NOT NULL,
    taakstelling  DOUBLE  NOT NULL,
    gemeentenaam  VARCHAR,
    PRIMARY KEY (gemeente, jaar)
);

CREATE TABLE IF NOT EXISTS plaatsingen (
    plaatsing_id      VARCHAR NOT NULL,
    persoon_id        VARCHAR NOT NULL,
    gemeente          VARCHAR NOT NULL,
    instrument        VARCHAR NOT NULL,
    startdatum        DATE    NOT NULL,
    einddatum         DATE,
    uren_per_week     DOUBLE  NOT NULL,
    werkgever         VARCHAR,
    kosten_per_maand  DOUBLE
);

CREATE TABLE IF NOT EXISTS trajecten (
    traject_id          VARCHAR NOT NULL,
    persoon_id          VARCHAR NOT NULL,
    gemeente            VARCHAR NOT NULL,
    startdatum          DATE    NOT NULL,
    einddatum           DATE,
    uitkomst            VARCHAR NOT NULL,
    advies_aangevraagd  DATE,
    advies_uitkomst     VARCHAR
);

CREATE TABLE IF NOT EXISTS begroting (
    gemeente  VARCHAR NOT NULL,
    jaar      INTEGER NOT NULL,
    post      VARCHAR NOT NULL,
    bedrag    DOUBLE  NOT NULL,
    versie    VARCHAR,
    regel     INTEGER NOT NULL
);

CREATE TABLE IF NOT EXISTS uitgaven (
    gemeente  VARCHAR NOT NULL,
    maand     DATE    NOT NULL,  -- first day of the month
    post      VARCHAR NOT NULL,
    bedrag    DOUBLE  NOT NULL
);

-- The optional gemeenten file: name, inwoners and arbeidsmarktregio per gemeente
-- (its `code` column stored as `gemeente`).
CREATE TABLE IF NOT EXISTS gemeente_gegevens (
    gemeente           VARCHAR PRIMARY KEY,
    naam               VARCHAR,
    inwoners           INTEGER,
    arbeidsmarktregio  VARCHAR
);

-- Reference data written from the package when the schema changes.
CREATE TABLE IF NOT EXISTS categorie (
    soort     VARCHAR NOT NULL,
    waarde    VARCHAR NOT NULL,
    volgorde  INTEGER NOT NULL
);

CREATE TABLE IF NOT EXISTS gemeente_referentie (
    gemeente  VARCHAR PRIMARY KEY,
    naam      VARCHAR NOT NULL
);

CREATE TABLE IF NOT EXISTS import_log (
    import_id  INTEGER PRIMARY KEY,
    gestart    TIMESTAMP NOT NULL,
    afgerond   TIMESTAMP,
    resultaat  VARCHAR   NOT NULL,  -- 'geslaagd', 'hersteld naar versie N' (or 'mislukt')
    bron       VARCHAR   NOT NULL,  -- the folder or upload the files came from, or who restored
    melding    VARCHAR
);

CREATE TABLE IF NOT EXISTS import_bestand (
    import_id  INTEGER NOT NULL,
    bestand    VARCHAR NOT NULL,
    tabel      VARCHAR NOT NULL,
    sha256     VARCHAR NOT NULL,
    rijen      INTEGER NOT NULL,
    gemeenten  VARCHAR[] NOT NULL
);

-- Which version of schema.sql and macros.sql the file was last brought up to.
CREATE TABLE IF NOT EXISTS schema_versie (
    hash  VARCHAR NOT NULL
);

-- Versions. Every import and every restore is a version, numbered by import_id (as
-- `beschut history` lists them). A version keeps the rows it replaced, so the data
-- as it stood right after any version can be put back (versions.py). Imports from
-- before versions were kept are in import_log but not in `versie`.
CREATE TABLE IF NOT EXISTS versie (
    import_id      INTEGER PRIMARY KEY,
    hersteld_naar  INTEGER  -- for a restore: the version it put back
);

-- Which table and gemeente each version replaced (one row per pair, also when the
-- gemeente had no rows in that table before).
CREATE TABLE IF NOT EXISTS versie_inhoud (
    import_id  INTEGER NOT NULL,
    tabel      VARCHAR NOT NULL,
    gemeente   VARCHAR NOT NULL
);

-- The replaced rows themselves: per data table, its columns plus the version that
-- replaced them.
CREATE TABLE IF NOT EXISTS vervangen_taakstelling AS
SELECT NULL::INTEGER AS import_id, * FROM taakstelling LIMIT 0;
CREATE TABLE IF NOT EXISTS vervangen_plaatsingen AS
SELECT NULL::INTEGER AS import_id, * FROM plaatsingen LIMIT 0;
CREATE TABLE IF NOT EXISTS vervangen_trajecten AS
SELECT NULL::INTEGER AS import_id, * FROM trajecten LIMIT 0;
CREATE TABLE IF NOT EXISTS vervangen_begroting AS
SELECT NULL::INTEGER AS import_id, * FROM begroting LIMIT 0;
CREATE TABLE IF NOT EXISTS vervangen_uitgaven AS
SELECT NULL::INTEGER AS import_id, * FROM uitgaven LIMIT 0;
CREATE TABLE IF NOT EXISTS vervangen_gemeente_gegevens AS
SELECT NULL::INTEGER AS import_id, * FROM gemeente_gegevens LIMIT 0;
