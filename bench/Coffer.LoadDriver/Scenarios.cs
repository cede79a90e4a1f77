namespace Coffer.LoadDriver;

/// <summary>One operation of a scenario; true when every request in it succeeded.</summary>
internal delegate Task<bool> Operation();

internal static class Scenarios
{
    public static (string Name, Operation Operation) Create(string name, BenchApi api, string? session) => name switch
    {
        // (a) open, then read the session just opened: one operation, two requests.
        "open" => (name, async () => await api.OpenAsync(BenchEnvironments.Root) is { } id && await api.ReadSessionAsync(BenchEnvironments.Root, id)),
        // (b) read an existing session.
        "read" => (name, () => api.ReadSessionAsync(BenchEnvironments.Root, session ?? throw new ArgumentException("the read scenario needs --session"))),
        // (c) blind write of a whole definition (no ETag), YAML body with plaintext secrets.
        "update" => (name, () => api.UpdateAsync(BenchEnvironments.UpdateTarget, BenchEnvironments.App())),
        // The same bytes as (b) from an endpoint that does nothing.
        "static" => (name, api.ReadStaticAsync),
        _ => throw new ArgumentException($"unknown scenario {name}: open, read, update or static"),
    };
}
