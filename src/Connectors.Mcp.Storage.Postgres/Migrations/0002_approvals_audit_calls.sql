-- Placeholder: filled in by the helper that owns these tables.
SELECT 1;
