-- The gemeenten whose derived tables a write recounts (afgeleid_gemeenten.sql,
-- afgeleid_plaatsingen.sql), as a temporary table for their statements: the codes in
-- $gemeenten (a list: the gemeenten whose data the write changed), or every gemeente
-- in a data or derived table when $gemeenten is NULL (a full recount).
CREATE OR REPLACE TEMP TABLE herteld AS
WITH
alle AS (
    SELECT gemeente FROM taakstelling
    UNION SELECT gemeente FROM plaatsingen
    UNION SELECT gemeente FROM trajecten
    UNION SELECT gemeente FROM begroting
    UNION SELECT gemeente FROM uitgaven
    UNION SELECT gemeente FROM gemeente_met_gegevens
    UNION SELECT gemeente FROM beschut_plaatsing
    UNION SELECT gemeente FROM realisatie_maandeinde
),
final AS (
    SELECT gemeente FROM alle WHERE $gemeenten::VARCHAR[] IS NULL
    UNION
    SELECT unnest($gemeenten::VARCHAR[]) AS gemeente
)
SELECT DISTINCT gemeente FROM final;
