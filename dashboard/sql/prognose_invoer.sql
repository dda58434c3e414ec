-- What the prognose model is fitted on, per chosen gemeente, at $peildatum:
-- the stand (persons in beschut werk), the instroom over the last $maanden months,
-- the uitstroom and the exposure (person-months) over the last 24 months, and the
-- hours and monthly cost of the running placements.
-- Parameters: $gemeenten, $peildatum, $maanden (the instroom window).
WITH
gekozen AS (
    SELECT gemeente FROM gekozen_gemeenten($gemeenten)
),
dienstverbanden AS (  -- all of them, also the first one ever and those after $peildatum
    SELECT * FROM beschut_werk_dienstverbanden($gemeenten, DATE '0001-01-02', DATE '9999-12-31')
),
instroom AS (
    SELECT gemeente,
           count(*) FILTER (
               WHERE eerste_dag > $peildatum::DATE - to_months($maanden::INTEGER)
                 AND eerste_dag <= $peildatum::DATE) AS instroom_venster,
           min(eerste_dag) AS eerste_instroom
    FROM dienstverbanden
    GROUP BY gemeente
),
uitstroom AS (
    SELECT gemeente, count(*) AS uitstroom_24m
    FROM dienstverbanden
    WHERE eerste_dag_uit > $peildatum::DATE - INTERVAL 24 MONTH
      AND eerste_dag_uit <= $peildatum::DATE
    GROUP BY gemeente
),
blootstelling AS (
    SELECT gemeente, sum(realisatie) AS persoonsmaanden_24m
    FROM realisatie_per_peildag(($peildatum::DATE - INTERVAL 24 MONTH)::DATE,
                                $peildatum::DATE, $gemeenten)
    WHERE dag < $peildatum::DATE OR dag = last_day($peildatum::DATE)
    GROUP BY gemeente
),
lopend AS (
    SELECT a.gemeente,
           count(DISTINCT a.persoon_nr) AS stand,
           avg(a.uren_per_week) AS uren_per_week,
           avg(a.kosten_per_maand) AS kosten_per_maand,
           count(a.kosten_per_maand) AS met_kosten
    FROM beschut_werk_actief_op($peildatum) AS a
    JOIN gekozen USING (gemeente)
    GROUP BY a.gemeente
),
final AS (
    SELECT g.gemeente,
           coalesce(l.stand, 0)::INTEGER AS stand,
           coalesce(i.instroom_venster, 0)::INTEGER AS instroom_venster,
           i.eerste_instroom,
           coalesce(u.uitstroom_24m, 0)::INTEGER AS uitstroom_24m,
           coalesce(b.persoonsmaanden_24m, 0)::INTEGER AS persoonsmaanden_24m,
           l.uren_per_week,
           l.kosten_per_maand,
           coalesce(l.met_kosten, 0)::INTEGER AS met_kosten
    FROM gekozen AS g
    LEFT JOIN instroom AS i USING (gemeente)
    LEFT JOIN uitstroom AS u USING (gemeente)
    LEFT JOIN blootstelling AS b USING (gemeente)
    LEFT JOIN lopend AS l USING (gemeente)
)
SELECT * FROM final
ORDER BY gemeente;
