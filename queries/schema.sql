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

-- Reference data written from the package on every writer open.
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
    resultaat  VARCHAR   NOT NULL,  -- 'geslaagd' or 'mislukt'
    bron       VARCHAR   NOT NULL,  -- the folder or upload the files came from
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
