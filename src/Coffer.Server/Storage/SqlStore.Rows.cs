namespace Coffer.Server.Storage;

// Rows as Dapper reads them: times as unix milliseconds, converted to records in one place each.
internal sealed partial class SqlStore
{
    private const string EnvironmentColumns = """
        e.id AS Id, e.organization_id AS OrganizationId, e.project AS Project, e.name AS Name,
        e.created AS Created, e.modified AS Modified, e.latest_revision AS LatestRevision,
        e.deletion_protected AS DeletionProtected, e.wrapped_data_key AS WrappedDataKey, e.key_version AS KeyVersion
        """;

    private const string RevisionColumns = """
        environment_id AS EnvironmentId, number AS Number, definition AS Definition, created AS Created,
        creator_login AS CreatorLogin, creator_name AS CreatorName,
        retracted_replacement AS RetractedReplacement, retracted_at AS RetractedAt,
        retracted_by_login AS RetractedByLogin, retracted_by_name AS RetractedByName, retracted_reason AS RetractedReason
        """;

    private const string TagColumns = """
        environment_id AS EnvironmentId, name AS Name, created AS Created, modified AS Modified,
        editor_login AS EditorLogin, editor_name AS EditorName
        """;

    private class EnvironmentRow
    {
        public string Id { get; set; } = "";
        public string OrganizationId { get; set; } = "";
        public string Project { get; set; } = "";
        public string Name { get; set; } = "";
        public long Created { get; set; }
        public long Modified { get; set; }
        public int LatestRevision { get; set; }
        public bool DeletionProtected { get; set; }
        public byte[] WrappedDataKey { get; set; } = [];
        public int KeyVersion { get; set; }

        public EnvironmentRecord ToRecord() =>
            new(Id, OrganizationId, Project, Name, Time(Created), Time(Modified), LatestRevision, DeletionProtected, WrappedDataKey, KeyVersion);
    }

    private class EnvironmentUnderAccessRow : EnvironmentRow
    {
        public long AccessVersion { get; set; }

        public EnvironmentUnderAccess ToUnderAccess() => new(ToRecord(), AccessVersion);
    }

    private sealed class ReferrerRow : EnvironmentRow
    {
        public int Revision { get; set; }
    }

    private sealed class RevisionRow
    {
        public string EnvironmentId { get; set; } = "";
        public int Number { get; set; }
        public string Definition { get; set; } = "";
        public long Created { get; set; }
        public string CreatorLogin { get; set; } = "";
        public string CreatorName { get; set; } = "";
        public int? RetractedReplacement { get; set; }
        public long? RetractedAt { get; set; }
        public string? RetractedByLogin { get; set; }
        public string? RetractedByName { get; set; }
        public string? RetractedReason { get; set; }

        public RevisionRecord ToRecord() =>
            new(EnvironmentId, Number, Definition, Time(Created), CreatorLogin, CreatorName,
                RetractedAt is { } at
                    ? new Retraction(RetractedReplacement ?? 0, Time(at), RetractedByLogin ?? "", RetractedByName ?? "", RetractedReason ?? "")
                    : null);
    }

    private sealed class RevisionTagRow
    {
        public string EnvironmentId { get; set; } = "";
        public string Name { get; set; } = "";
        public int Revision { get; set; }
        public long Created { get; set; }
        public long Modified { get; set; }
        public string EditorLogin { get; set; } = "";
        public string EditorName { get; set; } = "";

        public RevisionTag ToRecord() => new(EnvironmentId, Name, Revision, Time(Created), Time(Modified), EditorLogin, EditorName);
    }

    private sealed class EnvironmentTagRow
    {
        public string EnvironmentId { get; set; } = "";
        public string Name { get; set; } = "";
        public string Value { get; set; } = "";
        public long Created { get; set; }
        public long Modified { get; set; }
        public string EditorLogin { get; set; } = "";
        public string EditorName { get; set; } = "";

        public EnvironmentTag ToRecord() => new(EnvironmentId, Name, Value, Time(Created), Time(Modified), EditorLogin, EditorName);
    }

    private sealed class OrganizationRow
    {
        public string Id { get; set; } = "";
        public string Name { get; set; } = "";
        public long Created { get; set; }

        public Organization ToRecord() => new(Id, Name, Time(Created));
    }

    private sealed class UserRow
    {
        public string Id { get; set; } = "";
        public string Login { get; set; } = "";
        public string Name { get; set; } = "";
        public string? Email { get; set; }
        public long Created { get; set; }

        public User ToRecord() => new(Id, Login, Name, Email, Time(Created));
    }

    private sealed class TokenRow
    {
        public string Id { get; set; } = "";
        public byte[] ValueHash { get; set; } = [];
        public string Kind { get; set; } = "";
        public string? UserId { get; set; }
        public string? OrganizationId { get; set; }
        public string? TeamId { get; set; }
        public string Name { get; set; } = "";
        public string Description { get; set; } = "";
        public long Created { get; set; }
        public long? LastUsed { get; set; }
        public long? Expires { get; set; }
        public long? Revoked { get; set; }
        public string CreatedBy { get; set; } = "";
        public bool Admin { get; set; }

        public AccessToken ToRecord() =>
            new(Id, ValueHash, TokenKinds.Parse(Kind), UserId, OrganizationId, TeamId, Name, Description,
                Time(Created), Time(LastUsed), Time(Expires), Time(Revoked), CreatedBy, Admin);
    }

    private sealed class SessionRow
    {
        public string Id { get; set; } = "";
        public string EnvironmentId { get; set; } = "";
        public int Revision { get; set; }
        public byte[] Payload { get; set; } = [];
        public long Created { get; set; }
        public long Expires { get; set; }

        public OpenSession ToRecord() => new(Id, EnvironmentId, Revision, Payload, Time(Created), Time(Expires));
    }

    private sealed class DataKeyRow
    {
        public string Id { get; set; } = "";
        public byte[] WrappedDataKey { get; set; } = [];
        public int KeyVersion { get; set; }
    }
}
