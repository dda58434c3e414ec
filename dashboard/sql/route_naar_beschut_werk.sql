-- The route into beschut werk: the persons who started beschut werk in $jaar, on or
-- before $peildatum, by the other instrument they had before, how long before, and
-- whether a voorschakeltraject came first. Only what had happened by $peildatum counts.
-- - A spell: a person's placements of one instrument in one gemeente, overlapping or
--   adjacent (the next starts the day after the last ends, or earlier) merged, as the
--   dienstverband of beschut werk (afgeleid_plaatsingen.sql). A spell still running on
--   $peildatum has no end yet, whatever einddatum the data holds now.
-- - Started beschut werk in $jaar: the first day of a beschut werk spell falls in the
--   year; a person counts once (their first such start).
-- - Herkomst: of the spells of other instruments that began before that day, the one
--   that ended last (running ones last of all; ties: the one begun last); none = 'Geen
--   ander instrument ervoor'. Dagen ertussen: from that spell's end to the start, 0 when
--   it ran up to the start or still runs.
-- - Via voorschakeltraject: a traject of the person in the gemeente began on or before
--   the start.
-- One row per other instrument of the contract (also with none), then 'geen'; each
-- person in exactly one row, so the rows add up to the persons started.
-- Parameters: $gemeenten, $jaar, $peildatum.
WITH
plaatsingen_op_peildatum AS (
    SELECT p.gemeente, p.persoon_id, p.instrument, p.startdatum,
           CASE WHEN p.einddatum <= $peildatum::DATE THEN p.einddatum
                ELSE DATE '9999-12-31' END AS einde
    FROM plaatsingen AS p
    JOIN gekozen_gemeenten($gemeenten) USING (gemeente)
    WHERE p.startdatum <= $peildatum::DATE
),
gemarkeerd AS (
    SELECT *,
           CASE WHEN startdatum <= max(einde) OVER (
                    PARTITION BY gemeente, persoon_id, instrument ORDER BY startdatum, einde
                    ROWS BETWEEN UNBOUNDED PRECEDING AND 1 PRECEDING) + 1
                THEN 0 ELSE 1 END AS begint_nieuw
    FROM plaatsingen_op_peildatum
),
genummerd AS (
    SELECT *,
           sum(begint_nieuw) OVER (
               PARTITION BY gemeente, persoon_id, instrument ORDER BY startdatum, einde
               ROWS UNBOUNDED PRECEDING) AS nummer
    FROM gemarkeerd
),
perioden AS (
    SELECT gemeente, persoon_id, instrument,
           min(startdatum) AS eerste_dag, max(einde) AS laatste_dag
    FROM genummerd
    GROUP BY gemeente, persoon_id, instrument, nummer
),
gestart AS (
    SELECT gemeente, persoon_id, min(eerste_dag) AS startdag
    FROM perioden
    WHERE instrument = 'beschut_werk'
      AND eerste_dag BETWEEN make_date($jaar::INTEGER, 1, 1)
                         AND least($peildatum::DATE, make_date($jaar::INTEGER, 12, 31))
    GROUP BY gemeente, persoon_id
),
eerdere AS (
    SELECT g.gemeente, g.persoon_id, p.instrument,
           greatest(g.startdag - (p.laatste_dag + 1), 0) AS dagen_ertussen,
           row_number() OVER (
               PARTITION BY g.gemeente, g.persoon_id
               ORDER BY p.laatste_dag DESC, p.eerste_dag DESC, p.instrument) AS rang
    FROM gestart AS g
    JOIN perioden AS p
      ON p.gemeente = g.gemeente AND p.persoon_id = g.persoon_id
     AND p.instrument <> 'beschut_werk' AND p.eerste_dag < g.startdag
),
via_traject AS (
    SELECT DISTINCT g.gemeente, g.persoon_id
    FROM gestart AS g
    JOIN trajecten AS t
      ON t.gemeente = g.gemeente AND t.persoon_id = g.persoon_id AND t.startdatum <= g.startdag
),
per_persoon AS (
    SELECT coalesce(e.instrument, 'geen') AS herkomst_code, e.dagen_ertussen,
           v.persoon_id IS NOT NULL AS via_voorschakeltraject
    FROM gestart AS g
    LEFT JOIN eerdere AS e
      ON e.gemeente = g.gemeente AND e.persoon_id = g.persoon_id AND e.rang = 1
    LEFT JOIN via_traject AS v ON v.gemeente = g.gemeente AND v.persoon_id = g.persoon_id
),
herkomsten AS (
    SELECT waarde AS herkomst_code, instrument_naam(waarde) AS herkomst, volgorde
    FROM categorie
    WHERE soort = 'instrument' AND waarde <> 'beschut_werk'
    UNION ALL
    SELECT 'geen', 'Geen ander instrument ervoor', 1000
),
final AS (
    SELECT h.herkomst_code, h.herkomst,
           count(p.herkomst_code)::INTEGER AS personen,
           count(*) FILTER (WHERE p.via_voorschakeltraject)::INTEGER AS via_voorschakeltraject,
           count(*) FILTER (WHERE p.dagen_ertussen = 0)::INTEGER AS tegelijk_of_aansluitend,
           count(*) FILTER (WHERE p.dagen_ertussen BETWEEN 1 AND 365)::INTEGER
               AS binnen_een_jaar,
           count(*) FILTER (WHERE p.dagen_ertussen > 365)::INTEGER AS na_meer_dan_een_jaar,
           median(p.dagen_ertussen) AS mediaan_dagen_ertussen,
           h.volgorde
    FROM herkomsten AS h
    LEFT JOIN per_persoon AS p USING (herkomst_code)
    GROUP BY h.herkomst_code, h.herkomst, h.volgorde
)
SELECT * EXCLUDE (volgorde) FROM final
ORDER BY volgorde;
