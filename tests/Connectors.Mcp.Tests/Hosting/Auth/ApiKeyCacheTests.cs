using Connectors.Mcp.Composition;
using Connectors.Mcp.Core.Catalog;
using Connectors.Mcp.Core.Storage;
using Connectors.Mcp.Hosting.Auth;
using Connectors.Mcp.Tests.Support;
using Microsoft.Data.Sqlite;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Time.Testing;

namespace Connectors.Mcp.Tests.Hosting.Auth;

/// <summary>
/// The API-key cache against the real store, with a second <see cref="AppServices"/> on the same home standing for
/// another process (the CLI beside a running server): a revocation there is refused here once
/// <see cref="ApiKeyCache.Lifetime"/> has passed, never later; unknown keys are never remembered; a failing store fails
/// the request.
/// </summary>
public sealed class ApiKeyCacheTests : IAsyncLifetime
{
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
    public async Task KeyRevokedByAnotherProcess_IsRefusedOnceTheLifetimeHasPassed()
    {
        var workspace = await Cli.CreateAsync("acme", WorkspacePlan.Free, CancellationToken.None);
        var scope = ToolScope.Create(true, ["gmail_*"]);
        var issued = await Cli.CreateApiKeyAsync(workspace.Id, null, scope, OperatorActor.Cli("test"), CancellationToken.None);
        var key = issued.Secret;
        var cache = new ApiKeyCache(_server.GetRequiredService<IWorkspaceStore>(), _time);
        Assert.Equal(new ApiKeyWorkspace(workspace.Id, "acme", issued.Key.Id, scope), await cache.FindAsync(key, CancellationToken.None));

        await Cli.RevokeApiKeyAsync(issued.Key.Id, OperatorActor.Cli("test"), CancellationToken.None);

        // Within the lifetime the remembered answer stands (the documented bound)...
        _time.Advance(ApiKeyCache.Lifetime - TimeSpan.FromMilliseconds(1));
        Assert.NotNull(await cache.FindAsync(key, CancellationToken.None));
        // ...and not a moment past it.
        _time.Advance(TimeSpan.FromMilliseconds(1));
        Assert.Null(await cache.FindAsync(key, CancellationToken.None));
        _time.Advance(ApiKeyCache.Lifetime);
        Assert.Null(await cache.FindAsync(key, CancellationToken.None));
    }

    [Fact]
    public async Task Clear_AfterARevocationInThisProcess_RefusesTheKeyAtOnce()
    {
        var workspace = await Cli.CreateAsync("acme", WorkspacePlan.Free, CancellationToken.None);
        var issued = await Cli.CreateApiKeyAsync(workspace.Id, null, ToolScope.Full, OperatorActor.Cli("test"), CancellationToken.None);
        var cache = new ApiKeyCache(_server.GetRequiredService<IWorkspaceStore>(), _time);
        Assert.NotNull(await cache.FindAsync(issued.Secret, CancellationToken.None));

        await _server.GetRequiredService<IWorkspaceStore>().RevokeApiKeyAsync(issued.Key.Id, OperatorActor.Cli("test"), CancellationToken.None);
        cache.Clear();

        Assert.Null(await cache.FindAsync(issued.Secret, CancellationToken.None));
    }

    [Fact]
    public async Task UnknownKey_IsNotRemembered_SoAKeyCreatedElsewhereWorksAtOnce()
    {
        var workspace = await Cli.CreateAsync("acme", WorkspacePlan.Free, CancellationToken.None);
        var cache = new ApiKeyCache(_server.GetRequiredService<IWorkspaceStore>(), _time);
        Assert.Null(await cache.FindAsync("cmk_not-a-key", CancellationToken.None));

        var key = await Cli.CreateApiKeyAsync(workspace.Id, OperatorActor.Cli("test"), CancellationToken.None);

        Assert.Equal(workspace.Id, (await cache.FindAsync(key, CancellationToken.None))?.Id);
    }

    [Fact]
    public async Task KeysOfTwoWorkspaces_NameTheirOwnWorkspace()
    {
        var acme = await Cli.CreateAsync("acme", WorkspacePlan.Free, CancellationToken.None);
        var globex = await Cli.CreateAsync("globex", WorkspacePlan.Free, CancellationToken.None);
        var acmeKey = await Cli.CreateApiKeyAsync(acme.Id, OperatorActor.Cli("test"), CancellationToken.None);
        var globexKey = await Cli.CreateApiKeyAsync(globex.Id, OperatorActor.Cli("test"), CancellationToken.None);
        var cache = new ApiKeyCache(_server.GetRequiredService<IWorkspaceStore>(), _time);

        for (var i = 0; i < 2; i++)
        {
            Assert.Equal(acme.Id, (await cache.FindAsync(acmeKey, CancellationToken.None))?.Id);
            Assert.Equal(globex.Id, (await cache.FindAsync(globexKey, CancellationToken.None))?.Id);
        }
    }

    [Fact]
    public async Task StoreFailure_AfterTheLifetime_FailsTheRequest_InsteadOfUsingTheOldAnswer()
    {
        var workspace = await Cli.CreateAsync("acme", WorkspacePlan.Free, CancellationToken.None);
        var key = await Cli.CreateApiKeyAsync(workspace.Id, OperatorActor.Cli("test"), CancellationToken.None);
        var store = new FailingWorkspaceStore(_server.GetRequiredService<IWorkspaceStore>());
        var cache = new ApiKeyCache(store, _time);
        Assert.NotNull(await cache.FindAsync(key, CancellationToken.None));

        store.Fail = true;
        _time.Advance(ApiKeyCache.Lifetime);

        await Assert.ThrowsAsync<InvalidOperationException>(async () => await cache.FindAsync(key, CancellationToken.None));
    }

    private IWorkspaceStore Cli => _cli.GetRequiredService<IWorkspaceStore>();

    private sealed class FailingWorkspaceStore(IWorkspaceStore inner) : IWorkspaceStore
    {
        public bool Fail { get; set; }

        public Task<ApiKeyMatch?> FindByApiKeyAsync(string apiKey, CancellationToken cancellationToken) =>
            Fail ? throw new InvalidOperationException("database unavailable") : inner.FindByApiKeyAsync(apiKey, cancellationToken);

        public Task<Workspace> CreateAsync(string slug, WorkspacePlan plan, CancellationToken cancellationToken) => inner.CreateAsync(slug, plan, cancellationToken);

        public Task<Workspace?> FindBySlugAsync(string slug, CancellationToken cancellationToken) => inner.FindBySlugAsync(slug, cancellationToken);

        public Task<Workspace?> FindByIdAsync(string workspaceId, CancellationToken cancellationToken) => inner.FindByIdAsync(workspaceId, cancellationToken);

        public Task<IReadOnlyList<Workspace>> ListAsync(CancellationToken cancellationToken) => inner.ListAsync(cancellationToken);

        public Task<IssuedApiKey> CreateApiKeyAsync(string workspaceId, string? name, ToolScope scope, OperatorActor actor, CancellationToken cancellationToken) =>
            inner.CreateApiKeyAsync(workspaceId, name, scope, actor, cancellationToken);

        public Task<IReadOnlyList<ApiKey>> ListApiKeysAsync(string workspaceId, CancellationToken cancellationToken) => inner.ListApiKeysAsync(workspaceId, cancellationToken);

        public Task<ApiKeyRevocation> RevokeApiKeyAsync(string keyId, OperatorActor actor, CancellationToken cancellationToken) => inner.RevokeApiKeyAsync(keyId, actor, cancellationToken);

        public Task<long> GetCatalogVersionAsync(string workspaceId, CancellationToken cancellationToken) => inner.GetCatalogVersionAsync(workspaceId, cancellationToken);

        public Task<Workspace> SetRateLimitsAsync(string workspaceId, RateLimitOverrides overrides, OperatorActor actor, CancellationToken cancellationToken) => inner.SetRateLimitsAsync(workspaceId, overrides, actor, cancellationToken);

        public Task<Workspace> SetDomainsAsync(string workspaceId, IReadOnlyList<string> domains, OperatorActor actor, CancellationToken cancellationToken) => inner.SetDomainsAsync(workspaceId, domains, actor, cancellationToken);

        public Task<Workspace> SetApproversAsync(string workspaceId, Approvers? approvers, OperatorActor actor, CancellationToken cancellationToken) => inner.SetApproversAsync(workspaceId, approvers, actor, cancellationToken);

        public Task<Workspace> SetToolModeAsync(string workspaceId, ToolMode mode, OperatorActor actor, CancellationToken cancellationToken) => inner.SetToolModeAsync(workspaceId, mode, actor, cancellationToken);
    }
}
