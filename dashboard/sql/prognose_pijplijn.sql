-- The voorschakeltraject pipeline per chosen gemeente on $peildatum, and how it
-- converted in the past (trajecten ended in the 36 months before $peildatum):
--   lopend        trajecten running, without a positief advies yet
--   wachtend      persons with a positief advies still waiting for a dienstbetrekking
--                 (as in wachtend_op_plaatsing.sql)
--   kans_traject  share of ended trajecten that ended in beschut_werk
--   kans_advies   share of positief adviezen (requested 6-36 months before) followed
--                 by a beschut werk placement
--   dagen_traject / dagen_advies  median days from traject start / advies request to
--                 the placement's first day
-- Parameters: $gemeenten, $peildatum.
WITH
gekozen AS (
    SELECT gemeente FROM gekozen_gemeenten($gemeenten)
),
trajecten_gekozen AS (
    SELECT t.*
    FROM trajecten_op($peildatum) AS t
    JOIN gekozen USING (gemeente)
    WHERE t.startdatum <= $peildatum::DATE
),
eerste_plaatsing AS (
    SELECT t.traject_id, min(p.startdatum) AS plaatsing_start
    FROM trajecten_gekozen AS t
    JOIN plaatsingen AS p
      ON p.persoon_id = t.persoon_id AND p.gemeente = t.gemeente
     AND p.instrument = 'beschut_werk'
     AND p.startdatum >= coalesce(t.advies_aangevraagd, t.startdatum)
     AND p.startdatum <= $peildatum::DATE
    GROUP BY t.traject_id
),
met_plaatsing AS (
    SELECT t.*, e.plaatsing_start
    FROM trajecten_gekozen AS t
    LEFT JOIN eerste_plaatsing AS e USING (traject_id)
),
positief AS (
    SELECT *
    FROM met_plaatsing
    WHERE advies_uitkomst = 'positief' AND advies_aangevraagd <= $peildatum::DATE
),
per_gemeente AS (
    SELECT g.gemeente,
           count(t.traject_id) FILTER (
               WHERE (t.einddatum IS NULL OR t.einddatum > $peildatum::DATE)
                 AND NOT coalesce(t.advies_uitkomst = 'positief'
                                  AND t.advies_aangevraagd <= $peildatum::DATE, false))
               AS lopend,
           count(DISTINCT t.persoon_id) FILTER (
               WHERE t.advies_uitkomst = 'positief'
                 AND t.advies_aangevraagd <= $peildatum::DATE
                 AND t.plaatsing_start IS NULL
                 AND NOT (t.uitkomst IN ('regulier_werk', 'ander_instrument',
                                         'dagbesteding', 'uitgevallen')
                          AND coalesce(t.einddatum <= $peildatum::DATE, false)))
               AS wachtend,
           count(t.traject_id) FILTER (
               WHERE t.einddatum <= $peildatum::DATE
                 AND t.einddatum > $peildatum::DATE - INTERVAL 36 MONTH) AS geeindigd,
           count(t.traject_id) FILTER (
               WHERE t.einddatum <= $peildatum::DATE
                 AND t.einddatum > $peildatum::DATE - INTERVAL 36 MONTH
                 AND t.uitkomst = 'beschut_werk') AS naar_beschut_werk,
           median(t.plaatsing_start - t.startdatum) AS dagen_traject,
           median(t.plaatsing_start - t.advies_aangevraagd) FILTER (
               WHERE t.advies_uitkomst = 'positief') AS dagen_advies
    FROM gekozen AS g
    LEFT JOIN met_plaatsing AS t USING (gemeente)
    GROUP BY g.gemeente
),
adviezen AS (
    SELECT gemeente,
           count(*) AS positief_oud,
           count(plaatsing_start) AS positief_geplaatst
    FROM positief
    WHERE advies_aangevraagd <= $peildatum::DATE - INTERVAL 6 MONTH
      AND advies_aangevraagd > $peildatum::DATE - INTERVAL 36 MONTH
    GROUP BY gemeente
),
final AS (
    SELECT p.gemeente,
           p.lopend::INTEGER AS lopend,
           p.wachtend::INTEGER AS wachtend,
           p.geeindigd::INTEGER AS geeindigd,
           p.naar_beschut_werk::INTEGER AS naar_beschut_werk,
           coalesce(a.positief_oud, 0)::INTEGER AS positief_oud,
           coalesce(a.positief_geplaatst, 0)::INTEGER AS positief_geplaatst,
           p.dagen_traject::DOUBLE AS dagen_traject,
           p.dagen_advies::DOUBLE AS dagen_advies
    FROM per_gemeente AS p
    LEFT JOIN adviezen AS a USING (gemeente)
)
SELECT * FROM final
ORDER BY gemeente;
