-- The first year with a taakstelling or a placement: where the year axis starts.
WITH
jaren AS (
    SELECT min(jaar) AS jaar FROM taakstelling
    UNION ALL SELECT min(year(startdatum)) FROM plaatsingen
),
final AS (
    SELECT min(jaar)::INTEGER AS eerste_jaar FROM jaren
)
SELECT * FROM final;
