-- Voorschakeltrajecten started in $jaar on or before $peildatum, per uitkomst, of the
-- chosen gemeenten together (counted as in kerncijfers), with the uitkomst's Dutch
-- label (as in trajecten_trechter.sql), and last a row 'totaal'.
-- Parameters: $jaar, $peildatum, $gemeenten.
WITH
labels AS (
    SELECT * FROM (VALUES
        ('lopend', 'Loopt nog'), ('beschut_werk', 'Beschut werk'),
        ('regulier_werk', 'Regulier werk'), ('ander_instrument', 'Ander instrument'),
        ('dagbesteding', 'Dagbesteding'), ('uitgevallen', 'Uitgevallen'),
        ('totaal', 'Totaal')
    ) AS l(uitkomst, label)
),
per_gemeente AS (
    SELECT trajecten_per_uitkomst
    FROM kerncijfers_per_gemeente($jaar, $peildatum, $gemeenten, NULL)
),
per_uitkomst AS (
    SELECT u.entry.key AS uitkomst, sum(u.entry.value)::INTEGER AS trajecten
    FROM per_gemeente, unnest(map_entries(trajecten_per_uitkomst)) AS u(entry)
    GROUP BY u.entry.key
),
geordend AS (
    SELECT c.waarde AS uitkomst, coalesce(p.trajecten, 0)::INTEGER AS trajecten, c.volgorde
    FROM categorie AS c
    LEFT JOIN per_uitkomst AS p ON p.uitkomst = c.waarde
    WHERE c.soort = 'uitkomst'
),
met_totaal AS (
    SELECT uitkomst, trajecten, volgorde FROM geordend
    UNION ALL
    SELECT 'totaal', sum(trajecten)::INTEGER, 1000 FROM geordend
),
final AS (
    SELECT m.uitkomst, l.label, m.trajecten, m.volgorde
    FROM met_totaal AS m
    JOIN labels AS l USING (uitkomst)
)
SELECT uitkomst, label, trajecten FROM final
ORDER BY volgorde;
