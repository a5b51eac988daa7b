-- The workshop's printers: how to reach each one. Its API key or access code is a secret (printer.<name>.key), not here.
CREATE TABLE printers (
    name       VARCHAR(64) PRIMARY KEY,
    kind       VARCHAR(16) NOT NULL,
    url        VARCHAR(1024) NOT NULL,
    serial     VARCHAR(64),
    added_at   TIMESTAMP WITH TIME ZONE NOT NULL
);
