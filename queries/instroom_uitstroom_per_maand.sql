-- Instroom and uitstroom of beschut werk per month of the chosen gemeenten, counted
-- per person: overlapping or adjacent placements of one person in one gemeente form
-- one dienstverband. Instroom: the month its first day falls in; uitstroom: the month
-- of its first day no longer active (einddatum + 1), so that the stock at a month-end
-- is the previous month-end's plus instroom minus uitstroom.
-- Parameters: $gemeenten, $van, $tot.
WITH
gekozen AS (
    SELECT gemeente FROM gekozen_gemeenten($gemeenten)
),
perioden AS (
    SELECT p.gemeente, p.persoon_id, p.startdatum,
           coalesce(p.einddatum, DATE '9999-12-31') AS einde
    FROM plaatsingen AS p
    JOIN gekozen USING (gemeente)
    WHERE p.instrument = 'beschut_werk'
),
gemarkeerd AS (
    SELECT *,
           CASE WHEN startdatum <= max(einde) OVER (
                    PARTITION BY gemeente, persoon_id ORDER BY startdatum, einde
                    ROWS BETWEEN UNBOUNDED PRECEDING AND 1 PRECEDING) + 1
                THEN 0 ELSE 1 END AS begint_nieuw
    FROM perioden
),
genummerd AS (
    SELECT *,
           sum(begint_nieuw) OVER (
               PARTITION BY gemeente, persoon_id ORDER BY startdatum, einde
               ROWS UNBOUNDED PRECEDING) AS dienstverband
    FROM gemarkeerd
),
dienstverbanden AS (
    SELECT gemeente, persoon_id, dienstverband,
           min(startdatum) AS eerste_dag, max(einde) + 1 AS eerste_dag_uit
    FROM genummerd
    GROUP BY gemeente, persoon_id, dienstverband
),
maanden AS (
    SELECT maand::DATE AS maand
    FROM generate_series(date_trunc('month', $van::DATE)::TIMESTAMP, $tot::TIMESTAMP,
                         INTERVAL 1 MONTH) AS t(maand)
),
instroom AS (
    SELECT date_trunc('month', eerste_dag)::DATE AS maand, count(*) AS instroom
    FROM dienstverbanden
    WHERE eerste_dag BETWEEN $van::DATE AND $tot::DATE
    GROUP BY 1
),
uitstroom AS (
    SELECT date_trunc('month', eerste_dag_uit)::DATE AS maand, count(*) AS uitstroom
    FROM dienstverbanden
    WHERE eerste_dag_uit BETWEEN $van::DATE AND $tot::DATE
    GROUP BY 1
),
final AS (
    SELECT m.maand,
           coalesce(i.instroom, 0)::INTEGER AS instroom,
           coalesce(u.uitstroom, 0)::INTEGER AS uitstroom
    FROM maanden AS m
    LEFT JOIN instroom AS i USING (maand)
    LEFT JOIN uitstroom AS u USING (maand)
)
SELECT * FROM final
ORDER BY maand;
