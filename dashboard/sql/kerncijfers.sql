-- The headline figures per gemeente (see kerncijfers_per_gemeente in macros.sql).
-- Parameters: $jaar, $peildatum (a day in $jaar), $gemeenten (GMnnnn codes; empty =
-- all), $versie (a begroting versie, or NULL = the last in the file).
SELECT *
FROM kerncijfers_per_gemeente($jaar, $peildatum, $gemeenten, $versie)
ORDER BY gemeente;
