-- The share of beschut werk among everyone placed, per year from $van_jaar to the year
-- of $peildatum, on the count day of instrumenten_per_jaar.sql (31 December, the last
-- year $peildatum): persons with an active beschut werk placement, persons with an
-- active placement of another instrument, persons with any active placement (a person
-- in two instruments counts once here), and 100 x the first / the last. Over several
-- gemeenten: sums of the gemeenten's counts.
-- Parameters: $gemeenten, $van_jaar, $peildatum.
WITH
teldagen AS (
    SELECT jaar::INTEGER AS jaar,
           least(make_date(jaar::INTEGER, 12, 31), $peildatum::DATE) AS peildatum
    FROM range($van_jaar::INTEGER, year($peildatum::DATE) + 1) AS t(jaar)
),
actief AS (
    SELECT d.jaar, p.gemeente, p.persoon_id,
           bool_or(p.instrument = 'beschut_werk') AS beschut_werk,
           bool_or(p.instrument <> 'beschut_werk') AS ander_instrument
    FROM teldagen AS d
    JOIN plaatsingen AS p
      ON p.startdatum <= d.peildatum AND (p.einddatum IS NULL OR d.peildatum <= p.einddatum)
    JOIN gekozen_gemeenten($gemeenten) USING (gemeente)
    GROUP BY d.jaar, p.gemeente, p.persoon_id
),
geteld AS (
    SELECT jaar,
           count(*) FILTER (WHERE beschut_werk) AS personen_beschut_werk,
           count(*) FILTER (WHERE ander_instrument) AS personen_ander_instrument,
           count(*) AS personen_alle_instrumenten
    FROM actief
    GROUP BY jaar
),
final AS (
    SELECT d.jaar, d.peildatum,
           coalesce(g.personen_beschut_werk, 0)::INTEGER AS personen_beschut_werk,
           coalesce(g.personen_ander_instrument, 0)::INTEGER AS personen_ander_instrument,
           coalesce(g.personen_alle_instrumenten, 0)::INTEGER AS personen_alle_instrumenten,
           CASE WHEN g.personen_alle_instrumenten > 0
                THEN 100 * g.personen_beschut_werk / g.personen_alle_instrumenten END
               AS aandeel_beschut_werk
    FROM teldagen AS d
    LEFT JOIN geteld AS g USING (jaar)
)
SELECT * FROM final
ORDER BY jaar;
