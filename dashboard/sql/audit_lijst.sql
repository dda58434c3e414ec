-- The audit trail, newest first, at most $aantal rows.
SELECT nr, tijdstip, wie, rol, actie, gemeenten, details
FROM audit
ORDER BY nr DESC
LIMIT $aantal;
