-- What the prognose model is fitted on, per chosen gemeente, at $peildatum:
-- the stand (persons in beschut werk), the instroom over the last $maanden months,
-- the uitstroom and the exposure (person-months) over the last 24 months, and the
-- hours and monthly cost of the running placements; for the fit of how instroom
-- follows the taakstelling, per month of the last 36 whole months up to $peildatum
-- (oldest first) the instroom, the stand at the month-end before it and the
-- taakstelling of its year, and the loaded taakstelling per jaar.
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
historie_maanden AS (
    SELECT (date_trunc('month', $peildatum::DATE + 1) - to_months(k::INTEGER))::DATE AS maand
    FROM range(1, 37) AS r(k)
),
historie_instroom AS (
    SELECT d.gemeente, date_trunc('month', d.eerste_dag)::DATE AS maand, count(*) AS instroom
    FROM dienstverbanden AS d
    WHERE d.eerste_dag >= (SELECT min(maand) FROM historie_maanden)
      AND d.eerste_dag < date_trunc('month', $peildatum::DATE + 1)
    GROUP BY ALL
),
historie_stand AS (
    SELECT gemeente, (dag + 1)::DATE AS maand, realisatie
    FROM realisatie_per_peildag((SELECT min(maand) - 1 FROM historie_maanden),
                                (SELECT max(maand) - 1 FROM historie_maanden), $gemeenten)
),
historie AS (
    SELECT g.gemeente,
           list(coalesce(i.instroom, 0)::INTEGER ORDER BY m.maand) AS historie_instroom,
           list(coalesce(s.realisatie, 0)::INTEGER ORDER BY m.maand) AS historie_stand,
           list(t.taakstelling::DOUBLE ORDER BY m.maand) AS historie_taakstelling,
           list(m.maand ORDER BY m.maand) AS historie_maand
    FROM gekozen AS g
    CROSS JOIN historie_maanden AS m
    LEFT JOIN historie_instroom AS i ON i.gemeente = g.gemeente AND i.maand = m.maand
    LEFT JOIN historie_stand AS s ON s.gemeente = g.gemeente AND s.maand = m.maand
    LEFT JOIN taakstelling AS t ON t.gemeente = g.gemeente AND t.jaar = year(m.maand)
    GROUP BY g.gemeente
),
taakstelling_jaren AS (
    SELECT t.gemeente,
           list(t.jaar::INTEGER ORDER BY t.jaar) AS taakstelling_jaar,
           list(t.taakstelling::DOUBLE ORDER BY t.jaar) AS taakstelling_waarde
    FROM taakstelling AS t
    JOIN gekozen USING (gemeente)
    GROUP BY t.gemeente
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
           coalesce(l.met_kosten, 0)::INTEGER AS met_kosten,
           h.historie_instroom,
           h.historie_stand,
           h.historie_taakstelling,
           h.historie_maand,
           coalesce(j.taakstelling_jaar, []::INTEGER[]) AS taakstelling_jaar,
           coalesce(j.taakstelling_waarde, []::DOUBLE[]) AS taakstelling_waarde
    FROM gekozen AS g
    LEFT JOIN instroom AS i USING (gemeente)
    LEFT JOIN uitstroom AS u USING (gemeente)
    LEFT JOIN blootstelling AS b USING (gemeente)
    LEFT JOIN lopend AS l USING (gemeente)
    LEFT JOIN historie AS h USING (gemeente)
    LEFT JOIN taakstelling_jaren AS j USING (gemeente)
)
SELECT * FROM final
ORDER BY gemeente;
