-- The expected year-end position of $jaar: uitgaven up to the peildatum's month plus
-- the committed cost of the beschut werk placements running on $peildatum, each at
-- its kosten_per_maand for the remaining months of the year. As of the peildatum: an
-- einddatum after it is about a later day, so a running placement counts to December.
-- Parameters: $gemeenten, $jaar, $peildatum, $versie.
WITH
gekozen AS (
    SELECT gemeente FROM gekozen_gemeenten($gemeenten)
),
lopend AS (
    SELECT a.kosten_per_maand,
           CASE WHEN a.einddatum = $peildatum::DATE THEN a.einddatum
                ELSE make_date($jaar::INTEGER, 12, 31) END AS laatste_dag
    FROM beschut_werk_actief_op($peildatum) AS a
    JOIN gekozen USING (gemeente)
),
resterend AS (
    SELECT kosten_per_maand,
           greatest(month(laatste_dag) - month($peildatum::DATE), 0) AS maanden
    FROM lopend
),
verplicht AS (
    SELECT count(*)::INTEGER AS lopende_plaatsingen,
           count(*) FILTER (WHERE kosten_per_maand IS NULL)::INTEGER AS zonder_kosten,
           coalesce(sum(kosten_per_maand * maanden), 0) AS verplichting,
           coalesce(avg(kosten_per_maand), 0) AS gemiddelde_kosten_per_maand
    FROM resterend
),
begroot AS (
    SELECT coalesce(sum(b.bedrag), 0) AS begroting
    FROM begroting_geldend($versie) AS b
    JOIN gekozen USING (gemeente)
    WHERE b.jaar = $jaar
),
uitgegeven AS (
    SELECT coalesce(sum(u.bedrag), 0) AS uitgaven
    FROM uitgaven AS u
    JOIN gekozen USING (gemeente)
    WHERE uitgaven_in_venster(u.maand, $jaar, $peildatum)
),
final AS (
    SELECT v.lopende_plaatsingen, v.zonder_kosten,
           12 - month($peildatum::DATE) AS resterende_maanden,
           round(v.gemiddelde_kosten_per_maand, 2) AS gemiddelde_kosten_per_maand,
           round(u.uitgaven, 2) AS uitgaven,
           round(v.verplichting, 2) AS verplichting,
           round(u.uitgaven + v.verplichting, 2) AS verwacht_jaareinde,
           round(b.begroting, 2) AS begroting,
           round(b.begroting - u.uitgaven - v.verplichting, 2) AS verwacht_saldo
    FROM verplicht AS v, uitgegeven AS u, begroot AS b
)
SELECT * FROM final;
