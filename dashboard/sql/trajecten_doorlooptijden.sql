-- Doorlooptijden of the voorschakeltraject in days, for the trajecten of the chosen
-- gemeenten that started in the three years up to $peildatum (van .. tot):
--   1. from the start of the traject to the request for an advies beschut werk;
--   2. from the request of a positief advies to the start of the person's first
--      beschut_werk plaatsing in the same gemeente that starts on or after that day.
-- Only what happened on or before $peildatum is measured. One row per doorlooptijd
-- (both rows, also without measurements: then `trajecten` is 0 and the rest NULL).
-- Parameters: $gemeenten, $peildatum.
WITH
periode AS (
    SELECT ($peildatum::DATE - INTERVAL 3 YEAR + INTERVAL 1 DAY)::DATE AS van,
           $peildatum::DATE AS tot
),
doorlooptijden AS (
    SELECT * FROM (VALUES
        (1, 'Start traject → aanvraag advies'),
        (2, 'Aanvraag positief advies → start beschut werk')
    ) AS d(volgorde, doorlooptijd)
),
trajecten_in_periode AS (
    SELECT t.traject_id, t.persoon_id, t.gemeente, t.startdatum,
           t.advies_aangevraagd, t.advies_uitkomst
    FROM trajecten_op($peildatum) AS t
    JOIN gekozen_gemeenten($gemeenten) USING (gemeente)
    CROSS JOIN periode AS p
    WHERE t.startdatum BETWEEN p.van AND p.tot
),
tot_aanvraag AS (
    SELECT 1 AS volgorde, advies_aangevraagd - startdatum AS dagen
    FROM trajecten_in_periode
    WHERE advies_aangevraagd <= $peildatum::DATE
),
tot_plaatsing AS (
    SELECT 2 AS volgorde, min(p.startdatum) - t.advies_aangevraagd AS dagen
    FROM trajecten_in_periode AS t
    JOIN plaatsingen AS p
      ON p.persoon_id = t.persoon_id AND p.gemeente = t.gemeente
     AND p.instrument = 'beschut_werk'
     AND p.startdatum BETWEEN t.advies_aangevraagd AND $peildatum::DATE
    WHERE t.advies_uitkomst = 'positief'
    GROUP BY t.gemeente, t.traject_id, t.advies_aangevraagd
),
metingen AS (
    SELECT * FROM tot_aanvraag
    UNION ALL
    SELECT * FROM tot_plaatsing
),
final AS (
    SELECT d.doorlooptijd,
           p.van,
           p.tot,
           count(m.dagen)::INTEGER AS trajecten,
           min(m.dagen)::DOUBLE AS kortste_dagen,
           quantile_cont(m.dagen, 0.25) AS p25_dagen,
           median(m.dagen) AS mediaan_dagen,
           quantile_cont(m.dagen, 0.75) AS p75_dagen,
           max(m.dagen)::DOUBLE AS langste_dagen
    FROM doorlooptijden AS d
    CROSS JOIN periode AS p
    LEFT JOIN metingen AS m USING (volgorde)
    GROUP BY d.volgorde, d.doorlooptijd, p.van, p.tot
    ORDER BY d.volgorde
)
SELECT * FROM final;
