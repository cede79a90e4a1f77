using System.Net;
using Coffer.Server.Hosting;
using Coffer.Server.Sessions;
using Coffer.Server.Tests.Support;
using Microsoft.Extensions.DependencyInjection;

namespace Coffer.Server.Tests.Security;

/// <summary>
/// Open sessions hold resolved (possibly short-lived) credentials: "deleted when they expire"
/// (docs/operations.md). A server with a short purge interval and a clock the test moves shows
/// the row leaving the database once the session expired, and not before.
/// </summary>
public sealed class OpenSessionPurgeTests : IDisposable
{
    private readonly TempFolder _folder = new();

    public void Dispose() => _folder.Dispose();

    [Fact]
    public async Task An_expired_session_is_deleted_from_the_database_and_not_before()
    {
        var clock = new TestClock();
        var dataDirectory = _folder.NewSubfolder();
        await using var app = await ServerApplication.CreateAsync(new ServerOptions { DataDirectory = dataDirectory, Urls = "http://127.0.0.1:0" }, services =>
        {
            services.AddSingleton<TimeProvider>(clock);
            services.AddSingleton(new SessionPurgeSchedule(TimeSpan.FromMilliseconds(50)));
        });
        await app.StartAsync();
        using var client = new HttpClient { BaseAddress = new Uri(app.Urls.First()) };
        client.DefaultRequestHeaders.Authorization = new("token", DataFiles.ReadAdminToken(dataDirectory));
        await client.CreateEnvironmentAsync("default", "app", "prod");
        await client.UpdateAsync("default/app/prod", "values:\n  password:\n    fn::secret: hunter2\n");
        var session = await client.OpenAsync("default/app/prod", duration: "10m");
        var rows = $"SELECT count(*) FROM open_sessions WHERE id = '{session}'";

        await Task.Delay(300);
        Assert.Equal(1L, await DataFiles.SqliteScalarAsync<long>(dataDirectory, rows));

        clock.Advance(TimeSpan.FromMinutes(10) + TimeSpan.FromMilliseconds(1));
        var deadline = DateTime.UtcNow.AddSeconds(10);
        while (await DataFiles.SqliteScalarAsync<long>(dataDirectory, rows) > 0 && DateTime.UtcNow < deadline)
        {
            await Task.Delay(50);
        }

        Assert.Equal(0L, await DataFiles.SqliteScalarAsync<long>(dataDirectory, rows));
        using var read = await client.GetAsync($"/api/esc/environments/default/app/prod/open/{session}");
        Assert.Equal(HttpStatusCode.NotFound, read.StatusCode);
        await app.StopAsync();
    }
}
