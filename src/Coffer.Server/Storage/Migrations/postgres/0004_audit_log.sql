-- The audit log: one hash chain per organization. Each event's hash covers its canonical content
-- and the previous event's hash; audit_chains holds the newest (sequence, hash) of each chain, and
-- an appending transaction locks that row, so replicas sharing a database append in turn and the
-- chain stays linear. No foreign key to organizations: the log outlives what it describes.

CREATE TABLE audit_chains (
    organization_id text PRIMARY KEY,
    sequence bigint NOT NULL,
    hash text NOT NULL
);

CREATE TABLE audit_events (
    organization_id text NOT NULL,
    sequence bigint NOT NULL,
    time bigint NOT NULL,
    actor text COLLATE "C" NOT NULL,
    token_id text NOT NULL,
    client_address text NOT NULL,
    user_agent text NOT NULL,
    action text COLLATE "C" NOT NULL,
    project text COLLATE "C" NOT NULL,
    environment text COLLATE "C" NOT NULL,
    revision integer,
    outcome text NOT NULL,
    details text NOT NULL,
    previous_hash text NOT NULL,
    hash text NOT NULL,
    PRIMARY KEY (organization_id, sequence)
);

CREATE INDEX audit_events_time ON audit_events (organization_id, time);
