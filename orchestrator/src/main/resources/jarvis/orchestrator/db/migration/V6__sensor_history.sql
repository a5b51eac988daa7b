-- Numeric sensor readings for the Home area's sparklines: at most one a minute per sensor, kept for a week.
CREATE TABLE sensor_history (
    entity_id  VARCHAR(255) NOT NULL,
    at         TIMESTAMP WITH TIME ZONE NOT NULL,
    reading    DOUBLE PRECISION NOT NULL
);
CREATE INDEX sensor_history_by_entity ON sensor_history (entity_id, at);
