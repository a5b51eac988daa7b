-- Jobs: long work that shows progress, can be cancelled and retried, and survives a restart as a record.
CREATE TABLE jobs (
    id             VARCHAR(36)   PRIMARY KEY,
    type           VARCHAR(100)  NOT NULL,
    title          VARCHAR(500)  NOT NULL,
    payload        VARCHAR(100000),
    state          VARCHAR(20)   NOT NULL,
    progress       DOUBLE PRECISION NOT NULL DEFAULT 0,
    message        VARCHAR(2000),
    attempts       INT           NOT NULL DEFAULT 0,
    correlation_id VARCHAR(32)   NOT NULL,
    retry_of       VARCHAR(36),
    created_at     TIMESTAMP WITH TIME ZONE NOT NULL,
    updated_at     TIMESTAMP WITH TIME ZONE NOT NULL
);
CREATE INDEX jobs_by_update ON jobs (updated_at);
CREATE INDEX jobs_by_state ON jobs (state);

-- Artifacts: the catalogue; the bytes live in the artifact store, addressed by their SHA-256.
CREATE TABLE artifacts (
    id           VARCHAR(36)   PRIMARY KEY,
    name         VARCHAR(1000) NOT NULL,
    version      INT           NOT NULL,
    content_type VARCHAR(200)  NOT NULL,
    size_bytes   BIGINT        NOT NULL,
    sha256       CHAR(64)      NOT NULL,
    metadata     VARCHAR(100000) NOT NULL,
    created_at   TIMESTAMP WITH TIME ZONE NOT NULL,
    CONSTRAINT artifacts_name_version UNIQUE (name, version)
);
CREATE INDEX artifacts_by_checksum ON artifacts (sha256);
