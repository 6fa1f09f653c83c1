-- The workspace and connector rate limits' token buckets, shared by every instance on this database
-- (PostgresRateLimitBuckets). One row per bucket key (kind:owner:limit); a row untouched for a minute is a full bucket,
-- the same as no row, so old rows may be deleted at any time.
CREATE TABLE rate_limit_buckets (
    bucket text PRIMARY KEY,
    tokens double precision NOT NULL CHECK (tokens >= 0),
    refilled_at timestamptz NOT NULL,
    taken boolean NOT NULL
);
