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
