-- Persons per instrument on one count day a year, from $van_jaar to the year of
-- $peildatum: 31 December, the last year on $peildatum (as realisatie_per_jaar.sql).
-- A person counts in an instrument when a placement of it is active on the day (data
-- contract: startdatum <= dag and einddatum empty or dag <= einddatum); once per
-- instrument however many placements, and in every instrument they have that day.
-- Over several gemeenten: the sum of the gemeenten's counts. Every instrument of the
-- contract, in its order, also with none; beschut_werk equals realisatie_ultimo.
-- Parameters: $gemeenten, $van_jaar, $peildatum.
WITH
teldagen AS (
    SELECT jaar::INTEGER AS jaar,
           least(make_date(jaar::INTEGER, 12, 31), $peildatum::DATE) AS peildatum
    FROM range($van_jaar::INTEGER, year($peildatum::DATE) + 1) AS t(jaar)
),
instrumenten AS (
    SELECT waarde AS instrument, volgorde FROM categorie WHERE soort = 'instrument'
),
actief AS (
    SELECT DISTINCT d.jaar, p.instrument, p.gemeente, p.persoon_id
    FROM teldagen AS d
    JOIN plaatsingen AS p
      ON p.startdatum <= d.peildatum AND (p.einddatum IS NULL OR d.peildatum <= p.einddatum)
    JOIN gekozen_gemeenten($gemeenten) USING (gemeente)
),
geteld AS (
    SELECT jaar, instrument, count(*) AS personen
    FROM actief
    GROUP BY jaar, instrument
),
final AS (
    SELECT d.jaar, d.peildatum, i.instrument AS instrument_code,
           instrument_naam(i.instrument) AS instrument,
           coalesce(g.personen, 0)::INTEGER AS personen, i.volgorde
    FROM teldagen AS d
    CROSS JOIN instrumenten AS i
    LEFT JOIN geteld AS g USING (jaar, instrument)
)
SELECT jaar, peildatum, instrument_code, instrument, personen FROM final
ORDER BY jaar, volgorde;
