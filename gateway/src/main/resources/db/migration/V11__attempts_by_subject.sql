-- Serves "the last attempts of one person" (the console's person page, the delivery subject view):
-- without it that read scans the whole attempt log (measured: 3.2 s with 1,000,000 attempts).
CREATE INDEX delivery_attempt_subject ON delivery_attempt (source_id, subject_type, subject_id, attempted_at);
