using Coffer.Language;
using Coffer.Server.Accounts;
using Coffer.Server.Api;
using Coffer.Server.Audit;
using Coffer.Server.Auth;
using Coffer.Server.Crypto;
using Coffer.Server.Environments;
using Coffer.Server.Oidc;
using Coffer.Server.Organizations;
using Coffer.Server.Passwords;
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
        services.AddSingleton(_ => DataDirectoryLock.Shared(options.DataDirectory));
        services.AddSingleton(TimeProvider.System);
        services.AddSingleton<ICofferStore>(_ => StoreFactory.Open(options.Database, options.DataDirectory));
        services.AddSingleton(provider => RootKeyFile.Load(options.DataDirectory, provider.GetRequiredService<ILogger<RootKey>>()));
        services.AddSingleton<KeyRing>();
        services.AddSingleton<AuditLog>();
        services.AddSingleton<TokenAuthentication>();
        services.AddSingleton<IAccessPolicy, GrantAccessPolicy>();
        services.AddSingleton<PermissionCache>();
        services.AddSingleton<EnvironmentAccess>();
        services.AddSingleton<OrganizationAccess>();
        services.AddSingleton<TokenIssuer>();
        services.AddSingleton<PasswordHasher>();
        services.AddSingleton<AuthenticationFailureLimiter>();
        services.AddSingleton(EvaluationLimits.Default);
        services.AddOidcIssuer(options);
        services.AddProviders();
        services.AddSingleton<LatestRevisionCache>();
        services.AddSingleton<EvaluationService>();
        services.AddSingleton<DefinitionService>();
        services.AddSingleton<OpenSessionService>();
        services.AddSingleton(SessionPurgeSchedule.Default);
        services.AddHostedService<SessionPurgeWorker>();
        services.AddHostedService<NativeMemoryTrimmer>();
        services.AddSingleton<Bootstrap>();
        services.ConfigureHttpJsonOptions(json => ApiJson.Configure(json.SerializerOptions));
        services.AddOpenApi();
        configure?.Invoke(services);

        var app = builder.Build();
        // Taken first and held until the app is disposed, so rotate-root-key can tell that a server runs here.
        _ = app.Services.GetRequiredService<DataDirectoryLock>();
        var store = app.Services.GetRequiredService<ICofferStore>();
        await store.MigrateAsync(cancellationToken);
        await store.HoldServingLockAsync(cancellationToken);
        await RootKeyFile.RecoverAsync(options.DataDirectory, store, cancellationToken);
        await RootKeyFile.ReportOtherKeysAsync(store, app.Services.GetRequiredService<RootKey>(), app.Services.GetRequiredService<ILogger<RootKey>>(), cancellationToken);
        await app.Services.GetRequiredService<Bootstrap>().RunAsync(cancellationToken);

        if (options.TrustedProxies.Count > 0)
        {
            app.UseForwardedHeaders(TrustedProxyHeaders.Options(options.TrustedProxies));
        }
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
        RotateEndpoints.Map(esc);
        PlannedEndpoints.Map(esc, app);
        UserEndpoints.Map(app);
        SignInEndpoints.Map(app);
        var orgs = app.MapGroup("/api/orgs");
        MemberEndpoints.Map(orgs);
        TeamEndpoints.Map(orgs);
        GrantEndpoints.Map(orgs);
        OrganizationSettingsEndpoints.Map(orgs);
        TokenEndpoints.Map(app, orgs);
        PasswordEndpoints.Map(app, orgs);
        AuditEndpoints.Map(orgs);
        OidcEndpoints.Map(app);
        // Every path, including those that look like file names ("{*path:nonfile}", the default
        // pattern, skips them): the esc CLI needs {code, message} on a 404 to treat it as "absent".
        app.MapFallback("{**path}", (HttpContext context) => throw ApiError.NotFound($"no such endpoint: {context.Request.Method} {context.Request.Path}"));
        return app;
    }
}
