-- The gemeenten $gemeenten (empty: every gemeente in the database) side by side for
-- one jaar and peildatum, and the total of them all (soort 'totaal'): realisatie as %
-- of the taakstelling, cost per plek, and instroom per 10.000 inwoners where the
-- gemeenten file gives inwoners.
-- Kosten per plek as in financien_per_jaar.sql: uitgaven / realisatie_gemiddeld, and
-- on a yearly basis scaled to twelve months (the year runs to the peildatum's month).
-- Instroom as in instroom_uitstroom_per_maand.sql: dienstverbanden beschut werk whose
-- first day lies in the year, up to the peildatum.
-- Parameters: $gemeenten (the user's gemeenten, access.py), $jaar, $peildatum (a day
-- in $jaar).
WITH
kerncijfers AS (
    SELECT * FROM kerncijfers_per_gemeente($jaar, $peildatum, $gemeenten, NULL)
),
instroom AS (
    SELECT gemeente, count(*) AS instroom
    FROM beschut_werk_dienstverbanden($gemeenten, make_date($jaar::INTEGER, 1, 1), $peildatum::DATE)
    WHERE eerste_dag BETWEEN make_date($jaar::INTEGER, 1, 1) AND $peildatum::DATE
    GROUP BY gemeente
),
per_gemeente AS (
    SELECT 'gemeente' AS soort, k.gemeente, k.gemeentenaam, g.arbeidsmarktregio,
           g.inwoners, k.taakstelling, k.realisatie_ultimo, k.realisatie_gemiddeld,
           k.uitgaven, coalesce(i.instroom, 0)::INTEGER AS instroom
    FROM kerncijfers AS k
    LEFT JOIN gemeente_gegevens AS g USING (gemeente)
    LEFT JOIN instroom AS i USING (gemeente)
),
totaal AS (
    -- One arbeidsmarktregio when every gemeente has the same one.
    SELECT 'totaal' AS soort, NULL AS gemeente, NULL AS gemeentenaam,
           CASE WHEN count(DISTINCT arbeidsmarktregio) = 1
                 AND count(arbeidsmarktregio) = count(*)
                THEN min(arbeidsmarktregio) END AS arbeidsmarktregio,
           sum(inwoners)::INTEGER AS inwoners,
           sum(taakstelling) AS taakstelling,
           sum(realisatie_ultimo)::INTEGER AS realisatie_ultimo,
           sum(realisatie_gemiddeld) AS realisatie_gemiddeld,
           sum(uitgaven) AS uitgaven,
           sum(instroom)::INTEGER AS instroom,
           -- the percentage and the rate over the gemeenten that have the denominator
           realisatie_met_taakstelling(realisatie_ultimo, taakstelling) AS realisatie_met_taakstelling,
           sum(instroom) FILTER (WHERE inwoners IS NOT NULL) AS instroom_met_inwoners
    FROM per_gemeente
),
samen AS (
    SELECT *, realisatie_ultimo AS realisatie_met_taakstelling,
           instroom AS instroom_met_inwoners
    FROM per_gemeente
    UNION ALL BY NAME
    SELECT * FROM totaal
),
final AS (
    SELECT soort, gemeente, gemeentenaam, arbeidsmarktregio, inwoners, taakstelling,
           realisatie_ultimo,
           percentage_taakstelling(realisatie_met_taakstelling, taakstelling) AS percentage_ultimo,
           uitgaven,
           realisatie_gemiddeld,
           kosten_per_plek(uitgaven, realisatie_gemiddeld) AS kosten_per_plek,
           kosten_per_plek_jaarbasis(uitgaven, realisatie_gemiddeld, $jaar, $peildatum)
               AS kosten_per_plek_jaarbasis,
           instroom,
           CASE WHEN inwoners > 0 THEN 10000 * instroom_met_inwoners / inwoners END
               AS instroom_per_10000
    FROM samen
)
SELECT * FROM final
ORDER BY soort = 'totaal', gemeentenaam, gemeente;
