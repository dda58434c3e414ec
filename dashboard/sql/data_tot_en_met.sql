-- The last day the loaded data covers: the latest day on which something recorded
-- happened (a placement or traject started, a traject ended or asked for advies, the
-- end of the last month with uitgaven). A planned einddatum of a running placement
-- is no observation, so it does not count. NULL when nothing is loaded.
WITH
gebeurtenissen AS (
    SELECT max(startdatum) AS dag FROM plaatsingen
    UNION ALL SELECT max(startdatum) FROM trajecten
    UNION ALL SELECT max(einddatum) FROM trajecten
    UNION ALL SELECT max(advies_aangevraagd) FROM trajecten
    UNION ALL SELECT last_day(max(maand)) FROM uitgaven
),
final AS (
    SELECT max(dag)::DATE AS data_tot_en_met FROM gebeurtenissen
)
SELECT * FROM final;
