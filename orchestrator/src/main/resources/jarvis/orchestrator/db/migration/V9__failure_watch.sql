-- Which camera watches each printer (a camera's name); none means the printer's own (a Bambu's) or none at all.
ALTER TABLE printers ADD COLUMN camera VARCHAR(64);

-- Cameras other than a plain snapshot or MJPEG address: what serves them and, for Frigate, UniFi Protect, Home
-- Assistant or a Bambu printer, which of its cameras this is (a camera name, an id, an entity, a serial).
ALTER TABLE cameras ADD COLUMN kind VARCHAR(16) DEFAULT 'HTTP' NOT NULL;
ALTER TABLE cameras ADD COLUMN source VARCHAR(255);
-- How often the Cameras area reads each camera while it is open.
ALTER TABLE cameras ADD COLUMN refresh_millis INT DEFAULT 2000 NOT NULL;

-- Each look the failure watch took at a running print: the vision model's verdict, the frame it saw (an artifact),
-- whether the print was paused for it, and a person's mark on it (right or wrong) once reviewed.
CREATE TABLE watch_verdicts (
    id          BIGINT AUTO_INCREMENT PRIMARY KEY,
    printer     VARCHAR(64) NOT NULL,
    job         VARCHAR(1024),
    seen_at     TIMESTAMP WITH TIME ZONE NOT NULL,
    verdict     VARCHAR(16) NOT NULL,
    confidence  DOUBLE PRECISION NOT NULL,
    reason      VARCHAR(2000) NOT NULL,
    model       VARCHAR(255) NOT NULL,
    frame       VARCHAR(128),
    paused      BOOLEAN NOT NULL,
    mark        VARCHAR(8)
);
CREATE INDEX watch_verdicts_printer ON watch_verdicts (printer, seen_at);
