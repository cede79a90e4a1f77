namespace Coffer.Server.Storage;

/// <summary>Environments, their revisions, revision tags and environment tags.</summary>
public interface IEnvironmentStore
{
    Task<EnvironmentRecord?> FindEnvironmentAsync(string organizationId, string project, string name, CancellationToken cancellationToken);

    /// <summary>
    /// An environment by name with its organization's access version, in one query: what every
    /// access decision starts from (see <see cref="EnvironmentUnderAccess"/>).
    /// </summary>
    Task<EnvironmentUnderAccess?> FindEnvironmentUnderAccessAsync(string organizationId, string project, string name, CancellationToken cancellationToken);

    /// <summary>Whether each lookup is a round trip to a database server, so looking several up together pays.</summary>
    bool LookupsAreRoundTrips { get; }

    /// <summary>
    /// <see cref="FindEnvironmentUnderAccessAsync"/> for several environments at once (those of
    /// <paramref name="names"/>, distinct, that exist, in any order): one query where a query is a
    /// round trip to a database server (<see cref="LookupsAreRoundTrips"/>).
    /// </summary>
    Task<IReadOnlyList<EnvironmentUnderAccess>> FindEnvironmentsUnderAccessAsync(string organizationId, IReadOnlyList<(string Project, string Name)> names, CancellationToken cancellationToken);

    Task<EnvironmentRecord?> GetEnvironmentAsync(string id, CancellationToken cancellationToken);

    /// <summary>
    /// Environments of the given organizations ordered by (organization name, project, name), after
    /// the position <paramref name="continuation"/> (a token from a previous page; null for the start).
    /// <see cref="FormatException"/> when the token is not one this store issued (a client error).
    /// </summary>
    Task<Page<EnvironmentUnderAccess>> ListEnvironmentsAsync(IReadOnlyList<string> organizationIds, string? continuation, int limit, CancellationToken cancellationToken);

    /// <summary>
    /// Creates an environment with its first revision and, in the same transaction, the grant its
    /// creator gets (none when null): all of it or nothing. <see cref="ConflictException"/> when an
    /// environment of that name exists in the project, or the organization does not exist.
    /// </summary>
    Task CreateEnvironmentAsync(EnvironmentRecord environment, RevisionRecord firstRevision, IReadOnlyList<string> references, CancellationToken cancellationToken, Grant? creatorGrant = null);

    /// <summary>
    /// Stores the next revision of an environment and makes it the latest. When
    /// <paramref name="expectedLatest"/> is given and the latest revision is another one, nothing is
    /// written and <see cref="ConflictException"/> is thrown. Concurrent writers never lose a revision:
    /// each gets its own number or a conflict. <paramref name="references"/> are the environments the
    /// definition depends on (as written in it), kept for referrer queries. Also
    /// <see cref="ConflictException"/> when the environment was deleted, or (rarely, after bounded
    /// retries) when too many writers contend for it.
    /// </summary>
    Task<int> AddRevisionAsync(string environmentId, int? expectedLatest, string definition, Actor creator, DateTimeOffset at, IReadOnlyList<string> references, CancellationToken cancellationToken);

    Task<RevisionRecord?> GetRevisionAsync(string environmentId, int number, CancellationToken cancellationToken);

    /// <summary>Revisions newest first, with numbers below <paramref name="before"/> (all when null).</summary>
    Task<IReadOnlyList<RevisionRecord>> ListRevisionsAsync(string environmentId, int? before, int count, CancellationToken cancellationToken);

    /// <summary>
    /// Marks a revision retracted and moves the revision tags pointing at it to the replacement (their
    /// modification is the retraction's time and actor), in one transaction.
    /// <see cref="ConflictException"/>, with nothing written, when the revision is the latest, is
    /// already retracted or does not exist, or the replacement does not exist or is retracted.
    /// </summary>
    Task RetractRevisionAsync(string environmentId, int number, Retraction retraction, CancellationToken cancellationToken);

    /// <summary>Deletes an environment with its revisions, tags, references and open sessions; nothing happens when it does not exist.</summary>
    Task DeleteEnvironmentAsync(string environmentId, CancellationToken cancellationToken);

    /// <summary><see cref="ConflictException"/> when the environment was deleted.</summary>
    Task SetDeletionProtectionAsync(string environmentId, bool protectedFromDeletion, CancellationToken cancellationToken);

    /// <summary>Revision tags ordered by name, after <paramref name="after"/> (exclusive). The implicit <c>latest</c> tag is not stored.</summary>
    Task<IReadOnlyList<RevisionTag>> ListRevisionTagsAsync(string environmentId, string? after, int count, CancellationToken cancellationToken);

    Task<RevisionTag?> GetRevisionTagAsync(string environmentId, string name, CancellationToken cancellationToken);

    /// <summary>Creates a revision tag; <see cref="ConflictException"/> when it exists or its revision does not.</summary>
    Task CreateRevisionTagAsync(RevisionTag tag, CancellationToken cancellationToken);

    /// <summary>
    /// Points a tag at another revision; false when the tag does not exist,
    /// <see cref="ConflictException"/> when the revision does not.
    /// </summary>
    Task<bool> UpdateRevisionTagAsync(string environmentId, string name, int revision, Actor editor, DateTimeOffset at, CancellationToken cancellationToken);

    /// <summary>Deletes a revision tag; false when it does not exist.</summary>
    Task<bool> DeleteRevisionTagAsync(string environmentId, string name, CancellationToken cancellationToken);

    /// <summary>Environment tags ordered by name, after <paramref name="after"/> (exclusive).</summary>
    Task<IReadOnlyList<EnvironmentTag>> ListEnvironmentTagsAsync(string environmentId, string? after, int count, CancellationToken cancellationToken);

    Task<EnvironmentTag?> GetEnvironmentTagAsync(string environmentId, string name, CancellationToken cancellationToken);

    /// <summary>Creates an environment tag; <see cref="ConflictException"/> when it exists or the environment was deleted.</summary>
    Task CreateEnvironmentTagAsync(EnvironmentTag tag, CancellationToken cancellationToken);

    /// <summary>
    /// Renames and/or changes an environment tag. Null when the tag does not exist;
    /// <see cref="ConflictException"/> when the new name is taken.
    /// </summary>
    Task<EnvironmentTag?> UpdateEnvironmentTagAsync(string environmentId, string name, string newName, string newValue, Actor editor, DateTimeOffset at, CancellationToken cancellationToken);

    /// <summary>Deletes an environment tag; false when it does not exist.</summary>
    Task<bool> DeleteEnvironmentTagAsync(string environmentId, string name, CancellationToken cancellationToken);

    /// <summary>
    /// The environments of an organization whose definition (at their latest revision, or at any
    /// revision when <paramref name="allRevisions"/>) references one of <paramref name="referenceNames"/>;
    /// each with the revision that does (with <paramref name="allRevisions"/>, once per such revision).
    /// Ordered by project, name and revision. Names match exactly as stored.
    /// </summary>
    Task<IReadOnlyList<(EnvironmentRecord Environment, int Revision)>> ListReferrersAsync(string organizationId, IReadOnlyList<string> referenceNames, bool allRevisions, CancellationToken cancellationToken);
}
