-- Append one row to the audit trail; $gemeenten NULL means every gemeente.
INSERT INTO audit (tijdstip, wie, rol, actie, gemeenten, details)
VALUES (now()::TIMESTAMP, $wie, $rol, $actie, $gemeenten::VARCHAR[], $details);
