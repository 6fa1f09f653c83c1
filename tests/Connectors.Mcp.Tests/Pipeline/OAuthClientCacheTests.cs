using Connectors.Mcp.Composition;
using Connectors.Mcp.Core.Credentials;
using Connectors.Mcp.Core.Storage;
using Connectors.Mcp.Tests.Support;
using Microsoft.Data.Sqlite;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Time.Testing;

namespace Connectors.Mcp.Tests.Pipeline;

/// <summary>
/// The OAuth client cache against the real store, with a second <see cref="AppServices"/> on the same home standing for
/// the CLI beside a running server: a client set, replaced or newly configured there is used here once
/// <see cref="OAuthClientCache.Lifetime"/> has passed, never later; a failing store fails the call.
/// </summary>
public sealed class OAuthClientCacheTests : IAsyncLifetime
{
    private const string Provider = "google";
    private readonly TestHome _home = new();
    private readonly FakeTimeProvider _time = new();
    private ServiceProvider _server = null!;
    private ServiceProvider _cli = null!;

    public async Task InitializeAsync()
    {
        _server = await AppServices.BuildAsync(AppHome.Resolve(_home.Path, sandbox: false), CancellationToken.None);
        _cli = await AppServices.BuildAsync(AppHome.Resolve(_home.Path, sandbox: false), CancellationToken.None);
    }

    public async Task DisposeAsync()
    {
        await _server.DisposeAsync();
        await _cli.DisposeAsync();
        SqliteConnection.ClearAllPools();
        _home.Dispose();
    }

    [Fact]
    public async Task ClientSetOrReplacedByAnotherProcess_IsUsedOnceTheLifetimeHasPassed()
    {
        var cache = new OAuthClientCache(_server.GetRequiredService<ICredentialStore>(), _time);
        Assert.Null(await cache.GetAsync(Provider, CancellationToken.None));

        await Cli.SetOAuthClientAsync(new OAuthClientCredentials(Provider, "first-id", "first-secret"), CancellationToken.None);
        _time.Advance(ApiLifetime);
        Assert.Equal("first-secret", (await cache.GetAsync(Provider, CancellationToken.None))?.ClientSecret);

        await Cli.SetOAuthClientAsync(new OAuthClientCredentials(Provider, "second-id", "second-secret"), CancellationToken.None);
        // Within the lifetime the remembered client stands (the documented bound)...
        _time.Advance(ApiLifetime - TimeSpan.FromMilliseconds(1));
        Assert.Equal("first-id", (await cache.GetAsync(Provider, CancellationToken.None))?.ClientId);
        // ...and not a moment past it.
        _time.Advance(TimeSpan.FromMilliseconds(1));
        var current = await cache.GetAsync(Provider, CancellationToken.None);
        Assert.Equal(("second-id", "second-secret"), (current?.ClientId, current?.ClientSecret));
    }

    [Fact]
    public async Task StoreFailure_AfterTheLifetime_FailsTheCall_InsteadOfUsingTheOldClient()
    {
        await Cli.SetOAuthClientAsync(new OAuthClientCredentials(Provider, "id", "secret"), CancellationToken.None);
        var (store, reads) = FailingOAuthClientReads.Over(_server.GetRequiredService<ICredentialStore>());
        var cache = new OAuthClientCache(store, _time);
        Assert.NotNull(await cache.GetAsync(Provider, CancellationToken.None));

        reads.Fail = true;
        _time.Advance(ApiLifetime);

        await Assert.ThrowsAsync<InvalidOperationException>(() => cache.GetAsync(Provider, CancellationToken.None));
    }

    private static TimeSpan ApiLifetime => OAuthClientCache.Lifetime;

    private ICredentialStore Cli => _cli.GetRequiredService<ICredentialStore>();

    /// <summary>The real store, except that reading the OAuth client can be made to fail.</summary>
    public class FailingOAuthClientReads : System.Reflection.DispatchProxy
    {
        public ICredentialStore Inner { get; set; } = null!;

        public bool Fail { get; set; }

        public static (ICredentialStore Store, FailingOAuthClientReads Switch) Over(ICredentialStore inner)
        {
            var store = Create<ICredentialStore, FailingOAuthClientReads>();
            var control = (FailingOAuthClientReads)(object)store;
            control.Inner = inner;
            return (store, control);
        }

        protected override object? Invoke(System.Reflection.MethodInfo? targetMethod, object?[]? args)
        {
            if (Fail && targetMethod!.Name == nameof(ICredentialStore.GetOAuthClientAsync))
            {
                throw new InvalidOperationException("database unavailable");
            }

            try
            {
                return targetMethod!.Invoke(Inner, args);
            }
            catch (System.Reflection.TargetInvocationException ex) when (ex.InnerException is not null)
            {
                throw ex.InnerException;
            }
        }
    }
}
