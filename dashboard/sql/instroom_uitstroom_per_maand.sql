-- Instroom and uitstroom of beschut werk per month of the chosen gemeenten, counted
-- per dienstverband (see beschut_werk_dienstverbanden in macros.sql). Instroom: the
-- month its first day falls in; uitstroom: the month of its first day no longer
-- active (einddatum + 1), so that the stock at a month-end is the previous
-- month-end's plus instroom minus uitstroom.
-- Parameters: $gemeenten, $van, $tot.
WITH
dienstverbanden AS (
    SELECT * FROM beschut_werk_dienstverbanden($gemeenten, $van::DATE, $tot::DATE)
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
