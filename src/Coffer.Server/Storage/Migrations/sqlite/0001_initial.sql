-- The initial schema. Times are unix milliseconds; booleans are 0/1. Text compares byte-wise
-- (BINARY), so names are case-sensitive and sort the same way as in PostgreSQL (COLLATE "C").

CREATE TABLE organizations (
    id TEXT PRIMARY KEY,
    name TEXT NOT NULL UNIQUE,
    created INTEGER NOT NULL
) STRICT;

CREATE TABLE users (
    id TEXT PRIMARY KEY,
    login TEXT NOT NULL UNIQUE,
    name TEXT NOT NULL,
    email TEXT,
    created INTEGER NOT NULL
) STRICT;

CREATE TABLE memberships (
    organization_id TEXT NOT NULL REFERENCES organizations (id) ON DELETE CASCADE,
    user_id TEXT NOT NULL REFERENCES users (id) ON DELETE CASCADE,
    role TEXT NOT NULL,
    PRIMARY KEY (organization_id, user_id)
) STRICT;

CREATE INDEX memberships_user ON memberships (user_id);

CREATE TABLE access_tokens (
    id TEXT PRIMARY KEY,
    value_hash BLOB NOT NULL UNIQUE,
    kind TEXT NOT NULL,
    user_id TEXT REFERENCES users (id) ON DELETE CASCADE,
    organization_id TEXT REFERENCES organizations (id) ON DELETE CASCADE,
    team_id TEXT,
    name TEXT NOT NULL,
    description TEXT NOT NULL,
    created INTEGER NOT NULL,
    last_used INTEGER,
    expires INTEGER,
    revoked INTEGER,
    created_by TEXT NOT NULL
) STRICT;

CREATE INDEX access_tokens_user ON access_tokens (user_id);
CREATE INDEX access_tokens_organization ON access_tokens (organization_id);

CREATE TABLE environments (
    id TEXT PRIMARY KEY,
    organization_id TEXT NOT NULL REFERENCES organizations (id),
    project TEXT NOT NULL,
    name TEXT NOT NULL,
    created INTEGER NOT NULL,
    modified INTEGER NOT NULL,
    latest_revision INTEGER NOT NULL,
    deletion_protected INTEGER NOT NULL DEFAULT 0,
    wrapped_data_key BLOB NOT NULL,
    key_version INTEGER NOT NULL,
    UNIQUE (organization_id, project, name)
) STRICT;

CREATE TABLE revisions (
    environment_id TEXT NOT NULL REFERENCES environments (id) ON DELETE CASCADE,
    number INTEGER NOT NULL,
    definition TEXT NOT NULL,
    created INTEGER NOT NULL,
    creator_login TEXT NOT NULL,
    creator_name TEXT NOT NULL,
    retracted_replacement INTEGER,
    retracted_at INTEGER,
    retracted_by_login TEXT,
    retracted_by_name TEXT,
    retracted_reason TEXT,
    PRIMARY KEY (environment_id, number)
) STRICT;

CREATE TABLE revision_tags (
    environment_id TEXT NOT NULL REFERENCES environments (id) ON DELETE CASCADE,
    name TEXT NOT NULL,
    revision INTEGER NOT NULL,
    created INTEGER NOT NULL,
    modified INTEGER NOT NULL,
    editor_login TEXT NOT NULL,
    editor_name TEXT NOT NULL,
    PRIMARY KEY (environment_id, name),
    FOREIGN KEY (environment_id, revision) REFERENCES revisions (environment_id, number) ON DELETE CASCADE
) STRICT;

CREATE INDEX revision_tags_revision ON revision_tags (environment_id, revision);

CREATE TABLE environment_tags (
    environment_id TEXT NOT NULL REFERENCES environments (id) ON DELETE CASCADE,
    name TEXT NOT NULL,
    value TEXT NOT NULL,
    created INTEGER NOT NULL,
    modified INTEGER NOT NULL,
    editor_login TEXT NOT NULL,
    editor_name TEXT NOT NULL,
    PRIMARY KEY (environment_id, name)
) STRICT;

-- The environments a revision's definition depends on, as the caller wrote them, for referrer queries.
CREATE TABLE environment_references (
    environment_id TEXT NOT NULL,
    revision INTEGER NOT NULL,
    referenced_name TEXT NOT NULL,
    PRIMARY KEY (environment_id, revision, referenced_name),
    FOREIGN KEY (environment_id, revision) REFERENCES revisions (environment_id, number) ON DELETE CASCADE
) STRICT;

CREATE INDEX environment_references_name ON environment_references (referenced_name);

-- Sessions belong to an environment or to another owner key chosen by the caller, so there is no
-- foreign key; deleting an environment deletes its sessions explicitly.
CREATE TABLE open_sessions (
    id TEXT PRIMARY KEY,
    environment_id TEXT NOT NULL,
    revision INTEGER NOT NULL,
    payload BLOB NOT NULL,
    created INTEGER NOT NULL,
    expires INTEGER NOT NULL
) STRICT;

CREATE INDEX open_sessions_expires ON open_sessions (expires);
CREATE INDEX open_sessions_environment ON open_sessions (environment_id);
