-- Remove one named scenario.
DELETE FROM scenario WHERE naam = $naam;
