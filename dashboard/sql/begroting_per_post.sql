-- Begroting against uitgaven per post for $jaar (uitgaven up to the peildatum's month).
-- Parameters: $gemeenten, $jaar, $peildatum, $versie.
WITH
gekozen AS (
    SELECT gemeente FROM gekozen_gemeenten($gemeenten)
),
posten AS (
    SELECT waarde AS post, volgorde FROM categorie WHERE soort = 'post'
),
begroot AS (
    SELECT b.post, sum(b.bedrag) AS begroting
    FROM begroting_geldend($versie) AS b
    JOIN gekozen USING (gemeente)
    WHERE b.jaar = $jaar
    GROUP BY b.post
),
uitgegeven AS (
    SELECT u.post, sum(u.bedrag) AS uitgaven
    FROM uitgaven AS u
    JOIN gekozen USING (gemeente)
    WHERE uitgaven_in_venster(u.maand, $jaar, $peildatum)
    GROUP BY u.post
),
final AS (
    SELECT p.post,
           round(coalesce(b.begroting, 0), 2) AS begroting,
           round(coalesce(u.uitgaven, 0), 2) AS uitgaven,
           percentage_besteed(u.uitgaven, b.begroting) AS percentage_besteed,
           p.volgorde
    FROM posten AS p
    LEFT JOIN begroot AS b USING (post)
    LEFT JOIN uitgegeven AS u USING (post)
)
SELECT post, begroting, uitgaven, percentage_besteed FROM final
ORDER BY volgorde;
