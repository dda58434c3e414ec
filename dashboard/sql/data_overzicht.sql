-- What is loaded, per input table of the data contract: its rows, the gemeenten in
-- it and the years its rows cover. Every table is listed, also an empty one.
-- A row covers the years of its own dates: `jaar` (taakstelling, begroting), `maand`
-- (uitgaven), startdatum up to einddatum (plaatsingen, trajecten; a running one
-- covers its start year); the optional gemeenten file has no years.
WITH
tabellen AS (
    SELECT *
    FROM (VALUES
        (1, 'taakstelling', 'wettelijke taakstelling per gemeente en jaar'),
        (2, 'plaatsingen', 'plaatsingen: beschut werk en andere instrumenten'),
        (3, 'trajecten', 'voorschakeltrajecten en UWV-adviezen'),
        (4, 'begroting', 'begrote bedragen per jaar en post'),
        (5, 'uitgaven', 'gerealiseerde uitgaven per maand en post'),
        (6, 'gemeenten', 'naam, inwoners en arbeidsmarktregio per gemeente (optioneel)')
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
    UNION ALL
    SELECT 'gemeenten', gemeente, NULL, NULL
    FROM gemeente_gegevens
),
namen AS (  -- also for a gemeente that is only in the gemeenten file
    SELECT r.gemeente, coalesce(g.gemeentenaam, b.naam, r.naam, r.gemeente) AS gemeentenaam
    FROM gemeente_referentie AS r
    LEFT JOIN gemeenten AS g USING (gemeente)
    LEFT JOIN gemeente_gegevens AS b USING (gemeente)
),
per_tabel AS (
    SELECT r.tabel,
           count(*) AS rijen,
           count(DISTINCT r.gemeente) AS gemeenten,
           string_agg(DISTINCT n.gemeentenaam, ', ' ORDER BY n.gemeentenaam) AS gemeentenamen,
           min(r.van) AS eerste_jaar,
           max(r.tot) AS laatste_jaar
    FROM rijen AS r
    JOIN namen AS n USING (gemeente)
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
