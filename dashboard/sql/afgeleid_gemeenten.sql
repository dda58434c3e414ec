-- Recount gemeente_met_gegevens (schema.sql) from the data tables: every gemeente that
-- has data in any table, with the name from the gemeenten file where given, else the
-- taakstelling's, else CBS's (the gemeenten file alone does not make a gemeente one
-- with data). Run inside every write, for the gemeenten in the temporary table
-- herteld (afgeleid_kiezen.sql): their rows are deleted and counted afresh.
DELETE FROM gemeente_met_gegevens WHERE gemeente IN (SELECT gemeente FROM herteld);
INSERT INTO gemeente_met_gegevens
WITH codes AS (
    SELECT DISTINCT gemeente FROM taakstelling
    UNION SELECT DISTINCT gemeente FROM plaatsingen
    UNION SELECT DISTINCT gemeente FROM trajecten
    UNION SELECT DISTINCT gemeente FROM begroting
    UNION SELECT DISTINCT gemeente FROM uitgaven
),
gekozen AS (
    SELECT gemeente FROM codes WHERE gemeente IN (SELECT gemeente FROM herteld)
),
namen_uit_taakstelling AS (
    SELECT gemeente, arg_max(gemeentenaam, jaar) AS naam
    FROM taakstelling
    WHERE gemeentenaam IS NOT NULL
    GROUP BY gemeente
),
final AS (
    SELECT codes.gemeente, coalesce(b.naam, t.naam, r.naam, codes.gemeente) AS gemeentenaam
    FROM gekozen AS codes
    LEFT JOIN gemeente_gegevens AS b USING (gemeente)
    LEFT JOIN namen_uit_taakstelling AS t USING (gemeente)
    LEFT JOIN gemeente_referentie AS r USING (gemeente)
)
SELECT gemeente, gemeentenaam FROM final
ORDER BY gemeente;
