-- Studio sources: imported audio, resampled once to 48 kHz, kept as artifacts (the sound and its waveform's peaks).
CREATE TABLE studio_sources (
    id              VARCHAR(36)   PRIMARY KEY,
    name            VARCHAR(255)  NOT NULL,
    frames          BIGINT        NOT NULL,
    channels        INT           NOT NULL,
    format          VARCHAR(255)  NOT NULL,
    file_rate       INT           NOT NULL,
    audio_artifact  VARCHAR(64)   NOT NULL,
    peaks_artifact  VARCHAR(64)   NOT NULL,
    added_at        TIMESTAMP WITH TIME ZONE NOT NULL
);

-- Studio projects: each one's tracks, clips, timing and loop as one JSON document, rewritten on every save. The
-- revision counts saves up, so that a save from an older copy is refused (the app and the command line share this
-- table); name_key is the name as compared, lower-cased by Jarvis (not by the database, whose LOWER follows its locale).
CREATE TABLE studio_projects (
    id          VARCHAR(36)      PRIMARY KEY,
    name        VARCHAR(200)     NOT NULL,
    name_key    VARCHAR(200)     NOT NULL,
    document    VARCHAR(1000000) NOT NULL,
    revision    BIGINT           NOT NULL,
    created_at  TIMESTAMP WITH TIME ZONE NOT NULL,
    updated_at  TIMESTAMP WITH TIME ZONE NOT NULL
);
CREATE UNIQUE INDEX studio_projects_by_name_key ON studio_projects (name_key);
