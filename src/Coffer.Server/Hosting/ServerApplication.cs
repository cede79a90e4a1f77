using Coffer.Language;
using Coffer.Language.Hosting;
using Coffer.Server.Accounts;
using Coffer.Server.Api;
using Coffer.Server.Auth;
using Coffer.Server.Crypto;
using Coffer.Server.Environments;
using Coffer.Server.Sessions;
using Coffer.Server.Storage;

namespace Coffer.Server.Hosting;

/// <summary>Builds the server: services, middleware and endpoints. <see cref="Program"/> only parses options.</summary>
public static class ServerApplication
{
    /// <summary>Largest request body the server reads (definitions are limited further by the language's document limit).</summary>
    public const long MaxRequestBodyBytes = 2 * 1024 * 1024;

    public static async Task<WebApplication> CreateAsync(ServerOptions options, Action<IServiceCollection>? configure = null, CancellationToken cancellationToken = default)
    {
        DataDirectory.Ensure(options.DataDirectory);
        var builder = WebApplication.CreateSlimBuilder(new WebApplicationOptions { ContentRootPath = AppContext.BaseDirectory });
        builder.WebHost.UseUrls(options.Urls.Split(';', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries));
        builder.WebHost.ConfigureKestrel(kestrel =>
        {
            kestrel.AddServerHeader = false;
            kestrel.Limits.MaxRequestBodySize = MaxRequestBodyBytes;
        });
        builder.Logging.ClearProviders().AddSimpleConsole(console =>
        {
            console.SingleLine = true;
            console.TimestampFormat = "yyyy-MM-ddTHH:mm:ss.fffZ ";
            console.UseUtcTimestamp = true;
        });
        builder.Logging.AddFilter("Microsoft.AspNetCore", LogLevel.Warning);

        var services = builder.Services;
        services.AddSingleton(options);
        services.AddSingleton(TimeProvider.System);
        services.AddSingleton<ICofferStore>(_ => StoreFactory.Open(options.Database, options.DataDirectory));
        services.AddSingleton(provider => RootKeyFile.Load(options.DataDirectory, provider.GetRequiredService<ILogger<RootKey>>()));
        services.AddSingleton<KeyRing>();
        services.AddSingleton<TokenAuthentication>();
        services.AddSingleton<IAccessPolicy, MembershipAccessPolicy>();
        services.AddSingleton<EnvironmentAccess>();
        services.AddSingleton(EvaluationLimits.Default);
        services.AddSingleton<IProviderRegistry>(new ProviderRegistry());
        services.AddSingleton<LatestRevisionCache>();
        services.AddSingleton<EvaluationService>();
        services.AddSingleton<DefinitionService>();
        services.AddSingleton<OpenSessionService>();
        services.AddHostedService<SessionPurgeWorker>();
        services.AddSingleton<Bootstrap>();
        services.ConfigureHttpJsonOptions(json => ApiJson.Configure(json.SerializerOptions));
        services.AddOpenApi();
        configure?.Invoke(services);

        var app = builder.Build();
        var store = app.Services.GetRequiredService<ICofferStore>();
        await store.MigrateAsync(cancellationToken);
        await RootKeyFile.RecoverAsync(options.DataDirectory, store, cancellationToken);
        _ = app.Services.GetRequiredService<RootKey>();
        await app.Services.GetRequiredService<Bootstrap>().RunAsync(cancellationToken);

        app.UseMiddleware<ApiErrorMiddleware>();
        app.UseMiddleware<PathNormalization>();
        app.UseRouting();
        app.UseMiddleware<AuthenticationMiddleware>();

        app.MapGet("/healthz", () => Results.Ok(new { status = "ok" })).ExcludeFromDescription();
        app.MapGet("/readyz", async (ICofferStore s, CancellationToken ct) =>
            await s.PingAsync(ct) ? Results.Ok(new { status = "ready" }) : Results.Json(new { code = 503, message = "the database is not reachable" }, statusCode: 503)).ExcludeFromDescription();
        app.MapOpenApi();

        var esc = app.MapGroup("/api/esc");
        EnvironmentEndpoints.Map(esc);
        RevisionEndpoints.Map(esc);
        RevisionTagEndpoints.Map(esc);
        EnvironmentTagEndpoints.Map(esc);
        OpenEndpoints.Map(esc);
        CloneEndpoints.Map(esc);
        SettingsEndpoints.Map(esc);
        ReferrerEndpoints.Map(esc);
        PlannedEndpoints.Map(esc, app);
        UserEndpoints.Map(app);
        app.MapFallback((HttpContext context) => throw ApiError.NotFound($"no such endpoint: {context.Request.Method} {context.Request.Path}"));
        return app;
    }
}
