-- What is loaded, per input table of the data contract: its rows, the gemeenten in
-- it and the years its rows cover. Every table is listed, also an empty one.
-- A row covers the years of its own dates: `jaar` (taakstelling, begroting), `maand`
-- (uitgaven), startdatum up to einddatum (plaatsingen, trajecten; a running one
-- covers its start year).
WITH
tabellen AS (
    SELECT *
    FROM (VALUES
        (1, 'taakstelling', 'wettelijke taakstelling per gemeente en jaar'),
        (2, 'plaatsingen', 'plaatsingen: beschut werk en andere instrumenten'),
        (3, 'trajecten', 'voorschakeltrajecten en UWV-adviezen'),
        (4, 'begroting', 'begrote bedragen per jaar en post'),
        (5, 'uitgaven', 'gerealiseerde uitgaven per maand en post')
    ) AS t(volgorde, tabel, inhoud)
),
rijen AS (
    SELECT 'taakstelling' AS tabel, gemeente, jaar AS van, jaar AS tot
    FROM taakstelling
    UNION ALL
    SELECT 'plaatsingen', gemeente, year(startdatum), year(coalesce(einddatum, startdatum))
    FROM plaatsingen
    UNION ALL
    SELECT 'trajecten', gemeente, year(startdatum), year(coalesce(einddatum, startdatum))
    FROM trajecten
    UNION ALL
    SELECT 'begroting', gemeente, jaar, jaar
    FROM begroting
    UNION ALL
    SELECT 'uitgaven', gemeente, year(maand), year(maand)
    FROM uitgaven
),
per_tabel AS (
    SELECT r.tabel,
           count(*) AS rijen,
           count(DISTINCT r.gemeente) AS gemeenten,
           string_agg(DISTINCT g.gemeentenaam, ', ' ORDER BY g.gemeentenaam) AS gemeentenamen,
           min(r.van) AS eerste_jaar,
           max(r.tot) AS laatste_jaar
    FROM rijen AS r
    JOIN gemeenten AS g USING (gemeente)
    GROUP BY r.tabel
),
final AS (
    SELECT t.tabel,
           t.inhoud,
           coalesce(p.rijen, 0)::BIGINT AS rijen,
           coalesce(p.gemeenten, 0)::BIGINT AS gemeenten,
           p.gemeentenamen,
           p.eerste_jaar::INTEGER AS eerste_jaar,
           p.laatste_jaar::INTEGER AS laatste_jaar,
           t.volgorde
    FROM tabellen AS t
    LEFT JOIN per_tabel AS p USING (tabel)
)
SELECT tabel, inhoud, rijen, gemeenten, gemeentenamen, eerste_jaar, laatste_jaar
FROM final
ORDER BY volgorde;
