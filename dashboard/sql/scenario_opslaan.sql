-- Save (or overwrite) one named scenario.
INSERT OR REPLACE INTO scenario (naam, instellingen, opgeslagen)
VALUES ($naam, $instellingen, $opgeslagen);
