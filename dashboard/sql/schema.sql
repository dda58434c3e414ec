-- The tables the loader fills. Names and types follow ../shared/data-contract.md;
-- `regel` is the line in the source file (for "the last versie in the file").
-- The ids of plaatsingen and trajecten are stored uncompressed: nearly every value is
-- different, so DuckDB's dictionary compression saves little there and building it
-- costs about as much as the rest of the insert (bench/write.py).

CREATE TABLE IF NOT EXISTS taakstelling (
    gemeente      VARCHAR NOT NULL,
    jaar          INTEGER NOT NULL,
    taakstelling  DOUBLE  NOT NULL,
    gemeentenaam  VARCHAR,
    PRIMARY KEY (gemeente, jaar)
);

CREATE TABLE IF NOT EXISTS plaatsingen (
    plaatsing_id      VARCHAR NOT NULL USING COMPRESSION uncompressed,
    persoon_id        VARCHAR NOT NULL USING COMPRESSION uncompressed,
    gemeente          VARCHAR NOT NULL,
    instrument        VARCHAR NOT NULL,
    startdatum        DATE    NOT NULL,
    einddatum         DATE,
    uren_per_week     DOUBLE  NOT NULL,
    werkgever         VARCHAR,
    kosten_per_maand  DOUBLE
);

CREATE TABLE IF NOT EXISTS trajecten (
    traject_id          VARCHAR NOT NULL USING COMPRESSION uncompressed,
    persoon_id          VARCHAR NOT NULL USING COMPRESSION uncompressed,
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
    melding    VARCHAR,
    dashboard_versie  VARCHAR  -- the beschut-dashboard version that wrote it (dashboard.__version__)
);
-- Files from before the version was logged get the column (empty for their old rows).
ALTER TABLE import_log ADD COLUMN IF NOT EXISTS dashboard_versie VARCHAR;

CREATE TABLE IF NOT EXISTS import_bestand (
    import_id  INTEGER NOT NULL,
    bestand    VARCHAR NOT NULL,
    tabel      VARCHAR NOT NULL,
    sha256     VARCHAR NOT NULL,
    rijen      INTEGER NOT NULL,
    gemeenten  VARCHAR[] NOT NULL,
    codering   VARCHAR  -- of a CSV: 'UTF-8' or 'Windows-1252'; NULL for a workbook
);
-- Files written before the encoding was recorded get the column, empty.
ALTER TABLE import_bestand ADD COLUMN IF NOT EXISTS codering VARCHAR;

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
-- replaced them. Those of plaatsingen and trajecten are written out, to store their
-- ids uncompressed as the tables do (a copy made AS SELECT would compress them); a
-- test checks that their columns stay those of the table.
CREATE TABLE IF NOT EXISTS vervangen_taakstelling AS
SELECT NULL::INTEGER AS import_id, * FROM taakstelling LIMIT 0;
CREATE TABLE IF NOT EXISTS vervangen_plaatsingen (
    import_id         INTEGER,
    plaatsing_id      VARCHAR USING COMPRESSION uncompressed,
    persoon_id        VARCHAR USING COMPRESSION uncompressed,
    gemeente          VARCHAR,
    instrument        VARCHAR,
    startdatum        DATE,
    einddatum         DATE,
    uren_per_week     DOUBLE,
    werkgever         VARCHAR,
    kosten_per_maand  DOUBLE
);
CREATE TABLE IF NOT EXISTS vervangen_trajecten (
    import_id           INTEGER,
    traject_id          VARCHAR USING COMPRESSION uncompressed,
    persoon_id          VARCHAR USING COMPRESSION uncompressed,
    gemeente            VARCHAR,
    startdatum          DATE,
    einddatum           DATE,
    uitkomst            VARCHAR,
    advies_aangevraagd  DATE,
    advies_uitkomst     VARCHAR
);
CREATE TABLE IF NOT EXISTS vervangen_begroting AS
SELECT NULL::INTEGER AS import_id, * FROM begroting LIMIT 0;
CREATE TABLE IF NOT EXISTS vervangen_uitgaven AS
SELECT NULL::INTEGER AS import_id, * FROM uitgaven LIMIT 0;
CREATE TABLE IF NOT EXISTS vervangen_gemeente_gegevens AS
SELECT NULL::INTEGER AS import_id, * FROM gemeente_gegevens LIMIT 0;

-- Derived tables: counted once from the data tables inside every write that changes
-- them (afgeleid_gemeenten.sql, afgeleid_plaatsingen.sql), so that a page reads a few
-- thousand rows instead of recounting every placement. Never written by hand.

-- Every gemeente with data in any data table, with its name (the `gemeenten` view).
CREATE TABLE IF NOT EXISTS gemeente_met_gegevens (
    gemeente      VARCHAR NOT NULL,
    gemeentenaam  VARCHAR NOT NULL
);

-- The beschut werk placements alone, each person numbered (persoon_nr, the same
-- number for one persoon_id in one gemeente), einde = einddatum or far in the future.
CREATE TABLE IF NOT EXISTS beschut_plaatsing (
    gemeente          VARCHAR NOT NULL,
    persoon_nr        INTEGER NOT NULL,
    werkgever         VARCHAR,
    startdatum        DATE    NOT NULL,
    einddatum         DATE,
    einde             DATE    NOT NULL,
    uren_per_week     DOUBLE  NOT NULL,
    kosten_per_maand  DOUBLE
);

-- Beschut werk per person as dienstverbanden: a person's overlapping or adjacent
-- placements in one gemeente merged into one period. eerste_dag_uit is the first
-- day no longer active (einddatum + 1; after 9999-12-31 while running).
CREATE TABLE IF NOT EXISTS dienstverband (
    gemeente        VARCHAR NOT NULL,
    persoon_nr      INTEGER NOT NULL,
    eerste_dag      DATE    NOT NULL,
    eerste_dag_uit  DATE    NOT NULL
);

-- The realisatie per gemeente from each day on which it changes: distinct persons in
-- beschut werk and the summed uren_per_week of their placements (exact decimals).
CREATE TABLE IF NOT EXISTS realisatie_stand (
    gemeente    VARCHAR NOT NULL,
    dag         DATE    NOT NULL,
    realisatie  BIGINT  NOT NULL,
    uren        DECIMAL(38, 10) NOT NULL
);

-- The same on every month-end, for every gemeente with beschut werk, from the month of
-- the first change up to the month of the last one (at most up to 2100).
CREATE TABLE IF NOT EXISTS realisatie_maandeinde (
    gemeente    VARCHAR NOT NULL,
    dag         DATE    NOT NULL,
    realisatie  BIGINT  NOT NULL,
    uren        DECIMAL(38, 10) NOT NULL
);

-- Who may use the app when login is on (st.login, see access.py): the login (e-mail or
-- the identity provider's sub, in lower case), a role and the gemeenten they see
-- (alle_gemeenten: every gemeente, also ones loaded later). Not part of a version: a
-- restore of the data leaves it as it is.
CREATE TABLE IF NOT EXISTS gebruiker (
    login           VARCHAR   NOT NULL,
    naam            VARCHAR,
    rol             VARCHAR   NOT NULL,
    gemeenten       VARCHAR[] NOT NULL,
    alle_gemeenten  BOOLEAN   NOT NULL,
    gewijzigd       TIMESTAMP NOT NULL
);

-- The audit trail (BIO 12.4), append-only: who, when, what and for which gemeenten
-- (NULL: every gemeente). Only ever inserted into; not part of a version, so a restore
-- of the data does not erase it.
CREATE SEQUENCE IF NOT EXISTS audit_nr START 1;
CREATE TABLE IF NOT EXISTS audit (
    nr          BIGINT    NOT NULL DEFAULT nextval('audit_nr'),
    tijdstip    TIMESTAMP NOT NULL,
    wie         VARCHAR   NOT NULL,
    rol         VARCHAR,
    actie       VARCHAR   NOT NULL,
    gemeenten   VARCHAR[],
    details     VARCHAR
);
