-- Remove the user with login $login (lower case).
DELETE FROM gebruiker WHERE login = lower($login);
