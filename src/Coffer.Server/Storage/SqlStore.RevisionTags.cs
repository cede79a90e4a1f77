namespace Coffer.Server.Storage;

internal sealed partial class SqlStore
{
    public async Task<IReadOnlyList<RevisionTag>> ListRevisionTagsAsync(string environmentId, string? after, int count, CancellationToken cancellationToken)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(count, 1);
        var rows = await QueryAsync<RevisionTagRow>($"""
            SELECT {TagColumns}, revision AS Revision FROM revision_tags
            WHERE environment_id = @environmentId{(after is null ? "" : " AND name > @after")}
            ORDER BY name
            LIMIT @count
            """, new { environmentId, after, count }, cancellationToken);
        return [.. rows.Select(r => r.ToRecord())];
    }

    public async Task<RevisionTag?> GetRevisionTagAsync(string environmentId, string name, CancellationToken cancellationToken) =>
        (await QuerySingleOrDefaultAsync<RevisionTagRow>(
            $"SELECT {TagColumns}, revision AS Revision FROM revision_tags WHERE environment_id = @environmentId AND name = @name",
            new { environmentId, name }, cancellationToken))?.ToRecord();

    public Task CreateRevisionTagAsync(RevisionTag tag, CancellationToken cancellationToken) =>
        WriteAsync(
            write => ExecuteAsync(write, """
                INSERT INTO revision_tags (environment_id, name, revision, created, modified, editor_login, editor_name)
                VALUES (@EnvironmentId, @Name, @Revision, @created, @modified, @EditorLogin, @EditorName)
                """,
                new { tag.EnvironmentId, tag.Name, tag.Revision, created = Millis(tag.Created), modified = Millis(tag.Modified), tag.EditorLogin, tag.EditorName },
                cancellationToken),
            $"revision tag {tag.Name} already exists",
            $"revision {tag.Revision} does not exist",
            cancellationToken);

    public Task<bool> UpdateRevisionTagAsync(string environmentId, string name, int revision, Actor editor, DateTimeOffset at, CancellationToken cancellationToken) =>
        WriteAsync(
            async write => await ExecuteAsync(write, """
                UPDATE revision_tags SET revision = @revision, modified = @at, editor_login = @editorLogin, editor_name = @editorName
                WHERE environment_id = @environmentId AND name = @name
                """, new { environmentId, name, revision, at = Millis(at), editorLogin = editor.Login, editorName = editor.Name }, cancellationToken) > 0,
            null,
            $"revision {revision} does not exist",
            cancellationToken);

    public Task<bool> DeleteRevisionTagAsync(string environmentId, string name, CancellationToken cancellationToken) =>
        WriteAsync(
            async write => await ExecuteAsync(write, "DELETE FROM revision_tags WHERE environment_id = @environmentId AND name = @name",
                new { environmentId, name }, cancellationToken) > 0,
            null, null, cancellationToken);
}
