-- The workshop's cameras: how to reach each one. A login's password is a secret (camera.<name>-<hash>.password), not here.
CREATE TABLE cameras (
    name       VARCHAR(64) PRIMARY KEY,
    url        VARCHAR(1024) NOT NULL,
    username   VARCHAR(255),
    added_at   TIMESTAMP WITH TIME ZONE NOT NULL
);
