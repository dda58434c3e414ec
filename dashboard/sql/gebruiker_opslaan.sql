-- Add a user (the caller removed any earlier row of the login in the same transaction).
INSERT INTO gebruiker (login, naam, rol, gemeenten, alle_gemeenten, gewijzigd)
VALUES (lower($login), $naam, $rol, $gemeenten::VARCHAR[], $alle_gemeenten, now()::TIMESTAMP);
