using Connectors.Mcp.Storage.Sqlite.Internal;
using System.Security.Cryptography;
using Connectors.Mcp.Core.Credentials;
using Connectors.Mcp.Core.Errors;
using Connectors.Mcp.Core.Security;
using Connectors.Mcp.Core.Storage;

namespace Connectors.Mcp.Storage.Sqlite.Tests;

public sealed class SqliteCredentialStoreTests
{
    private const string AccessToken = "ya29.a0-ACCESS-TOKEN-that-must-never-be-stored-in-clear";
    private const string RefreshToken = "1//0g-REFRESH-TOKEN-that-must-never-be-stored-in-clear";
    private static readonly CancellationToken None = CancellationToken.None;
    private static readonly Dictionary<string, string> NoSettings = [];
    private static readonly OAuthTokens Tokens = new(AccessToken, RefreshToken, TestStorage.Start.AddHours(1), "https://mail.google.com/", "Bearer");

    [Fact]
    public async Task SaveTokensAsync_ThenGet_RoundTripsEveryField()
    {
        using var storage = await TestStorage.CreateAsync();
        var (workspace, connector) = await AddConnectorAsync(storage, "gmail");

        await storage.Credentials.SaveTokensAsync(workspace.Id, connector.Id, Tokens, None);

        Assert.Equal(Tokens, await storage.Credentials.GetTokensAsync(workspace.Id, connector.Id, None));
    }

    [Fact]
    public async Task SaveTokensAsync_NoRefreshTokenNoExpiry_RoundTripsNulls()
    {
        using var storage = await TestStorage.CreateAsync();
        var (workspace, connector) = await AddConnectorAsync(storage, "gmail");
        var tokens = new OAuthTokens("only-access", null, null);

        await storage.Credentials.SaveTokensAsync(workspace.Id, connector.Id, tokens, None);

        Assert.Equal(tokens, await storage.Credentials.GetTokensAsync(workspace.Id, connector.Id, None));
        Assert.Equal(DBNull.Value, storage.ScalarRaw("SELECT expires_at FROM connector_credentials;"));
    }

    [Fact]
    public async Task GetTokensAsync_NoneSaved_ReturnsNull()
    {
        using var storage = await TestStorage.CreateAsync();
        var (workspace, connector) = await AddConnectorAsync(storage, "gmail");

        Assert.Null(await storage.Credentials.GetTokensAsync(workspace.Id, connector.Id, None));
    }

    [Fact]
    public async Task SaveTokensAsync_SavedTwice_IncrementsVersionAndKeepsExpiryInClear()
    {
        using var storage = await TestStorage.CreateAsync();
        var (workspace, connector) = await AddConnectorAsync(storage, "gmail");

        await storage.Credentials.SaveTokensAsync(workspace.Id, connector.Id, Tokens, None);
        Assert.Equal(1L, storage.ScalarRaw("SELECT version FROM connector_credentials;"));
        var refreshed = Tokens with { AccessToken = "ya29.second", ExpiresAt = TestStorage.Start.AddHours(2) };
        await storage.Credentials.SaveTokensAsync(workspace.Id, connector.Id, refreshed, None);

        Assert.Equal(2L, storage.ScalarRaw("SELECT version FROM connector_credentials;"));
        Assert.Equal("2026-02-06T14:00:00.000Z", storage.ScalarRaw("SELECT expires_at FROM connector_credentials;"));
        Assert.Equal("ya29.second", (await storage.Credentials.GetTokensAsync(workspace.Id, connector.Id, None))!.AccessToken);
    }

    [Fact]
    public async Task SaveTokensAsync_NeedsReauthConnector_BecomesActiveAndBumpsCatalog()
    {
        using var storage = await TestStorage.CreateAsync();
        var (workspace, connector) = await AddConnectorAsync(storage, "gmail");
        var version = await storage.Workspaces.GetCatalogVersionAsync(workspace.Id, None);

        await storage.Credentials.SaveTokensAsync(workspace.Id, connector.Id, Tokens, None);

        Assert.Equal(ConnectorStatus.Active, (await storage.Connectors.FindAsync(connector.Id, None))!.Status);
        Assert.Equal(version + 1, await storage.Workspaces.GetCatalogVersionAsync(workspace.Id, None));
    }

    [Fact]
    public async Task SaveTokensAsync_DisabledConnector_StaysDisabled()
    {
        using var storage = await TestStorage.CreateAsync();
        var (workspace, connector) = await AddConnectorAsync(storage, "gmail");
        await storage.Connectors.SetEnabledAsync(connector.Id, false, None);

        await storage.Credentials.SaveTokensAsync(workspace.Id, connector.Id, Tokens, None);

        Assert.Equal(ConnectorStatus.Disabled, (await storage.Connectors.FindAsync(connector.Id, None))!.Status);
    }

    [Fact]
    public async Task SaveTokensAsync_ConnectorOfOtherWorkspace_ThrowsEntityNotFound()
    {
        using var storage = await TestStorage.CreateAsync();
        var (_, connector) = await AddConnectorAsync(storage, "gmail");
        var other = await storage.CreateWorkspaceAsync("other");

        await Assert.ThrowsAsync<EntityNotFoundException>(() => storage.Credentials.SaveTokensAsync(other.Id, connector.Id, Tokens, None));
        Assert.Equal(0L, storage.ScalarRaw("SELECT COUNT(*) FROM connector_credentials;"));
    }

    [Fact]
    public async Task SaveTokensAsync_Always_KeepsTokenPlaintextOutOfTheDatabaseFiles()
    {
        using var storage = await TestStorage.CreateAsync();
        var (workspace, connector) = await AddConnectorAsync(storage, "gmail");

        await storage.Credentials.SaveTokensAsync(workspace.Id, connector.Id, Tokens, None);

        Assert.False(storage.FilesContain(AccessToken));
        Assert.False(storage.FilesContain(RefreshToken));
        Assert.False(storage.FilesContain("ACCESS-TOKEN"));
        Assert.True(storage.FilesContain(connector.Id)); // the search does find what is stored in clear
    }

    [Fact]
    public async Task GetTokensAsync_CiphertextCopiedToAnotherConnector_ThrowsReconnectRequired()
    {
        using var storage = await TestStorage.CreateAsync();
        var (workspace, victim) = await AddConnectorAsync(storage, "gmail");
        var attacker = await storage.Connectors.AddAsync(workspace.Id, "gmail", "work_mail", NoSettings, None);
        await storage.Credentials.SaveTokensAsync(workspace.Id, victim.Id, Tokens, None);

        storage.ExecuteRaw(
            """
            INSERT INTO connector_credentials (connector_id, workspace_id, tokens_encrypted, expires_at, version, created_at, updated_at)
            SELECT $attacker, workspace_id, tokens_encrypted, expires_at, version, created_at, updated_at FROM connector_credentials WHERE connector_id = $victim;
            """,
            ("$attacker", attacker.Id),
            ("$victim", victim.Id));

        var error = await Assert.ThrowsAsync<ReconnectRequiredException>(() => storage.Credentials.GetTokensAsync(workspace.Id, attacker.Id, None));

        Assert.Contains(attacker.Id, error.Message, StringComparison.Ordinal);
        Assert.Contains("reconnect", error.Message, StringComparison.Ordinal);
        Assert.Equal(Tokens, await storage.Credentials.GetTokensAsync(workspace.Id, victim.Id, None));
    }

    [Fact]
    public async Task GetTokensAsync_TamperedCiphertext_ThrowsReconnectRequiredWithoutSecrets()
    {
        using var storage = await TestStorage.CreateAsync();
        var (workspace, connector) = await AddConnectorAsync(storage, "gmail");
        await storage.Credentials.SaveTokensAsync(workspace.Id, connector.Id, Tokens, None);
        var stored = (byte[])storage.ScalarRaw("SELECT tokens_encrypted FROM connector_credentials;")!;
        var tampered = (byte[])stored.Clone();
        tampered[^1] ^= 0x01;
        storage.ExecuteRaw("UPDATE connector_credentials SET tokens_encrypted = $blob;", ("$blob", tampered));

        var error = await Assert.ThrowsAsync<ReconnectRequiredException>(() => storage.Credentials.GetTokensAsync(workspace.Id, connector.Id, None));

        Assert.Equal("reconnect_required", error.Code);
        Assert.DoesNotContain(Convert.ToBase64String(stored), error.ToString(), StringComparison.Ordinal);
        Assert.DoesNotContain(Convert.ToHexString(stored), error.ToString(), StringComparison.OrdinalIgnoreCase);
        Assert.DoesNotContain(AccessToken, error.ToString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task GetTokensAsync_WrongMasterKey_ThrowsReconnectRequired()
    {
        using var storage = await TestStorage.CreateAsync();
        var (workspace, connector) = await AddConnectorAsync(storage, "gmail");
        await storage.Credentials.SaveTokensAsync(workspace.Id, connector.Id, Tokens, None);
        var otherKey = new SqliteCredentialStore(storage.Database, storage.Time, new SecretProtector(RandomNumberGenerator.GetBytes(32)));

        var error = await Assert.ThrowsAsync<ReconnectRequiredException>(() => otherKey.GetTokensAsync(workspace.Id, connector.Id, None));

        Assert.Contains(connector.Id, error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task DeleteTokensAsync_ActiveConnector_RemovesTokensAndNeedsReauth()
    {
        using var storage = await TestStorage.CreateAsync();
        var (workspace, connector) = await AddConnectorAsync(storage, "gmail");
        await storage.Credentials.SaveTokensAsync(workspace.Id, connector.Id, Tokens, None);

        await storage.Credentials.DeleteTokensAsync(connector.Id, None);

        Assert.Null(await storage.Credentials.GetTokensAsync(workspace.Id, connector.Id, None));
        Assert.Equal(ConnectorStatus.NeedsReauth, (await storage.Connectors.FindAsync(connector.Id, None))!.Status);
    }

    [Fact]
    public async Task SetOAuthClientAsync_ThenGet_RoundTripsAndEncryptsSecret()
    {
        using var storage = await TestStorage.CreateAsync();
        const string secret = "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";

        await storage.Credentials.SetOAuthClientAsync(new OAuthClientCredentials("google", "123.apps.googleusercontent.com", secret), None);

        var client = await storage.Credentials.GetOAuthClientAsync("google", None);
        Assert.Equal(new OAuthClientCredentials("google", "123.apps.googleusercontent.com", secret), client);
        Assert.False(storage.FilesContain(secret));
        Assert.True(storage.FilesContain("123.apps.googleusercontent.com"));
        Assert.Null(await storage.Credentials.GetOAuthClientAsync("zoom", None));
    }

    [Fact]
    public async Task SetOAuthClientAsync_SetAgainWithoutSecret_ReplacesIt()
    {
        using var storage = await TestStorage.CreateAsync();
        await storage.Credentials.SetOAuthClientAsync(new OAuthClientCredentials("microsoft", "first", "secret"), None);

        await storage.Credentials.SetOAuthClientAsync(new OAuthClientCredentials("microsoft", "second", null), None);

        Assert.Equal(new OAuthClientCredentials("microsoft", "second", null), await storage.Credentials.GetOAuthClientAsync("microsoft", None));
    }

    [Theory]
    [InlineData("Google")]
    [InlineData("")]
    [InlineData("two words")]
    [InlineData("a_provider_key_longer_than_32_chars")]
    public async Task SetOAuthClientAsync_NotAProviderKey_ThrowsArgumentException(string provider)
    {
        using var storage = await TestStorage.CreateAsync();

        var error = await Assert.ThrowsAsync<ArgumentException>(() => storage.Credentials.SetOAuthClientAsync(new OAuthClientCredentials(provider, "id", "secret"), None));

        Assert.Contains("is not a provider key", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Migration0011_KeepsTheOAuthClientsOfADatabaseMadeBeforeIt()
    {
        // A database at version 10 (the provider CHECK list in place) with a stored client, then migrated to the newest.
        using var storage = TestStorage.CreateEmpty();
        Directory.CreateDirectory(storage.Folder);
        storage.ExecuteRaw("CREATE TABLE schema_migrations (version INTEGER PRIMARY KEY, name TEXT NOT NULL, applied_at TEXT NOT NULL) STRICT;");
        foreach (var migration in SqliteMigrations.All.Where(m => m.Version <= 10))
        {
            storage.ExecuteRaw(migration.Sql);
            storage.ExecuteRaw("INSERT INTO schema_migrations (version, name, applied_at) VALUES ($v, $n, '2026-01-01T00:00:00.000Z');", ("$v", migration.Version), ("$n", migration.Name));
        }

        Assert.ThrowsAny<Microsoft.Data.Sqlite.SqliteException>(() => storage.ExecuteRaw(
            "INSERT INTO oauth_clients (provider, client_id, updated_at) VALUES ('hubspot', 'x', '2026-01-01T00:00:00.000Z');"));
        storage.ExecuteRaw(
            "INSERT INTO oauth_clients (provider, client_id, client_secret_encrypted, updated_at) VALUES ('google', 'kept-id', $secret, '2026-01-01T00:00:00.000Z');",
            ("$secret", storage.Protector.Protect("kept-secret", Connectors.Mcp.Core.Security.SecretProtector.OAuthClientContext("google"))));

        await storage.Database.MigrateAsync(None);

        Assert.Equal(new OAuthClientCredentials("google", "kept-id", "kept-secret"), await storage.Credentials.GetOAuthClientAsync("google", None));
        await storage.Credentials.SetOAuthClientAsync(new OAuthClientCredentials("hubspot", "id", null), None);
        Assert.Equal("hubspot", (await storage.Credentials.GetOAuthClientAsync("hubspot", None))?.Provider);
    }

    [Fact]
    public async Task SetOAuthClientAsync_AnyWellFormedProviderKey_IsStored_TheDatabaseListsNoProviders()
    {
        // Which providers exist is the build's registration (ProviderCatalog); migration 0011 dropped the CHECK list.
        using var storage = await TestStorage.CreateAsync();

        await storage.Credentials.SetOAuthClientAsync(new OAuthClientCredentials("hubspot", "id", "secret"), None);

        Assert.Equal(new OAuthClientCredentials("hubspot", "id", "secret"), await storage.Credentials.GetOAuthClientAsync("hubspot", None));
    }

    [Fact]
    public async Task GetOAuthClientAsync_SecretCopiedFromOtherProvider_ThrowsInvalidState()
    {
        using var storage = await TestStorage.CreateAsync();
        await storage.Credentials.SetOAuthClientAsync(new OAuthClientCredentials("google", "g", "google-secret"), None);
        await storage.Credentials.SetOAuthClientAsync(new OAuthClientCredentials("zoom", "z", "zoom-secret"), None);

        storage.ExecuteRaw("UPDATE oauth_clients SET client_secret_encrypted = (SELECT client_secret_encrypted FROM oauth_clients WHERE provider = 'google') WHERE provider = 'zoom';");

        var error = await Assert.ThrowsAsync<InvalidStateException>(() => storage.Credentials.GetOAuthClientAsync("zoom", None));
        Assert.Contains("oauth-client set zoom", error.Message, StringComparison.Ordinal);
        Assert.DoesNotContain("google-secret", error.Message, StringComparison.Ordinal);
    }

    private static async Task<(Workspace Workspace, ConnectorInstance Connector)> AddConnectorAsync(TestStorage storage, string name)
    {
        var workspace = await storage.CreateWorkspaceAsync();
        var connector = await storage.Connectors.AddAsync(workspace.Id, "gmail", name, NoSettings, None);
        return (workspace, connector);
    }
}
