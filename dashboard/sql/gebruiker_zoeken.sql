-- The user with login $login (an e-mail address or the identity provider's sub,
-- compared in lower case), or no row.
SELECT login, naam, rol, gemeenten, alle_gemeenten
FROM gebruiker
WHERE login = lower($login);
