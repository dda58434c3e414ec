-- The beschut werk stock on $peildatum per werkgever: distinct persons. The largest
-- fifteen werkgevers by name, the others together as one row ('Overige werkgevers'),
-- so that a region or the whole country stays readable; `werkgevers` says how many
-- werkgevers a row holds.
-- Parameters: $gemeenten, $peildatum.
WITH
actief AS (
    SELECT a.gemeente, a.persoon_nr, coalesce(a.werkgever, '(onbekend)') AS werkgever
    FROM beschut_werk_actief_op($peildatum) AS a
    JOIN gekozen_gemeenten($gemeenten) USING (gemeente)
),
per_werkgever AS (
    SELECT werkgever, count(DISTINCT (gemeente, persoon_nr))::INTEGER AS personen
    FROM actief
    GROUP BY werkgever
),
gerangschikt AS (
    SELECT *, row_number() OVER (ORDER BY personen DESC, werkgever) AS rang
    FROM per_werkgever
),
final AS (
    SELECT werkgever, personen, 1 AS werkgevers, rang
    FROM gerangschikt
    WHERE rang <= 15
    UNION ALL
    SELECT 'Overige werkgevers', sum(personen)::INTEGER, count(*)::INTEGER, 16
    FROM gerangschikt
    WHERE rang > 15
    HAVING count(*) > 0
)
SELECT werkgever, personen, werkgevers FROM final
ORDER BY rang;
