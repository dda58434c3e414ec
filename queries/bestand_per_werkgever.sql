-- The beschut werk stock on $peildatum per werkgever: distinct persons.
-- Parameters: $gemeenten, $peildatum.
WITH
actief AS (
    SELECT a.persoon_id, a.gemeente, coalesce(a.werkgever, '(onbekend)') AS werkgever
    FROM beschut_werk_actief_op($peildatum) AS a
    JOIN gekozen_gemeenten($gemeenten) USING (gemeente)
),
final AS (
    SELECT werkgever, count(DISTINCT (gemeente, persoon_id))::INTEGER AS personen
    FROM actief
    GROUP BY werkgever
)
SELECT * FROM final
ORDER BY personen DESC, werkgever;
