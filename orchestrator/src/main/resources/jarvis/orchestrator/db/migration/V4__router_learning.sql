-- What the router learns from: the features of each scored local answer, the person's verdicts, and the rule
-- fitted per local model. Token counts a server did not send are estimated, and marked so.
ALTER TABLE routes ADD COLUMN scored_model VARCHAR(200);
ALTER TABLE routes ADD COLUMN score_features VARCHAR(4000);
ALTER TABLE routes ADD COLUMN usage_estimated BOOLEAN DEFAULT FALSE NOT NULL;
CREATE INDEX routes_by_scored_model ON routes (scored_model);

-- One verdict per route: the newest wins. source: thumbs, ask-cloud, regenerate.
CREATE TABLE route_labels (
    route_id    VARCHAR(36)  PRIMARY KEY,
    satisfied   BOOLEAN      NOT NULL,
    source      VARCHAR(20)  NOT NULL,
    created_at  TIMESTAMP WITH TIME ZONE NOT NULL
);

CREATE TABLE router_calibrations (
    model       VARCHAR(200) PRIMARY KEY,
    weights     VARCHAR(2000) NOT NULL,
    labels      INT          NOT NULL,
    fitted_at   TIMESTAMP WITH TIME ZONE NOT NULL
);
