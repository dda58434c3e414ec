-- Views and macros that hold the counting rules of the data contract once.
-- Every query, page, export and notebook counts through these.

-- Every gemeente that has data in any table, with its name (the gemeenten file alone
-- does not make a gemeente one with data).
CREATE OR REPLACE VIEW gemeenten AS
WITH codes AS (
    SELECT gemeente FROM taakstelling
    UNION SELECT gemeente FROM plaatsingen
    UNION SELECT gemeente FROM trajecten
    UNION SELECT gemeente FROM begroting
    UNION SELECT gemeente FROM uitgaven
),
namen_uit_taakstelling AS (
    SELECT gemeente, arg_max(gemeentenaam, jaar) AS naam
    FROM taakstelling
    WHERE gemeentenaam IS NOT NULL
    GROUP BY gemeente
),
final AS (
    -- The name from the gemeenten file where given, else the taakstelling's, else CBS.
    SELECT codes.gemeente, coalesce(b.naam, t.naam, r.naam, codes.gemeente) AS gemeentenaam
    FROM codes
    LEFT JOIN gemeente_gegevens AS b USING (gemeente)
    LEFT JOIN namen_uit_taakstelling AS t USING (gemeente)
    LEFT JOIN gemeente_referentie AS r USING (gemeente)
)
SELECT * FROM final;

-- The contract's rule for an active placement on day `dag`: startdatum <= dag and
-- (einddatum empty or dag <= einddatum). Written as a range so joins stay fast.
CREATE OR REPLACE MACRO actief_op(startdatum, einddatum, dag) AS
    startdatum <= dag AND dag <= coalesce(einddatum, DATE '9999-12-31');

-- Whether a gemeente is among those a page or report chose: a list of codes, empty = all.
CREATE OR REPLACE MACRO gekozen(lijst, gemeente) AS
    len(lijst::VARCHAR[]) = 0 OR list_contains(lijst::VARCHAR[], gemeente);

-- The gemeenten a page or report chose, with their names.
CREATE OR REPLACE MACRO gekozen_gemeenten(lijst) AS TABLE
SELECT gemeente, gemeentenaam
FROM gemeenten
WHERE gekozen(lijst, gemeente);

-- The beschut werk placements active on one day.
CREATE OR REPLACE MACRO beschut_werk_actief_op(dag) AS TABLE
SELECT *
FROM plaatsingen
WHERE instrument = 'beschut_werk' AND actief_op(startdatum, einddatum, dag::DATE);

-- The peildagen of a period: every month-end from `van` up to `tot`, plus `tot`
-- itself when it is not a month-end (telwijze realisatie_gemiddeld).
CREATE OR REPLACE MACRO peildagen(van, tot) AS TABLE
WITH maanden AS (
    SELECT last_day(maand)::DATE AS dag
    FROM generate_series(
        date_trunc('month', van::DATE)::TIMESTAMP, tot::TIMESTAMP, INTERVAL 1 MONTH
    ) AS t(maand)
),
final AS (
    SELECT dag FROM maanden WHERE dag BETWEEN van::DATE AND tot::DATE
    UNION
    SELECT tot::DATE
)
SELECT dag FROM final;

-- Beschut werk per person as dienstverbanden: overlapping or adjacent placements of
-- one person in one gemeente merged into one period, for the chosen gemeenten
-- (kies_gemeenten: a list of codes, empty = all), as seen from the period van..tot:
-- only placements that run in it or end the day before it take part, so a
-- dienstverband that began earlier shows a first day before van (not always its very
-- first), and one that goes on after tot a first day out after tot. eerste_dag_uit is
-- the first day no longer active (einddatum + 1; far in the future while running).
CREATE OR REPLACE MACRO beschut_werk_dienstverbanden(kies_gemeenten, van, tot) AS TABLE
WITH
perioden AS (
    SELECT gemeente, persoon_id, startdatum,
           coalesce(einddatum, DATE '9999-12-31') AS einde
    FROM plaatsingen
    WHERE instrument = 'beschut_werk'
      AND gekozen(kies_gemeenten, gemeente)
      AND startdatum <= tot::DATE
      AND coalesce(einddatum, DATE '9999-12-31') >= van::DATE - 1
),
per_persoon AS (
    SELECT gemeente, persoon_id, count(*) AS plaatsingen,
           min(startdatum) AS eerste_dag, max(einde) + 1 AS eerste_dag_uit
    FROM perioden
    GROUP BY gemeente, persoon_id
),
-- Most persons have one placement, which is their dienstverband; only persons with
-- several are merged, in order of startdatum.
meer_plaatsingen AS (
    SELECT p.*
    FROM perioden AS p
    JOIN per_persoon AS n USING (gemeente, persoon_id)
    WHERE n.plaatsingen > 1
),
gemarkeerd AS (
    SELECT *,
           CASE WHEN startdatum <= max(einde) OVER (
                    PARTITION BY gemeente, persoon_id ORDER BY startdatum, einde
                    ROWS BETWEEN UNBOUNDED PRECEDING AND 1 PRECEDING) + 1
                THEN 0 ELSE 1 END AS begint_nieuw
    FROM meer_plaatsingen
),
genummerd AS (
    SELECT *,
           sum(begint_nieuw) OVER (
               PARTITION BY gemeente, persoon_id ORDER BY startdatum, einde
               ROWS UNBOUNDED PRECEDING) AS dienstverband
    FROM gemarkeerd
),
final AS (
    SELECT gemeente, persoon_id, 1 AS dienstverband, eerste_dag, eerste_dag_uit
    FROM per_persoon
    WHERE plaatsingen = 1
    UNION ALL
    SELECT gemeente, persoon_id, dienstverband::INTEGER,
           min(startdatum) AS eerste_dag, max(einde) + 1 AS eerste_dag_uit
    FROM genummerd
    GROUP BY gemeente, persoon_id, dienstverband
)
SELECT * FROM final;

-- Realisatie on each peildag of a period, per chosen gemeente (kies_gemeenten: a list
-- of codes, empty = all): the number of distinct persons with an active beschut_werk
-- placement (startdatum <= dag <= einddatum, an empty einddatum still running), and
-- the sum of the active placements' uren_per_week.
-- Counted in one sweep over the placements rather than testing each placement on
-- each day: a person's overlapping placements form one dienstverband, so the persons
-- active on a day are the dienstverbanden begun on or before it (+1 on eerste_dag)
-- and not yet ended (-1 on eerste_dag_uit); the hours likewise (+uren on startdatum,
-- -uren on einddatum + 1), summed exactly as decimals.
CREATE OR REPLACE MACRO realisatie_per_peildag(van, tot, kies_gemeenten) AS TABLE
WITH
dagen AS (
    SELECT dag FROM peildagen(van, tot)
),
gekozen AS (
    SELECT gemeente FROM gekozen_gemeenten(kies_gemeenten)
),
dienstverbanden AS (
    SELECT gemeente, eerste_dag, eerste_dag_uit
    FROM beschut_werk_dienstverbanden(kies_gemeenten, van, tot)
),
beschut_werk AS (
    SELECT gemeente, startdatum, einddatum, uren_per_week::DECIMAL(38, 10) AS uren
    FROM plaatsingen
    WHERE instrument = 'beschut_werk'
      AND gekozen(kies_gemeenten, gemeente)
      AND startdatum <= tot::DATE
      AND coalesce(einddatum, DATE '9999-12-31') >= van::DATE
),
veranderingen AS (
    SELECT gemeente, eerste_dag AS dag, 1 AS personen, 0 AS uren FROM dienstverbanden
    UNION ALL
    SELECT gemeente, eerste_dag_uit, -1, 0 FROM dienstverbanden
    UNION ALL
    SELECT gemeente, startdatum, 0, uren FROM beschut_werk
    UNION ALL
    SELECT gemeente, einddatum + 1, 0, -uren FROM beschut_werk WHERE einddatum IS NOT NULL
),
wijzigdagen AS (  -- every day on which something changes, and the first peildag after it
    SELECT w.dag, d.dag AS peildag
    FROM (SELECT DISTINCT dag FROM veranderingen WHERE dag <= tot::DATE) AS w
    ASOF JOIN dagen AS d ON d.dag >= w.dag
),
per_peildag AS (
    SELECT v.gemeente, w.peildag AS dag, sum(v.personen) AS personen, sum(v.uren) AS uren
    FROM veranderingen AS v
    JOIN wijzigdagen AS w USING (dag)
    GROUP BY v.gemeente, w.peildag
),
final AS (
    SELECT g.gemeente, d.dag,
           coalesce(sum(p.personen) OVER tot_en_met_dag, 0)::BIGINT AS realisatie,
           coalesce(sum(p.uren) OVER tot_en_met_dag, 0)::DOUBLE AS uren
    FROM gekozen AS g
    CROSS JOIN dagen AS d
    LEFT JOIN per_peildag AS p ON p.gemeente = g.gemeente AND p.dag = d.dag
    WINDOW tot_en_met_dag AS (PARTITION BY g.gemeente ORDER BY d.dag ROWS UNBOUNDED PRECEDING)
)
SELECT * FROM final;

-- The begroting that counts per gemeente and jaar: the chosen versie where the year
-- has it, otherwise the versie that comes last in the file.
CREATE OR REPLACE MACRO begroting_geldend(gekozen_versie) AS TABLE
WITH versies AS (
    SELECT gemeente, jaar, versie, max(regel) AS laatste_regel
    FROM begroting
    GROUP BY gemeente, jaar, versie
),
per_jaar AS (
    SELECT gemeente, jaar,
           coalesce(
               max(versie) FILTER (WHERE versie = gekozen_versie),
               arg_max_null(versie, laatste_regel)
           ) AS versie
    FROM versies
    GROUP BY gemeente, jaar
),
final AS (
    SELECT b.gemeente, b.jaar, b.post, b.bedrag, b.versie
    FROM begroting AS b
    JOIN per_jaar AS v
      ON v.gemeente = b.gemeente AND v.jaar = b.jaar AND v.versie IS NOT DISTINCT FROM b.versie
)
SELECT * FROM final;

-- The headline figures per gemeente for one jaar at one peildatum (data contract,
-- "Counting"): kies_gemeenten is a list of GMnnnn codes (empty = all), kies_versie a
-- begroting versie or NULL (= the last in the file).
CREATE OR REPLACE MACRO kerncijfers_per_gemeente(kies_jaar, kies_peildatum, kies_gemeenten, kies_versie) AS TABLE
WITH
gekozen AS (
    SELECT * FROM gekozen_gemeenten(kies_gemeenten)
),
realisatie AS (
    SELECT gemeente,
           max(realisatie) FILTER (WHERE dag = kies_peildatum::DATE) AS realisatie_ultimo,
           avg(realisatie) AS realisatie_gemiddeld,
           max(uren) FILTER (WHERE dag = kies_peildatum::DATE) / 36 AS fte_ultimo
    FROM realisatie_per_peildag(make_date(kies_jaar::INTEGER, 1, 1), kies_peildatum::DATE,
                                kies_gemeenten)
    GROUP BY gemeente
),
quotum AS (
    SELECT gemeente, taakstelling
    FROM taakstelling
    WHERE jaar = kies_jaar
),
begroting_per_post AS (
    SELECT g.gemeente, c.waarde AS post, coalesce(sum(b.bedrag), 0) AS bedrag, c.volgorde
    FROM gekozen AS g
    CROSS JOIN categorie AS c
    LEFT JOIN begroting_geldend(kies_versie) AS b
      ON b.gemeente = g.gemeente AND b.post = c.waarde AND b.jaar = kies_jaar
    WHERE c.soort = 'post'
    GROUP BY g.gemeente, c.waarde, c.volgorde
),
begroot AS (
    SELECT gemeente,
           sum(bedrag) AS begroting,
           map_from_entries(list((post, round(bedrag, 2)) ORDER BY volgorde)) AS begroting_per_post
    FROM begroting_per_post
    GROUP BY gemeente
),
uitgegeven AS (
    SELECT gemeente, sum(bedrag) AS uitgaven
    FROM uitgaven
    WHERE maand BETWEEN make_date(kies_jaar::INTEGER, 1, 1) AND date_trunc('month', kies_peildatum::DATE)
    GROUP BY gemeente
),
trajecten_per_uitkomst AS (
    SELECT g.gemeente, c.waarde AS uitkomst, count(t.traject_id) AS aantal, c.volgorde
    FROM gekozen AS g
    CROSS JOIN categorie AS c
    LEFT JOIN trajecten AS t
      ON t.gemeente = g.gemeente AND t.uitkomst = c.waarde
     AND year(t.startdatum) = kies_jaar AND t.startdatum <= kies_peildatum::DATE
    WHERE c.soort = 'uitkomst'
    GROUP BY g.gemeente, c.waarde, c.volgorde
),
trajecten_gestart AS (
    SELECT gemeente,
           sum(aantal)::INTEGER AS trajecten_gestart,
           map_from_entries(list((uitkomst, aantal::INTEGER) ORDER BY volgorde))
               AS trajecten_per_uitkomst
    FROM trajecten_per_uitkomst
    GROUP BY gemeente
),
final AS (
    SELECT g.gemeente,
           g.gemeentenaam,
           kies_jaar::INTEGER AS jaar,
           kies_peildatum::DATE AS peildatum,
           q.taakstelling,
           r.realisatie_ultimo::INTEGER AS realisatie_ultimo,
           r.realisatie_gemiddeld,
           r.fte_ultimo,
           CASE WHEN q.taakstelling > 0
                THEN 100 * r.realisatie_ultimo / q.taakstelling END AS percentage_ultimo,
           round(b.begroting, 2) AS begroting,
           b.begroting_per_post,
           round(coalesce(u.uitgaven, 0), 2) AS uitgaven,
           t.trajecten_gestart,
           t.trajecten_per_uitkomst
    FROM gekozen AS g
    JOIN realisatie AS r USING (gemeente)
    LEFT JOIN quotum AS q USING (gemeente)
    JOIN begroot AS b USING (gemeente)
    LEFT JOIN uitgegeven AS u USING (gemeente)
    JOIN trajecten_gestart AS t USING (gemeente)
)
SELECT * FROM final;
