namespace Coffer.LoadDriver;

/// <summary>Creates the bench environments through the API and prepares the read and static scenarios.</summary>
internal static class Seeding
{
    /// <summary>Returns the id of an open session of the root environment.</summary>
    public static async Task<string> SeedAsync(BenchApi api)
    {
        for (var i = 0; i < BenchEnvironments.Imports.Length; i++)
        {
            await api.CreateAsync(BenchEnvironments.Imports[i]);
            await Require(api.UpdateAsync(BenchEnvironments.Imports[i], BenchEnvironments.Import(i + 1)), BenchEnvironments.Imports[i]);
        }
        await api.CreateAsync(BenchEnvironments.Root);
        await Require(api.UpdateAsync(BenchEnvironments.Root, BenchEnvironments.App()), BenchEnvironments.Root);
        await api.CreateAsync(BenchEnvironments.UpdateTarget);
        await Require(api.UpdateAsync(BenchEnvironments.UpdateTarget, BenchEnvironments.App()), BenchEnvironments.UpdateTarget);

        var session = await api.OpenAsync(BenchEnvironments.Root) ?? throw new InvalidOperationException("opening the bench environment failed");
        var body = await api.ReadBytesAsync($"{api.EnvironmentPath(BenchEnvironments.Root)}/open/{session}");
        await api.PutStaticAsync(body);
        if (!(await api.ReadBytesAsync("bench/static")).AsSpan().SequenceEqual(body))
        {
            throw new InvalidOperationException("/bench/static does not answer the session's bytes");
        }
        await Console.Error.WriteLineAsync($"seeded {api.Organization}/{BenchEnvironments.Project}: session read is {body.Length} bytes");
        return session;
    }

    private static async Task Require(Task<bool> update, string name)
    {
        if (!await update)
        {
            throw new InvalidOperationException($"updating {name} failed");
        }
    }
}
