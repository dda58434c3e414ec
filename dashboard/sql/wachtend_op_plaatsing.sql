-- The people with a positief advies beschut werk who on $peildatum still wait for a
-- dienstbetrekking (what UWV reports as "met indicatie, nog niet aan het werk"), of the
-- chosen gemeenten together. Waiting: the positief advies was requested on or before
-- $peildatum; no beschut_werk plaatsing of that persoon_id in that gemeente started
-- between the request and $peildatum; and the traject did not end in regulier_werk,
-- ander_instrument, dagbesteding or uitgevallen on or before $peildatum.
-- Counted per person and gemeente, waiting since the earliest such request; the
-- waiting time is $peildatum minus that day, in days.
-- One row per waiting band (all four, also with 0 personen), each carrying the totals
-- of the whole group: wachtend (persons), mediaan_wachtdagen and langste_wachtdagen (NULL when
-- nobody waits).
-- Parameters: $gemeenten, $peildatum.
WITH
banden AS (
    SELECT * FROM (VALUES
        (1, '0–3 maanden', 0, 3), (2, '3–6 maanden', 3, 6),
        (3, '6–12 maanden', 6, 12), (4, '12 maanden of langer', 12, 100000)
    ) AS b(volgorde, wachtduur, vanaf_maanden, tot_maanden)
),
positief_advies AS (
    SELECT t.gemeente, t.persoon_id, t.advies_aangevraagd, t.uitkomst, t.einddatum
    FROM trajecten_op($peildatum) AS t
    JOIN gekozen_gemeenten($gemeenten) USING (gemeente)
    WHERE t.advies_uitkomst = 'positief' AND t.advies_aangevraagd <= $peildatum::DATE
),
nog_zonder_plaats AS (
    SELECT a.*
    FROM positief_advies AS a
    WHERE NOT EXISTS (
        SELECT 1
        FROM plaatsingen AS p
        WHERE p.persoon_id = a.persoon_id AND p.gemeente = a.gemeente
          AND p.instrument = 'beschut_werk'
          AND p.startdatum BETWEEN a.advies_aangevraagd AND $peildatum::DATE
    )
),
niet_elders_beeindigd AS (
    SELECT *
    FROM nog_zonder_plaats
    WHERE NOT (uitkomst IN ('regulier_werk', 'ander_instrument', 'dagbesteding', 'uitgevallen')
               AND coalesce(einddatum <= $peildatum::DATE, false))
),
personen AS (
    SELECT gemeente, persoon_id,
           min(advies_aangevraagd) AS wacht_sinds,
           $peildatum::DATE - min(advies_aangevraagd) AS dagen
    FROM niet_elders_beeindigd
    GROUP BY gemeente, persoon_id
),
totalen AS (
    SELECT count(*)::INTEGER AS wachtend,
           median(dagen) AS mediaan_wachtdagen,
           max(dagen)::DOUBLE AS langste_wachtdagen
    FROM personen
),
per_band AS (
    SELECT b.volgorde, b.wachtduur, count(p.persoon_id)::INTEGER AS personen
    FROM banden AS b
    LEFT JOIN personen AS p
      ON p.wacht_sinds + to_months(b.vanaf_maanden) <= $peildatum::DATE
     AND $peildatum::DATE < p.wacht_sinds + to_months(b.tot_maanden)
    GROUP BY b.volgorde, b.wachtduur
),
final AS (
    SELECT b.wachtduur, b.personen, t.wachtend, t.mediaan_wachtdagen, t.langste_wachtdagen
    FROM per_band AS b
    CROSS JOIN totalen AS t
    ORDER BY b.volgorde
)
SELECT * FROM final;
