-- Recount the derived beschut werk tables (schema.sql) from plaatsingen. Run inside
-- every write that changes plaatsingen, so readers never see them out of step.
-- The counting rules of the data contract hold here: a placement is active from its
-- startdatum up to and including its einddatum (empty = still running), only
-- instrument beschut_werk counts, a person counts once however many placements.
-- Only the gemeenten in the temporary table herteld (afgeleid_kiezen.sql) are counted
-- afresh: their rows are deleted and inserted again; the other gemeenten's rows stay.
-- persoon_nr numbers the persons within their gemeente, so it does not depend on
-- the other gemeenten.

DELETE FROM beschut_plaatsing WHERE gemeente IN (SELECT gemeente FROM herteld);
INSERT INTO beschut_plaatsing
SELECT gemeente,
       dense_rank() OVER (PARTITION BY gemeente ORDER BY persoon_id)::INTEGER AS persoon_nr,
       werkgever, startdatum, einddatum,
       coalesce(einddatum, DATE '9999-12-31') AS einde,
       uren_per_week, kosten_per_maand
FROM plaatsingen
WHERE instrument = 'beschut_werk' AND gemeente IN (SELECT gemeente FROM herteld)
ORDER BY startdatum;

-- Most persons have one placement, which is their dienstverband; only persons with
-- several are merged, in order of startdatum: a placement that starts after every
-- earlier one has ended (a day's gap or more) begins a new dienstverband.
DELETE FROM dienstverband WHERE gemeente IN (SELECT gemeente FROM herteld);
INSERT INTO dienstverband
WITH
per_persoon AS (
    SELECT gemeente, persoon_nr, count(*) AS plaatsingen,
           min(startdatum) AS eerste_dag, max(einde) + 1 AS eerste_dag_uit
    FROM beschut_plaatsing
    WHERE gemeente IN (SELECT gemeente FROM herteld)
    GROUP BY gemeente, persoon_nr
),
meer_plaatsingen AS (
    SELECT p.gemeente, p.persoon_nr, p.startdatum, p.einde
    FROM beschut_plaatsing AS p
    JOIN per_persoon AS n USING (gemeente, persoon_nr)
    WHERE n.plaatsingen > 1
),
gemarkeerd AS (
    SELECT *,
           CASE WHEN startdatum <= max(einde) OVER (
                    PARTITION BY gemeente, persoon_nr ORDER BY startdatum, einde
                    ROWS BETWEEN UNBOUNDED PRECEDING AND 1 PRECEDING) + 1
                THEN 0 ELSE 1 END AS begint_nieuw
    FROM meer_plaatsingen
),
genummerd AS (
    SELECT *,
           sum(begint_nieuw) OVER (
               PARTITION BY gemeente, persoon_nr ORDER BY startdatum, einde
               ROWS UNBOUNDED PRECEDING) AS nummer
    FROM gemarkeerd
),
final AS (
    SELECT gemeente, persoon_nr, eerste_dag, eerste_dag_uit
    FROM per_persoon
    WHERE plaatsingen = 1
    UNION ALL
    SELECT gemeente, persoon_nr, min(startdatum), max(einde) + 1
    FROM genummerd
    GROUP BY gemeente, persoon_nr, nummer
)
SELECT * FROM final
ORDER BY eerste_dag;

-- One sweep: the persons active on a day are the dienstverbanden begun on or before
-- it (+1 on eerste_dag) and not yet ended (-1 on eerste_dag_uit); the hours likewise
-- (+uren on startdatum, -uren on einddatum + 1), summed exactly as decimals. dv and
-- bp are read twice each, straight from their tables (NOT MATERIALIZED: cheaper than
-- materialising them first).
DELETE FROM realisatie_stand WHERE gemeente IN (SELECT gemeente FROM herteld);
INSERT INTO realisatie_stand
WITH
dv AS NOT MATERIALIZED (
    SELECT * FROM dienstverband WHERE gemeente IN (SELECT gemeente FROM herteld)
),
bp AS NOT MATERIALIZED (
    SELECT * FROM beschut_plaatsing WHERE gemeente IN (SELECT gemeente FROM herteld)
),
veranderingen AS (
    SELECT gemeente, eerste_dag AS dag, 1 AS personen, 0::DECIMAL(38, 10) AS uren
    FROM dv
    UNION ALL
    SELECT gemeente, eerste_dag_uit, -1, 0 FROM dv
    WHERE eerste_dag_uit <= DATE '9999-12-31'
    UNION ALL
    SELECT gemeente, startdatum, 0, uren_per_week::DECIMAL(38, 10) FROM bp
    UNION ALL
    SELECT gemeente, einddatum + 1, 0, -uren_per_week::DECIMAL(38, 10) FROM bp
    WHERE einddatum IS NOT NULL
),
per_dag AS (
    SELECT gemeente, dag, sum(personen) AS personen, sum(uren) AS uren
    FROM veranderingen
    GROUP BY gemeente, dag
),
final AS (
    SELECT gemeente, dag,
           sum(personen) OVER tot_en_met_dag AS realisatie,
           sum(uren) OVER tot_en_met_dag AS uren
    FROM per_dag
    WINDOW tot_en_met_dag AS (PARTITION BY gemeente ORDER BY dag ROWS UNBOUNDED PRECEDING)
)
SELECT gemeente, dag, realisatie, uren FROM final
ORDER BY dag, gemeente;

-- The stand on every month-end of the changes' range (2100 at the latest: an
-- einddatum such as 31-12-9999 must not make a row for every month until then),
-- for every gemeente with beschut werk. The range is that of all gemeenten: when the
-- recount moved it, every gemeente's month-ends are counted afresh (herteld_maandeinde).
CREATE OR REPLACE TEMP TABLE herteld_maandeinde AS
WITH
oud AS (SELECT min(dag) AS eerste, max(dag) AS laatste FROM realisatie_maandeinde),
nieuw AS (
    SELECT last_day(min(dag)) AS eerste,
           last_day(least(max(dag), DATE '2100-12-31')) AS laatste
    FROM realisatie_stand
),
verschoven AS (
    SELECT oud.eerste IS DISTINCT FROM nieuw.eerste
           OR oud.laatste IS DISTINCT FROM nieuw.laatste AS ja
    FROM oud, nieuw
),
final AS (
    SELECT gemeente FROM herteld
    UNION SELECT gemeente FROM realisatie_maandeinde, verschoven WHERE verschoven.ja
    UNION SELECT gemeente FROM realisatie_stand, verschoven WHERE verschoven.ja
)
SELECT DISTINCT gemeente FROM final;
DELETE FROM realisatie_maandeinde WHERE gemeente IN (SELECT gemeente FROM herteld_maandeinde);
INSERT INTO realisatie_maandeinde
WITH
grenzen AS (
    SELECT date_trunc('month', min(dag))::TIMESTAMP AS eerste,
           date_trunc('month', least(max(dag), DATE '2100-12-31'))::TIMESTAMP AS laatste
    FROM realisatie_stand
),
maandeinden AS (
    SELECT last_day(maand)::DATE AS dag
    FROM grenzen, generate_series(grenzen.eerste, grenzen.laatste, INTERVAL 1 MONTH) AS t(maand)
),
-- the stand at the end of each month that has a change
per_maand AS (
    SELECT gemeente, last_day(dag) AS dag,
           arg_max(realisatie, dag) AS realisatie, arg_max(uren, dag) AS uren
    FROM realisatie_stand
    WHERE dag <= DATE '2100-12-31' AND gemeente IN (SELECT gemeente FROM herteld_maandeinde)
    GROUP BY gemeente, last_day(dag)
),
raster AS (
    SELECT g.gemeente, m.dag
    FROM (
        SELECT DISTINCT gemeente FROM realisatie_stand
        WHERE gemeente IN (SELECT gemeente FROM herteld_maandeinde)
    ) AS g
    CROSS JOIN maandeinden AS m
),
final AS (  -- months without a change keep the stand of the month before
    SELECT r.gemeente, r.dag,
           coalesce(last_value(p.realisatie IGNORE NULLS) OVER eerder, 0) AS realisatie,
           coalesce(last_value(p.uren IGNORE NULLS) OVER eerder, 0) AS uren
    FROM raster AS r
    LEFT JOIN per_maand AS p USING (gemeente, dag)
    WINDOW eerder AS (PARTITION BY r.gemeente ORDER BY r.dag ROWS UNBOUNDED PRECEDING)
)
SELECT gemeente, dag, realisatie, uren FROM final
ORDER BY dag, gemeente;
