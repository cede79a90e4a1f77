namespace Coffer.Server.Storage;

internal sealed partial class SqlStore
{
    public async Task<IReadOnlyList<EnvironmentTag>> ListEnvironmentTagsAsync(string environmentId, string? after, int count, CancellationToken cancellationToken)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(count, 1);
        var rows = await QueryAsync<EnvironmentTagRow>($"""
            SELECT {TagColumns}, value AS Value FROM environment_tags
            WHERE environment_id = @environmentId{(after is null ? "" : " AND name > @after")}
            ORDER BY name
            LIMIT @count
            """, new { environmentId, after, count }, cancellationToken);
        return [.. rows.Select(r => r.ToRecord())];
    }

    public async Task<EnvironmentTag?> GetEnvironmentTagAsync(string environmentId, string name, CancellationToken cancellationToken) =>
        (await QuerySingleOrDefaultAsync<EnvironmentTagRow>(
            $"SELECT {TagColumns}, value AS Value FROM environment_tags WHERE environment_id = @environmentId AND name = @name",
            new { environmentId, name }, cancellationToken))?.ToRecord();

    public Task CreateEnvironmentTagAsync(EnvironmentTag tag, CancellationToken cancellationToken) =>
        WriteAsync(
            write => ExecuteAsync(write, """
                INSERT INTO environment_tags (environment_id, name, value, created, modified, editor_login, editor_name)
                VALUES (@EnvironmentId, @Name, @Value, @created, @modified, @EditorLogin, @EditorName)
                """,
                new { tag.EnvironmentId, tag.Name, tag.Value, created = Millis(tag.Created), modified = Millis(tag.Modified), tag.EditorLogin, tag.EditorName },
                cancellationToken),
            $"tag {tag.Name} already exists",
            "the environment was deleted",
            cancellationToken);

    public async Task<EnvironmentTag?> UpdateEnvironmentTagAsync(string environmentId, string name, string newName, string newValue, Actor editor, DateTimeOffset at, CancellationToken cancellationToken)
    {
        var row = await WriteAsync(
            write => QuerySingleOrDefaultAsync<EnvironmentTagRow>(write, $"""
                UPDATE environment_tags SET name = @newName, value = @newValue, modified = @at, editor_login = @editorLogin, editor_name = @editorName
                WHERE environment_id = @environmentId AND name = @name
                RETURNING {TagColumns}, value AS Value
                """, new { environmentId, name, newName, newValue, at = Millis(at), editorLogin = editor.Login, editorName = editor.Name }, cancellationToken),
            $"tag {newName} already exists",
            null,
            cancellationToken);
        return row?.ToRecord();
    }

    public Task<bool> DeleteEnvironmentTagAsync(string environmentId, string name, CancellationToken cancellationToken) =>
        WriteAsync(
            async write => await ExecuteAsync(write, "DELETE FROM environment_tags WHERE environment_id = @environmentId AND name = @name",
                new { environmentId, name }, cancellationToken) > 0,
            null, null, cancellationToken);
}
