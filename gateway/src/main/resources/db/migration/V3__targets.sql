-- Registered downstream apps. One row per target, whichever source of truth defined it.
-- spec holds the normalized specification as JSON with every secret removed; secrets holds a JSON
-- object of field name -> AES-GCM sealed value (see secrets/SecretBox), so a database dump alone
-- never reveals a credential.
CREATE TABLE target (
    id          VARCHAR(63)  NOT NULL PRIMARY KEY,
    -- 'file' (read-only through the API, replaced on every file load) or 'api'
    origin      VARCHAR(10)  NOT NULL,
    spec        TEXT         NOT NULL,
    secrets     TEXT         NOT NULL,
    -- from target_revision_seq: unique across all targets and never reused, so a (id, revision)
    -- pair cached by delivery can never mean two different configurations
    revision    BIGINT       NOT NULL,
    created_at  TIMESTAMP WITH TIME ZONE NOT NULL,
    updated_at  TIMESTAMP WITH TIME ZONE NOT NULL
);

CREATE SEQUENCE target_revision_seq START WITH 1 INCREMENT BY 1;

-- One row, locked (SELECT ... FOR UPDATE) by whoever applies the targets file, so replicas starting
-- together apply it one after the other instead of racing on the same primary keys.
CREATE TABLE target_file_lock (
    id INTEGER NOT NULL PRIMARY KEY
);
INSERT INTO target_file_lock (id) VALUES (1);
