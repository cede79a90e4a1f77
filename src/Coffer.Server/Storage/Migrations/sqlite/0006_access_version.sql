-- A counter per organization that moves forward, in the same transaction, with every change to
-- who may do what there: member roles, teams and their members, grants, and the default
-- permission and create right. Replicas keep the permission decisions they made and re-check
-- each against this counter, read with the environment lookup every request does anyway, so a
-- change of access applies to the very next request on every replica without a query of its own.
-- Triggers keep it rather than application code, so that no write path can forget it.

ALTER TABLE organizations ADD COLUMN access_version INTEGER NOT NULL DEFAULT 0;

CREATE TRIGGER organizations_access_changed AFTER UPDATE OF default_permission, members_can_create_environments ON organizations
BEGIN
    UPDATE organizations SET access_version = access_version + 1 WHERE id = NEW.id;
END;

CREATE TRIGGER memberships_inserted AFTER INSERT ON memberships
BEGIN
    UPDATE organizations SET access_version = access_version + 1 WHERE id = NEW.organization_id;
END;

CREATE TRIGGER memberships_updated AFTER UPDATE ON memberships
BEGIN
    UPDATE organizations SET access_version = access_version + 1 WHERE id IN (OLD.organization_id, NEW.organization_id);
END;

CREATE TRIGGER memberships_deleted AFTER DELETE ON memberships
BEGIN
    UPDATE organizations SET access_version = access_version + 1 WHERE id = OLD.organization_id;
END;

CREATE TRIGGER teams_inserted AFTER INSERT ON teams
BEGIN
    UPDATE organizations SET access_version = access_version + 1 WHERE id = NEW.organization_id;
END;

CREATE TRIGGER teams_deleted AFTER DELETE ON teams
BEGIN
    UPDATE organizations SET access_version = access_version + 1 WHERE id = OLD.organization_id;
END;

CREATE TRIGGER team_members_inserted AFTER INSERT ON team_members
BEGIN
    UPDATE organizations SET access_version = access_version + 1 WHERE id = (SELECT organization_id FROM teams WHERE id = NEW.team_id);
END;

CREATE TRIGGER team_members_deleted AFTER DELETE ON team_members
BEGIN
    UPDATE organizations SET access_version = access_version + 1 WHERE id = (SELECT organization_id FROM teams WHERE id = OLD.team_id);
END;

CREATE TRIGGER grants_inserted AFTER INSERT ON grants
BEGIN
    UPDATE organizations SET access_version = access_version + 1 WHERE id = NEW.organization_id;
END;

CREATE TRIGGER grants_updated AFTER UPDATE ON grants
BEGIN
    UPDATE organizations SET access_version = access_version + 1 WHERE id IN (OLD.organization_id, NEW.organization_id);
END;

CREATE TRIGGER grants_deleted AFTER DELETE ON grants
BEGIN
    UPDATE organizations SET access_version = access_version + 1 WHERE id = OLD.organization_id;
END;
