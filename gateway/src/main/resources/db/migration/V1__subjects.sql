-- The newest state of every subject the gateway has accepted, per source.
-- Intake writes a row only when the incoming seq is higher (highest-sequence-wins);
-- delivery reads it when it works on a (target, subject), so work always uses the newest state.
CREATE TABLE subject_state (
    source_id    VARCHAR(100)  NOT NULL,
    subject_type VARCHAR(10)   NOT NULL,
    subject_id   VARCHAR(100)  NOT NULL,
    seq          BIGINT        NOT NULL,
    deleted      BOOLEAN       NOT NULL,
    snapshot     TEXT          NOT NULL,
    -- searchable copies for the console's people search
    username     VARCHAR(255),
    email        VARCHAR(255),
    updated_at   TIMESTAMP WITH TIME ZONE NOT NULL,
    PRIMARY KEY (source_id, subject_type, subject_id)
);
CREATE INDEX subject_state_username ON subject_state (username);
CREATE INDEX subject_state_email ON subject_state (email);
