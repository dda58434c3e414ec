-- Every user, by login.
SELECT login, naam, rol, gemeenten, alle_gemeenten, gewijzigd
FROM gebruiker
ORDER BY login;
