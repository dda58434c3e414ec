-- Data quality warnings: what the loaded rows show that the figures depend on.
-- One row per soort and gemeente, with a Dutch sentence and a count of the rows,
-- years or trajecten concerned (a sentence about years names them in place of
-- `{jaren}`); never a persoon_id, plaatsing_id or traject_id.
-- Parameter: $data_tot_en_met, the last day the data covers (query data_tot_en_met;
-- NULL when nothing dated is loaded). Its year is the running year of the data; a
-- begroting for a later year is a plan, not a gap.
WITH
data_jaar AS (
    SELECT year($data_tot_en_met::DATE) AS jaar
),
soorten AS (
    SELECT *
    FROM (VALUES
        (1, 'kosten_ontbreken',
            'Plaatsingen beschut werk zonder kosten_per_maand: de verwachte verplichting '
            || 'voor de rest van het jaar valt daardoor te laag uit.'),
        (2, 'taakstelling_ontbreekt',
            'Geen taakstelling geladen voor {jaren} (jaren met beschut werk of het lopende '
            || 'jaar): de realisatie kan niet tegen de taakstelling worden afgezet.'),
        (3, 'begroting_zonder_uitgaven',
            'Wel een begroting maar geen uitgaven in {jaren}: is het bestand uitgaven '
            || 'compleet?'),
        (4, 'uitgaven_zonder_begroting',
            'Wel uitgaven maar geen begroting in {jaren}: is het bestand begroting '
            || 'compleet?'),
        (5, 'beschut_werk_zonder_positief_advies',
            'Trajecten met uitkomst beschut werk zonder positief UWV-advies; beschut '
            || 'werk vraagt een positief advies.'),
        (6, 'advies_uitkomst_zonder_aanvraag',
            'Trajecten met een advies_uitkomst maar zonder datum advies_aangevraagd.'),
        (7, 'advies_voor_start',
            'Trajecten waarvan het advies is aangevraagd vóór de startdatum van het traject.')
    ) AS t(volgorde, soort, melding)
),
beschut_werk_jaren AS (
    -- every year a beschut werk placement runs in, up to the running year
    SELECT DISTINCT gemeente,
           unnest(generate_series(
               year(startdatum),
               least(year(coalesce(einddatum, $data_tot_en_met::DATE, startdatum)),
                     coalesce((SELECT jaar FROM data_jaar), 9999))
           )) AS jaar
    FROM plaatsingen
    WHERE instrument = 'beschut_werk'
),
taakstelling_nodig AS (
    SELECT gemeente, jaar FROM beschut_werk_jaren
    UNION
    SELECT g.gemeente, d.jaar
    FROM gemeenten AS g
    CROSS JOIN data_jaar AS d
    WHERE d.jaar IS NOT NULL
),
begroting_jaren AS (
    SELECT DISTINCT gemeente, jaar
    FROM begroting
    WHERE jaar <= coalesce((SELECT jaar FROM data_jaar), 9999)
),
uitgaven_jaren AS (
    SELECT DISTINCT gemeente, year(maand) AS jaar
    FROM uitgaven
),
ontbrekende_jaren AS (
    SELECT 'taakstelling_ontbreekt' AS soort, n.gemeente, n.jaar
    FROM taakstelling_nodig AS n
    ANTI JOIN taakstelling AS t USING (gemeente, jaar)
    UNION ALL
    SELECT 'begroting_zonder_uitgaven', b.gemeente, b.jaar
    FROM begroting_jaren AS b
    ANTI JOIN uitgaven_jaren AS u USING (gemeente, jaar)
    UNION ALL
    SELECT 'uitgaven_zonder_begroting', u.gemeente, u.jaar
    FROM uitgaven_jaren AS u
    ANTI JOIN (SELECT DISTINCT gemeente, jaar FROM begroting) AS b USING (gemeente, jaar)
),
per_jaar AS (
    SELECT soort, gemeente,
           string_agg(jaar::VARCHAR, ', ' ORDER BY jaar) AS jaren,
           count(*) AS aantal
    FROM ontbrekende_jaren
    GROUP BY soort, gemeente
),
per_rij AS (
    SELECT 'kosten_ontbreken' AS soort, gemeente, count(*) AS aantal
    FROM plaatsingen
    WHERE instrument = 'beschut_werk' AND kosten_per_maand IS NULL
    GROUP BY gemeente
    UNION ALL
    SELECT 'beschut_werk_zonder_positief_advies', gemeente, count(*)
    FROM trajecten
    WHERE uitkomst = 'beschut_werk' AND advies_uitkomst IS DISTINCT FROM 'positief'
    GROUP BY gemeente
    UNION ALL
    SELECT 'advies_uitkomst_zonder_aanvraag', gemeente, count(*)
    FROM trajecten
    WHERE advies_uitkomst IS NOT NULL AND advies_aangevraagd IS NULL
    GROUP BY gemeente
    UNION ALL
    SELECT 'advies_voor_start', gemeente, count(*)
    FROM trajecten
    WHERE advies_aangevraagd < startdatum
    GROUP BY gemeente
),
gevonden AS (
    SELECT soort, gemeente, aantal, NULL AS jaren FROM per_rij
    UNION ALL
    SELECT soort, gemeente, aantal, jaren FROM per_jaar
),
final AS (
    SELECT s.soort,
           f.gemeente,
           g.gemeentenaam,
           replace(s.melding, '{jaren}', coalesce(f.jaren, '')) AS melding,
           f.aantal::BIGINT AS aantal,
           s.volgorde
    FROM gevonden AS f
    JOIN soorten AS s USING (soort)
    JOIN gemeenten AS g USING (gemeente)
)
SELECT soort, gemeente, gemeentenaam, melding, aantal
FROM final
ORDER BY volgorde, gemeentenaam, gemeente;
