-- The headline figures of a selection of gemeenten together: each count and amount the
-- sum of the gemeenten' figures; the percentage, the gap (nog_te_realiseren:
-- taakstelling minus realisatie, negative = above it) and the status over the
-- gemeenten that have a taakstelling (the rules in macros.sql). The same figures one
-- year earlier (ultimo the year before) for the comparison and the status line.
-- Parameters as kerncijfers.sql.
WITH
per_gemeente AS (
    SELECT * FROM kerncijfers_per_gemeente($jaar, $peildatum, $gemeenten, $versie)
),
vorig_jaar AS (
    SELECT gemeente, realisatie_ultimo AS realisatie_vorig_jaar,
           taakstelling AS taakstelling_vorig_jaar
    FROM kerncijfers_per_gemeente($jaar::INTEGER - 1, make_date($jaar::INTEGER - 1, 12, 31),
                                  $gemeenten, NULL)
),
samen AS (
    SELECT count(*)::INTEGER AS gemeenten,
           count(p.taakstelling)::INTEGER AS gemeenten_met_taakstelling,
           sum(p.taakstelling) AS taakstelling,
           sum(p.realisatie_ultimo)::INTEGER AS realisatie_ultimo,
           realisatie_met_taakstelling(p.realisatie_ultimo, p.taakstelling)::INTEGER
               AS realisatie_ultimo_met_taakstelling,
           sum(p.realisatie_gemiddeld) AS realisatie_gemiddeld,
           sum(p.fte_ultimo) AS fte_ultimo,
           percentage_taakstelling_samen(p.realisatie_ultimo, p.taakstelling)
               AS percentage_ultimo,
           nog_te_realiseren_samen(p.realisatie_ultimo, p.taakstelling) AS nog_te_realiseren,
           sum(p.begroting) AS begroting,
           sum(p.uitgaven) AS uitgaven,
           percentage_besteed(sum(p.uitgaven), sum(p.begroting)) AS percentage_besteed,
           sum(p.trajecten_gestart)::INTEGER AS trajecten_gestart,
           sum(v.realisatie_vorig_jaar)::INTEGER AS realisatie_vorig_jaar,
           sum(v.taakstelling_vorig_jaar) AS taakstelling_vorig_jaar,
           percentage_taakstelling_samen(v.realisatie_vorig_jaar, v.taakstelling_vorig_jaar)
               AS percentage_vorig_jaar,
           -- the status line starts at last year's realisatie of the same gemeenten
           -- that the percentage counts: those with a taakstelling this year
           realisatie_met_taakstelling(v.realisatie_vorig_jaar, p.taakstelling)::INTEGER
               AS realisatie_begin
    FROM per_gemeente AS p
    LEFT JOIN vorig_jaar AS v USING (gemeente)
),
final AS (
    SELECT *,
           status_verwacht(realisatie_begin, taakstelling, $peildatum) AS status_verwacht,
           status_label(realisatie_ultimo_met_taakstelling, realisatie_begin, taakstelling,
                        $peildatum) AS status
    FROM samen
)
SELECT * FROM final;
