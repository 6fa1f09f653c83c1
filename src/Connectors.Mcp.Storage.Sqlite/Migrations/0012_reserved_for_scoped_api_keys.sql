-- Placeholder: version 12 belongs to the scoped API keys of issue 12 (built on another branch). Migrations are numbered
-- without gaps, so this branch holds the number with a no-op; when the two branches meet, this file is deleted and the
-- real 0012 takes its place (two files numbered 0012 fail SqliteMigrations' check loudly).
SELECT 1;
