-- The audit log: one hash chain per organization. Each event's hash covers its canonical content
-- and the previous event's hash; audit_chains holds the newest (sequence, hash) of each chain, and
-- an appending transaction locks that row, so replicas sharing a database append in turn and the
-- chain stays linear. No foreign key to organizations: the log outlives what it describes.

CREATE TABLE audit_chains (
    organization_id TEXT PRIMARY KEY,
    sequence INTEGER NOT NULL,
    hash TEXT NOT NULL
) STRICT;

CREATE TABLE audit_events (
    organization_id TEXT NOT NULL,
    sequence INTEGER NOT NULL,
    time INTEGER NOT NULL,
    actor TEXT NOT NULL,
    token_id TEXT NOT NULL,
    client_address TEXT NOT NULL,
    user_agent TEXT NOT NULL,
    action TEXT NOT NULL,
    project TEXT NOT NULL,
    environment TEXT NOT NULL,
    revision INTEGER,
    outcome TEXT NOT NULL,
    details TEXT NOT NULL,
    previous_hash TEXT NOT NULL,
    hash TEXT NOT NULL,
    PRIMARY KEY (organization_id, sequence)
) STRICT;

CREATE INDEX audit_events_time ON audit_events (organization_id, time);
