-- Views and macros that hold the counting rules of the data contract once.
-- Every query, page, export and notebook counts through these.

-- Every gemeente that has data in any table, with its name (counted inside every
-- write: afgeleid_gemeenten.sql).
CREATE OR REPLACE VIEW gemeenten AS
SELECT gemeente, gemeentenaam FROM gemeente_met_gegevens;

-- Whether a gemeente is among those a page or report chose: a list of codes, empty = all.
CREATE OR REPLACE MACRO gekozen(lijst, gemeente) AS
    len(lijst::VARCHAR[]) = 0 OR list_contains(lijst::VARCHAR[], gemeente);

-- The gemeenten a page or report chose, with their names.
CREATE OR REPLACE MACRO gekozen_gemeenten(lijst) AS TABLE
SELECT gemeente, gemeentenaam
FROM gemeenten
WHERE gekozen(lijst, gemeente);

-- The loaded taakstelling per jaar of the chosen gemeenten together (kies_gemeenten:
-- a list of codes, empty = all).
CREATE OR REPLACE MACRO taakstelling_samen(kies_gemeenten) AS TABLE
SELECT t.jaar, sum(t.taakstelling) AS taakstelling
FROM taakstelling AS t
JOIN gekozen_gemeenten(kies_gemeenten) USING (gemeente)
GROUP BY t.jaar;

-- ---------------------------------------------------------------------------------
-- The rules and ratios of the figures, each once (dashboard/catalogue.py names them).
-- A query that shows one of these figures calls its macro, so one selection gives one
-- value on every page and in every export.

-- fte: hours per week of the active beschut werk placements divided by 36.
CREATE OR REPLACE MACRO fte(uren) AS uren / 36;

-- percentage_ultimo of one gemeente: 100 x realisatie / taakstelling (none without a
-- taakstelling above 0).
CREATE OR REPLACE MACRO percentage_taakstelling(realisatie, taakstelling) AS
    CASE WHEN taakstelling > 0 THEN 100 * realisatie / taakstelling END;

-- percentage_ultimo over several gemeenten (an aggregate): the summed realisatie of
-- the gemeenten that have a taakstelling for the year / the sum of their taakstelling.
-- Gemeenten without one count in the realisatie, never in the percentage.
CREATE OR REPLACE MACRO percentage_taakstelling_samen(realisatie, taakstelling) AS
    CASE WHEN sum(taakstelling) > 0
         THEN 100 * sum(realisatie) FILTER (WHERE taakstelling IS NOT NULL)
              / sum(taakstelling) END;

-- The realisatie that the percentage counts (an aggregate): of the gemeenten with a
-- taakstelling.
CREATE OR REPLACE MACRO realisatie_met_taakstelling(realisatie, taakstelling) AS
    sum(realisatie) FILTER (WHERE taakstelling IS NOT NULL);

-- nog_te_realiseren over one or several gemeenten (an aggregate): their taakstelling
-- minus the realisatie of the gemeenten that have one; negative = above it.
CREATE OR REPLACE MACRO nog_te_realiseren_samen(realisatie, taakstelling) AS
    sum(taakstelling) - sum(realisatie) FILTER (WHERE taakstelling IS NOT NULL);

-- percentage_besteed: 100 x uitgaven / begroting (none without a begroting above 0).
CREATE OR REPLACE MACRO percentage_besteed(uitgaven, begroting) AS
    CASE WHEN begroting > 0 THEN 100 * coalesce(uitgaven, 0) / begroting END;

-- kosten_per_plek: uitgaven / realisatie_gemiddeld of the same period.
CREATE OR REPLACE MACRO kosten_per_plek(uitgaven, realisatie_gemiddeld) AS
    CASE WHEN realisatie_gemiddeld > 0 THEN uitgaven / realisatie_gemiddeld END;

-- kosten_per_plek_jaarbasis: the cost per plek of a year that runs to the peildatum's
-- month, scaled to twelve months (a finished year: the cost per plek itself).
CREATE OR REPLACE MACRO kosten_per_plek_jaarbasis(uitgaven, realisatie_gemiddeld, jaar, peildag) AS
    kosten_per_plek(uitgaven, realisatie_gemiddeld) * 12
    / CASE WHEN jaar = year(peildag::DATE) THEN month(peildag::DATE) ELSE 12 END;

-- The months whose uitgaven count for jaar at a peildag: January of the year up to and
-- including the peildag's month.
CREATE OR REPLACE MACRO uitgaven_in_venster(maand, jaar, peildag) AS
    maand BETWEEN make_date(jaar::INTEGER, 1, 1)
              AND least(date_trunc('month', peildag::DATE)::DATE, make_date(jaar::INTEGER, 12, 1));

-- The status line: a straight line through the year from the realisatie on 31 December
-- of the year before to the taakstelling on 31 December; its height on the peildag.
CREATE OR REPLACE MACRO status_verwacht(realisatie_begin, taakstelling, peildag) AS
    CASE WHEN taakstelling > 0 THEN
        realisatie_begin + (taakstelling - realisatie_begin)
        * (peildag::DATE - make_date(year(peildag::DATE) - 1, 12, 31))
        / (make_date(year(peildag::DATE), 12, 31) - make_date(year(peildag::DATE) - 1, 12, 31))
    END;

-- The status on the peildag: on or above the line (or the taakstelling) = op koers; up to
-- 10% below the line = risico; further below = achter.
CREATE OR REPLACE MACRO status_label(realisatie, realisatie_begin, taakstelling, peildag) AS
    CASE WHEN NOT coalesce(taakstelling > 0, false) THEN 'geen taakstelling'
         WHEN realisatie >= status_verwacht(realisatie_begin, taakstelling, peildag)
           OR realisatie >= taakstelling THEN 'op koers'
         WHEN realisatie >= 0.9 * status_verwacht(realisatie_begin, taakstelling, peildag)
           THEN 'risico'
         ELSE 'achter' END;

-- The voorschakeltrajecten as they were known on peildag (data contract, "as of the
-- peildatum"): only those started by then; a traject that had not ended by then is
-- 'lopend' whatever its uitkomst says now, and has no einddatum; an advies requested
-- after the peildag is not there yet. The data has no date of UWV's decision, so an
-- advies requested on or before the peildag counts with its recorded outcome (an
-- outcome without a request date once the traject has ended).
CREATE OR REPLACE MACRO trajecten_op(peildag) AS TABLE
SELECT traject_id, persoon_id, gemeente, startdatum,
       CASE WHEN einddatum <= peildag::DATE THEN einddatum END AS einddatum,
       CASE WHEN einddatum <= peildag::DATE THEN uitkomst ELSE 'lopend' END AS uitkomst,
       CASE WHEN advies_aangevraagd <= peildag::DATE THEN advies_aangevraagd END
           AS advies_aangevraagd,
       CASE WHEN advies_aangevraagd <= peildag::DATE
              OR (advies_aangevraagd IS NULL AND einddatum <= peildag::DATE)
            THEN advies_uitkomst END AS advies_uitkomst
FROM trajecten
WHERE startdatum <= peildag::DATE;

-- The beschut werk placements active on one day, by the contract's rule: startdatum
-- <= dag and (einddatum empty or dag <= einddatum); in beschut_plaatsing einde is the
-- einddatum or far in the future, and persons are numbered as persoon_nr.
CREATE OR REPLACE MACRO beschut_werk_actief_op(dag) AS TABLE
SELECT *
FROM beschut_plaatsing
WHERE startdatum <= dag::DATE AND dag::DATE <= einde;

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

-- Beschut werk per person as dienstverbanden (afgeleid_plaatsingen.sql: a person's
-- overlapping or adjacent placements in one gemeente merged into one period) of the
-- chosen gemeenten (kies_gemeenten: a list of codes, empty = all) that are active in
-- the period van..tot or end the day before it. eerste_dag_uit is the first day no
-- longer active (einddatum + 1; after 9999-12-31 while running).
CREATE OR REPLACE MACRO beschut_werk_dienstverbanden(kies_gemeenten, van, tot) AS TABLE
SELECT gemeente, persoon_nr, eerste_dag, eerste_dag_uit
FROM dienstverband
WHERE gekozen(kies_gemeenten, gemeente)
  AND eerste_dag <= tot::DATE
  AND eerste_dag_uit >= van::DATE;

-- Realisatie on each peildag of a period, per chosen gemeente (kies_gemeenten: a list
-- of codes, empty = all): the number of distinct persons with an active beschut_werk
-- placement (startdatum <= dag <= einddatum, an empty einddatum still running), and
-- the sum of the active placements' uren_per_week.
-- Read from the stand counted at every write (afgeleid_plaatsingen.sql): a month-end
-- is one row of realisatie_maandeinde (before its first month: 0; after its last
-- month the stand no longer changes, so the last month-end's, unless changes lie past
-- 2100 where the month-ends stop); any other day is the last change in
-- realisatie_stand after the month-end before it, if there is one.
CREATE OR REPLACE MACRO realisatie_per_peildag(van, tot, kies_gemeenten) AS TABLE
WITH
grenzen AS (
    SELECT (SELECT max(dag) FROM realisatie_maandeinde) AS laatste,
           (SELECT max(dag) FROM realisatie_stand) AS laatste_wijziging
),
peildagen_met_vorige AS (
    SELECT dag,
           CASE WHEN dag = last_day(dag) THEN dag
                ELSE date_trunc('month', dag)::DATE - 1 END AS vorige
    FROM peildagen(van, tot)
),
dagen AS (
    SELECT d.dag,
           least(d.vorige, g.laatste) AS maandeinde,
           -- the day after which realisatie_stand still has changes to read, if any
           CASE WHEN d.vorige > g.laatste AND g.laatste_wijziging > g.laatste THEN g.laatste
                WHEN d.vorige < d.dag THEN d.vorige END AS wijzigingen_na
    FROM peildagen_met_vorige AS d, grenzen AS g
),
-- In practice only tot, when it is no month-end: the stand's rows between are few.
later AS (
    SELECT dag, wijzigingen_na FROM dagen WHERE wijzigingen_na IS NOT NULL
),
wijzigingen AS (
    SELECT s.*
    FROM realisatie_stand AS s
    WHERE gekozen(kies_gemeenten, s.gemeente)
      AND s.dag > (SELECT min(wijzigingen_na) FROM later)
      AND s.dag <= (SELECT max(dag) FROM later)
),
na_maandeinde AS (
    SELECT l.dag, w.gemeente,
           arg_max(w.realisatie, w.dag) AS realisatie, arg_max(w.uren, w.dag) AS uren
    FROM later AS l
    JOIN wijzigingen AS w ON w.dag > l.wijzigingen_na AND w.dag <= l.dag
    GROUP BY l.dag, w.gemeente
),
maandeinden AS (
    SELECT m.*
    FROM realisatie_maandeinde AS m
    WHERE gekozen(kies_gemeenten, m.gemeente)
      AND m.dag IN (SELECT maandeinde FROM dagen)
),
final AS (
    SELECT g.gemeente, d.dag,
           coalesce(n.realisatie, m.realisatie, 0)::BIGINT AS realisatie,
           coalesce(n.uren, m.uren, 0)::DOUBLE AS uren
    FROM gekozen_gemeenten(kies_gemeenten) AS g
    CROSS JOIN dagen AS d
    LEFT JOIN maandeinden AS m ON m.gemeente = g.gemeente AND m.dag = d.maandeinde
    LEFT JOIN na_maandeinde AS n ON n.gemeente = g.gemeente AND n.dag = d.dag
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
           fte(max(uren) FILTER (WHERE dag = kies_peildatum::DATE)) AS fte_ultimo
    FROM realisatie_per_peildag(make_date(kies_jaar::INTEGER, 1, 1), kies_peildatum::DATE,
                                kies_gemeenten)
    GROUP BY gemeente
),
quotum AS (
    SELECT gemeente, taakstelling
    FROM taakstelling
    WHERE jaar = kies_jaar
),
begroting_geteld AS (
    SELECT gemeente, post, sum(bedrag) AS bedrag
    FROM begroting_geldend(kies_versie)
    WHERE jaar = kies_jaar
    GROUP BY gemeente, post
),
begroting_per_post AS (  -- every post, also those without a bedrag
    SELECT g.gemeente, c.waarde AS post, coalesce(b.bedrag, 0) AS bedrag, c.volgorde
    FROM gekozen AS g
    CROSS JOIN categorie AS c
    LEFT JOIN begroting_geteld AS b ON b.gemeente = g.gemeente AND b.post = c.waarde
    WHERE c.soort = 'post'
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
    WHERE uitgaven_in_venster(maand, kies_jaar, kies_peildatum)
    GROUP BY gemeente
),
trajecten_geteld AS (  -- started in the year, on or before the peildatum, as known then
    SELECT gemeente, uitkomst, count(*) AS aantal
    FROM trajecten_op(kies_peildatum)
    WHERE startdatum BETWEEN make_date(kies_jaar::INTEGER, 1, 1)
                         AND least(kies_peildatum::DATE, make_date(kies_jaar::INTEGER, 12, 31))
    GROUP BY gemeente, uitkomst
),
trajecten_per_uitkomst AS (  -- every uitkomst, also those with none
    SELECT g.gemeente, c.waarde AS uitkomst, coalesce(t.aantal, 0) AS aantal, c.volgorde
    FROM gekozen AS g
    CROSS JOIN categorie AS c
    LEFT JOIN trajecten_geteld AS t ON t.gemeente = g.gemeente AND t.uitkomst = c.waarde
    WHERE c.soort = 'uitkomst'
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
           percentage_taakstelling(r.realisatie_ultimo, q.taakstelling) AS percentage_ultimo,
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

-- The Dutch name of an instrument of the data contract (plaatsingen.instrument), for
-- the Instrumenten page and its downloads; one place for the nine names.
CREATE OR REPLACE MACRO instrument_naam(instrument) AS
    CASE instrument
        WHEN 'beschut_werk' THEN 'Beschut werk'
        WHEN 'loonkostensubsidie' THEN 'Loonkostensubsidie'
        WHEN 'jobcoaching' THEN 'Jobcoaching'
        WHEN 'werkplekaanpassing' THEN 'Werkplekaanpassing'
        WHEN 'leerwerktraject' THEN 'Leerwerktraject'
        WHEN 'groeibaan' THEN 'Groeibaan'
        WHEN 'scholing' THEN 'Scholing'
        WHEN 'dagbesteding' THEN 'Dagbesteding'
        WHEN 'overig' THEN 'Overig'
        ELSE instrument END;
