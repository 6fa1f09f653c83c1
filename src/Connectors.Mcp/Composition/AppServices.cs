using Connectors.Mcp.Core.Connectors;
using Connectors.Mcp.Core.OAuth;
using Connectors.Mcp.Core.Pipeline;
using Connectors.Mcp.Core.Security;
using Connectors.Mcp.Core.Storage;
using Connectors.Mcp.Google;
using Connectors.Mcp.Microsoft;
using Connectors.Mcp.Composition.Storage;
using Connectors.Mcp.Storage.Postgres;
using Connectors.Mcp.Storage.Sqlite;
using Connectors.Mcp.Zoom;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace Connectors.Mcp.Composition;

/// <summary>
/// The one composition root: every service the CLI and the servers use is registered here, so a command, the stdio
/// server and the HTTP server all run the same pipeline against the same stores.
/// </summary>
public static class AppServices
{
    /// <summary>Registers everything except logging providers and the MCP transport (the hosts add those).</summary>
    public static IServiceCollection AddConnectorsMcp(this IServiceCollection services, AppHome home)
    {
        services.AddSingleton(home);
        services.AddSingleton(TimeProvider.System);
        services.AddSingleton(_ => new SecretProtector(home.LoadMasterKey()));
        services.AddHttpClient();

        // Storage: migrations, stores (workspaces, connectors, credentials, policies, approvals, audit) — SQLite in the
        // home folder, or the PostgreSQL database several instances share. Started through IStorageMigrator either way.
        if (home.PostgresConnection is { } postgres)
        {
            services.AddPostgresStorage(postgres);
            services.AddSingleton<IStorageMigrator, PostgresStorageMigrator>();
        }
        else
        {
            services.AddSqliteStorage(home.DatabasePath);
            services.AddSingleton<IStorageMigrator, SqliteStorageMigrator>();
        }

        // Connector types: one line per provider family.
        services.AddGoogleConnectors();
        services.AddMicrosoftConnectors();
        services.AddZoomConnectors();
        services.AddSingleton<ConnectorRegistry>();

        // The tool pipeline: validation → rate limit → approval → connector → audit.
        services.AddToolPipeline();

        // OAuth connect flows (`connector connect`, /oauth/start and /oauth/callback) for every registered IOAuthProvider.
        services.AddOAuthConnectFlow();

        // The provider families, derived from what the lines above registered; checked complete at start-up.
        services.AddSingleton<ProviderCatalog>();
        return services;
    }

    /// <summary>A provider for CLI commands: logs (warnings and up) go to stderr, never stdout.</summary>
    public static async Task<ServiceProvider> BuildAsync(AppHome home, CancellationToken cancellationToken, Action<IServiceCollection>? configure = null)
    {
        var provider = Build(home, configure);
        await InitializeAsync(provider, cancellationToken);
        return provider;
    }

    /// <summary>
    /// The same provider without <see cref="InitializeAsync"/>: no migration, nothing written (<c>doctor</c> reads a
    /// database as it is). Resolving a store that needs the master key creates the key file when it is missing.
    /// </summary>
    public static ServiceProvider Build(AppHome home, Action<IServiceCollection>? configure = null)
    {
        var services = new ServiceCollection();
        services.AddLogging(b => b.AddSimpleConsole(o => o.SingleLine = true)
            .AddFilter(level => level >= LogLevel.Warning)
            .Services.Configure<global::Microsoft.Extensions.Logging.Console.ConsoleLoggerOptions>(o => o.LogToStandardErrorThreshold = LogLevel.Trace));
        services.AddConnectorsMcp(home);
        configure?.Invoke(services);
        return services.BuildServiceProvider(new ServiceProviderOptions { ValidateOnBuild = true, ValidateScopes = true });
    }

    /// <summary>
    /// Checks the provider families are complete — OAuth endpoints and revoker (<see cref="ProviderCatalog"/>), HTTP
    /// client (<see cref="ProviderHttpHandlers"/>) — then applies migrations and writes the
    /// registry's connector types into <c>connector_definitions</c> when they differ from what is stored.
    /// </summary>
    public static async Task InitializeAsync(IServiceProvider provider, CancellationToken cancellationToken)
    {
        // A connector type whose provider lacks its OAuth endpoints, its revoker or its HTTP client stops the start here,
        // by name.
        _ = provider.GetRequiredService<ProviderCatalog>();
        _ = provider.GetRequiredService<ProviderHttpHandlers>();
        await provider.GetRequiredService<IStorageMigrator>().MigrateAsync(cancellationToken);
        var registry = provider.GetRequiredService<ConnectorRegistry>();
        var definitions = registry.Types
            .Select(t => new ConnectorDefinitionRecord(t.Type, t.DisplayName, t.Provider, t.Description, t.Scopes, t.Actions.Select(a => a.Name).ToList()))
            .ToList();
        // Written only when this build's types differ from what is stored: most starts skip a synced commit.
        var connectors = provider.GetRequiredService<IConnectorStore>();
        if (!StoredAlready(await connectors.ListDefinitionsAsync(cancellationToken), definitions))
        {
            await connectors.UpsertDefinitionsAsync(definitions, cancellationToken);
        }
    }

    private static bool StoredAlready(IReadOnlyList<ConnectorDefinitionRecord> stored, IReadOnlyList<ConnectorDefinitionRecord> definitions)
    {
        var byType = stored.ToDictionary(d => d.Type, StringComparer.Ordinal);
        return definitions.All(d => byType.TryGetValue(d.Type, out var s)
            && s.DisplayName == d.DisplayName && s.Provider == d.Provider && s.Description == d.Description
            && s.Scopes.SequenceEqual(d.Scopes, StringComparer.Ordinal) && s.Actions.SequenceEqual(d.Actions, StringComparer.Ordinal));
    }
}
