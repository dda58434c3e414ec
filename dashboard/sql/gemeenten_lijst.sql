-- Every gemeente with data, with its name, sorted by code.
SELECT gemeente, gemeentenaam FROM gemeenten ORDER BY gemeente;
