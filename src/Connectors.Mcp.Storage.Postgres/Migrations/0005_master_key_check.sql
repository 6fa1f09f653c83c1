-- One ciphertext of a known text, made with the master key of the first process that used this database
-- (PostgresDatabase.CheckMasterKeyAsync). Every later process decrypts it at start: one whose master key differs is
-- refused before it stores anything the others could not read, or misreads what they stored as needing reconnection.
CREATE TABLE master_key_check (
    id integer PRIMARY KEY CHECK (id = 1),
    canary bytea NOT NULL,
    created_at timestamptz NOT NULL
);
