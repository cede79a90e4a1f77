-- Access control: organization settings, member roles (memberships.role already holds 'member' or
-- 'admin'), teams and grants. A grant gives a user or a team a permission on one environment or,
-- with environment '*', on every environment of a project. Subjects of two kinds cannot share a
-- foreign key, so whoever deletes a team or a membership deletes its grants in the same transaction.

ALTER TABLE organizations ADD COLUMN default_permission TEXT NOT NULL DEFAULT 'write';
ALTER TABLE organizations ADD COLUMN members_can_create_environments INTEGER NOT NULL DEFAULT 1;

-- Organization tokens act as an organization administrator only when created so.
ALTER TABLE access_tokens ADD COLUMN admin INTEGER NOT NULL DEFAULT 0;

CREATE TABLE teams (
    id TEXT PRIMARY KEY,
    organization_id TEXT NOT NULL REFERENCES organizations (id) ON DELETE CASCADE,
    name TEXT NOT NULL,
    description TEXT NOT NULL,
    created INTEGER NOT NULL,
    UNIQUE (organization_id, name)
) STRICT;

CREATE TABLE team_members (
    team_id TEXT NOT NULL REFERENCES teams (id) ON DELETE CASCADE,
    user_id TEXT NOT NULL REFERENCES users (id) ON DELETE CASCADE,
    PRIMARY KEY (team_id, user_id)
) STRICT;

CREATE INDEX team_members_user ON team_members (user_id);

CREATE TABLE grants (
    organization_id TEXT NOT NULL REFERENCES organizations (id) ON DELETE CASCADE,
    subject_kind TEXT NOT NULL,
    subject_id TEXT NOT NULL,
    project TEXT NOT NULL,
    environment TEXT NOT NULL,
    permission TEXT NOT NULL,
    PRIMARY KEY (organization_id, project, environment, subject_kind, subject_id)
) STRICT;

CREATE INDEX grants_subject ON grants (subject_kind, subject_id);
