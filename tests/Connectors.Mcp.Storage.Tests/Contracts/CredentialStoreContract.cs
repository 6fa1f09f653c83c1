using System.Security.Cryptography;
using Connectors.Mcp.Core.Credentials;
using Connectors.Mcp.Core.Errors;
using Connectors.Mcp.Core.Security;
using Connectors.Mcp.Core.Storage;
using Connectors.Mcp.Core.Storage.Persistence;
using Connectors.Mcp.Storage.Tests.Backends;

namespace Connectors.Mcp.Storage.Tests.Contracts;

public abstract class CredentialStoreContract(StorageBackend backend)
{
    private const string AccessToken = "ya29.a0-ACCESS-TOKEN-that-must-never-be-stored-in-clear";
    private const string RefreshToken = "1//0g-REFRESH-TOKEN-that-must-never-be-stored-in-clear";
    private static readonly CancellationToken None = CancellationToken.None;
    private static readonly Dictionary<string, string> NoSettings = [];
    private static readonly OAuthTokens Tokens = new(AccessToken, RefreshToken, TestStores.Start.AddHours(1), "https://mail.google.com/", "Bearer");

    [SkippableFact]
    public async Task SaveTokensAsync_ThenGet_RoundTripsEveryField()
    {
        await using var storage = await backend.CreateAsync();
        var (workspace, connector) = await AddConnectorAsync(storage, "gmail");

        await storage.Credentials.SaveTokensAsync(workspace.Id, connector.Id, Tokens, None);

        Assert.Equal(Tokens, await storage.Credentials.GetTokensAsync(workspace.Id, connector.Id, None));
    }

    [SkippableFact]
    public async Task SaveTokensAsync_NoRefreshTokenNoExpiry_RoundTripsNulls()
    {
        await using var storage = await backend.CreateAsync();
        var (workspace, connector) = await AddConnectorAsync(storage, "gmail");
        var tokens = new OAuthTokens("only-access", null, null);

        await storage.Credentials.SaveTokensAsync(workspace.Id, connector.Id, tokens, None);

        Assert.Equal(tokens, await storage.Credentials.GetTokensAsync(workspace.Id, connector.Id, None));
        Assert.Null(await storage.ScalarRawAsync("SELECT expires_at FROM connector_credentials;"));
    }

    [SkippableFact]
    public async Task GetTokensAsync_NoneSaved_ReturnsNull()
    {
        await using var storage = await backend.CreateAsync();
        var (workspace, connector) = await AddConnectorAsync(storage, "gmail");

        Assert.Null(await storage.Credentials.GetTokensAsync(workspace.Id, connector.Id, None));
    }

    [SkippableFact]
    public async Task SaveTokensAsync_SavedTwice_IncrementsVersionAndKeepsExpiryInClear()
    {
        await using var storage = await backend.CreateAsync();
        var (workspace, connector) = await AddConnectorAsync(storage, "gmail");

        await storage.Credentials.SaveTokensAsync(workspace.Id, connector.Id, Tokens, None);
        Assert.Equal(1L, await storage.ScalarRawAsync("SELECT version FROM connector_credentials;"));
        var refreshed = Tokens with { AccessToken = "ya29.second", ExpiresAt = TestStores.Start.AddHours(2) };
        await storage.Credentials.SaveTokensAsync(workspace.Id, connector.Id, refreshed, None);

        Assert.Equal(2L, await storage.ScalarRawAsync("SELECT version FROM connector_credentials;"));
        Assert.Equal("2026-02-06T14:00:00.000Z", RawValues.TimeText(await storage.ScalarRawAsync("SELECT expires_at FROM connector_credentials;")));
        Assert.Equal("ya29.second", (await storage.Credentials.GetTokensAsync(workspace.Id, connector.Id, None))!.AccessToken);
    }

    [SkippableFact]
    public async Task SaveTokensAsync_NeedsReauthConnector_BecomesActiveAndBumpsCatalog()
    {
        await using var storage = await backend.CreateAsync();
        var (workspace, connector) = await AddConnectorAsync(storage, "gmail");
        var version = await storage.Workspaces.GetCatalogVersionAsync(workspace.Id, None);

        await storage.Credentials.SaveTokensAsync(workspace.Id, connector.Id, Tokens, None);

        Assert.Equal(ConnectorStatus.Active, (await storage.Connectors.FindAsync(connector.Id, None))!.Status);
        Assert.Equal(version + 1, await storage.Workspaces.GetCatalogVersionAsync(workspace.Id, None));
    }

    [SkippableFact]
    public async Task SaveTokensAsync_DisabledConnector_StaysDisabled()
    {
        await using var storage = await backend.CreateAsync();
        var (workspace, connector) = await AddConnectorAsync(storage, "gmail");
        await storage.Connectors.SetEnabledAsync(connector.Id, false, None);

        await storage.Credentials.SaveTokensAsync(workspace.Id, connector.Id, Tokens, None);

        Assert.Equal(ConnectorStatus.Disabled, (await storage.Connectors.FindAsync(connector.Id, None))!.Status);
    }

    [SkippableFact]
    public async Task SaveTokensAsync_ConnectorOfOtherWorkspace_ThrowsEntityNotFound()
    {
        await using var storage = await backend.CreateAsync();
        var (_, connector) = await AddConnectorAsync(storage, "gmail");
        var other = await storage.CreateWorkspaceAsync("other");

        await Assert.ThrowsAsync<EntityNotFoundException>(() => storage.Credentials.SaveTokensAsync(other.Id, connector.Id, Tokens, None));
        Assert.Equal(0L, await storage.ScalarRawAsync("SELECT COUNT(*) FROM connector_credentials;"));
    }

    [SkippableFact]
    public async Task SaveTokensAsync_Always_KeepsTokenPlaintextOutOfTheDatabaseFiles()
    {
        await using var storage = await backend.CreateAsync();
        var (workspace, connector) = await AddConnectorAsync(storage, "gmail");

        await storage.Credentials.SaveTokensAsync(workspace.Id, connector.Id, Tokens, None);

        Assert.False(await storage.ContainsAsync(AccessToken));
        Assert.False(await storage.ContainsAsync(RefreshToken));
        Assert.False(await storage.ContainsAsync("ACCESS-TOKEN"));
        Assert.True(await storage.ContainsAsync(connector.Id)); // the search does find what is stored in clear
    }

    [SkippableFact]
    public async Task GetTokensAsync_CiphertextCopiedToAnotherConnector_ThrowsReconnectRequired()
    {
        await using var storage = await backend.CreateAsync();
        var (workspace, victim) = await AddConnectorAsync(storage, "gmail");
        var attacker = await storage.Connectors.AddAsync(workspace.Id, "gmail", "work_mail", NoSettings, None);
        await storage.Credentials.SaveTokensAsync(workspace.Id, victim.Id, Tokens, None);

        await storage.ExecuteRawAsync(
            """
            INSERT INTO connector_credentials (connector_id, workspace_id, tokens_encrypted, expires_at, version, created_at, updated_at)
            SELECT @attacker, workspace_id, tokens_encrypted, expires_at, version, created_at, updated_at FROM connector_credentials WHERE connector_id = @victim;
            """,
            ("@attacker", attacker.Id),
            ("@victim", victim.Id));

        var error = await Assert.ThrowsAsync<ReconnectRequiredException>(() => storage.Credentials.GetTokensAsync(workspace.Id, attacker.Id, None));

        Assert.Contains(attacker.Id, error.Message, StringComparison.Ordinal);
        Assert.Contains("reconnect", error.Message, StringComparison.Ordinal);
        Assert.Equal(Tokens, await storage.Credentials.GetTokensAsync(workspace.Id, victim.Id, None));
    }

    [SkippableFact]
    public async Task GetTokensAsync_TamperedCiphertext_ThrowsReconnectRequiredWithoutSecrets()
    {
        await using var storage = await backend.CreateAsync();
        var (workspace, connector) = await AddConnectorAsync(storage, "gmail");
        await storage.Credentials.SaveTokensAsync(workspace.Id, connector.Id, Tokens, None);
        var stored = (byte[])(await storage.ScalarRawAsync("SELECT tokens_encrypted FROM connector_credentials;"))!;
        var tampered = (byte[])stored.Clone();
        tampered[^1] ^= 0x01;
        await storage.ExecuteRawAsync("UPDATE connector_credentials SET tokens_encrypted = @blob;", ("@blob", tampered));

        var error = await Assert.ThrowsAsync<ReconnectRequiredException>(() => storage.Credentials.GetTokensAsync(workspace.Id, connector.Id, None));

        Assert.Equal("reconnect_required", error.Code);
        Assert.DoesNotContain(Convert.ToBase64String(stored), error.ToString(), StringComparison.Ordinal);
        Assert.DoesNotContain(Convert.ToHexString(stored), error.ToString(), StringComparison.OrdinalIgnoreCase);
        Assert.DoesNotContain(AccessToken, error.ToString(), StringComparison.Ordinal);
    }

    [SkippableFact]
    public async Task GetTokensAsync_WrongMasterKey_ThrowsReconnectRequired()
    {
        await using var storage = await backend.CreateAsync();
        var (workspace, connector) = await AddConnectorAsync(storage, "gmail");
        await storage.Credentials.SaveTokensAsync(workspace.Id, connector.Id, Tokens, None);
        // The row as a server with another master key would have written it (same row, same associated data).
        var otherKey = new SecretProtector(RandomNumberGenerator.GetBytes(32));
        await storage.ExecuteRawAsync(
            "UPDATE connector_credentials SET tokens_encrypted = @blob;",
            ("@blob", otherKey.Protect(TokenJson.Serialize(Tokens), SecretProtector.ConnectorContext(workspace.Id, connector.Id))));

        var error = await Assert.ThrowsAsync<ReconnectRequiredException>(() => storage.Credentials.GetTokensAsync(workspace.Id, connector.Id, None));

        Assert.Contains(connector.Id, error.Message, StringComparison.Ordinal);
    }

    [SkippableFact]
    public async Task DeleteTokensAsync_ActiveConnector_RemovesTokensAndNeedsReauth()
    {
        await using var storage = await backend.CreateAsync();
        var (workspace, connector) = await AddConnectorAsync(storage, "gmail");
        await storage.Credentials.SaveTokensAsync(workspace.Id, connector.Id, Tokens, None);

        await storage.Credentials.DeleteTokensAsync(connector.Id, None);

        Assert.Null(await storage.Credentials.GetTokensAsync(workspace.Id, connector.Id, None));
        Assert.Equal(ConnectorStatus.NeedsReauth, (await storage.Connectors.FindAsync(connector.Id, None))!.Status);
    }

    [SkippableFact]
    public async Task SetOAuthClientAsync_ThenGet_RoundTripsAndEncryptsSecret()
    {
        await using var storage = await backend.CreateAsync();
        const string secret = "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";

        await storage.Credentials.SetOAuthClientAsync(new OAuthClientCredentials("google", "123.apps.googleusercontent.com", secret), None);

        var client = await storage.Credentials.GetOAuthClientAsync("google", None);
        Assert.Equal(new OAuthClientCredentials("google", "123.apps.googleusercontent.com", secret), client);
        Assert.False(await storage.ContainsAsync(secret));
        Assert.True(await storage.ContainsAsync("123.apps.googleusercontent.com"));
        Assert.Null(await storage.Credentials.GetOAuthClientAsync("zoom", None));
    }

    [SkippableFact]
    public async Task SetOAuthClientAsync_SetAgainWithoutSecret_ReplacesIt()
    {
        await using var storage = await backend.CreateAsync();
        await storage.Credentials.SetOAuthClientAsync(new OAuthClientCredentials("microsoft", "first", "secret"), None);

        await storage.Credentials.SetOAuthClientAsync(new OAuthClientCredentials("microsoft", "second", null), None);

        Assert.Equal(new OAuthClientCredentials("microsoft", "second", null), await storage.Credentials.GetOAuthClientAsync("microsoft", None));
    }

    [SkippableTheory]
    [InlineData("Google")]
    [InlineData("")]
    [InlineData("two words")]
    [InlineData("a_provider_key_longer_than_32_chars")]
    public async Task SetOAuthClientAsync_NotAProviderKey_ThrowsArgumentException(string provider)
    {
        await using var storage = await backend.CreateAsync();

        var error = await Assert.ThrowsAsync<ArgumentException>(() => storage.Credentials.SetOAuthClientAsync(new OAuthClientCredentials(provider, "id", "secret"), None));

        Assert.Contains("is not a provider key", error.Message, StringComparison.Ordinal);
    }

    [SkippableFact]
    public async Task SetOAuthClientAsync_AnyWellFormedProviderKey_IsStored_TheDatabaseListsNoProviders()
    {
        // Which providers exist is the build's registration (ProviderCatalog); migration 0011 dropped the CHECK list.
        await using var storage = await backend.CreateAsync();

        await storage.Credentials.SetOAuthClientAsync(new OAuthClientCredentials("hubspot", "id", "secret"), None);

        Assert.Equal(new OAuthClientCredentials("hubspot", "id", "secret"), await storage.Credentials.GetOAuthClientAsync("hubspot", None));
    }

    [SkippableFact]
    public async Task GetOAuthClientAsync_SecretCopiedFromOtherProvider_ThrowsInvalidState()
    {
        await using var storage = await backend.CreateAsync();
        await storage.Credentials.SetOAuthClientAsync(new OAuthClientCredentials("google", "g", "google-secret"), None);
        await storage.Credentials.SetOAuthClientAsync(new OAuthClientCredentials("zoom", "z", "zoom-secret"), None);

        await storage.ExecuteRawAsync("UPDATE oauth_clients SET client_secret_encrypted = (SELECT client_secret_encrypted FROM oauth_clients WHERE provider = 'google') WHERE provider = 'zoom';");

        var error = await Assert.ThrowsAsync<InvalidStateException>(() => storage.Credentials.GetOAuthClientAsync("zoom", None));
        Assert.Contains("oauth-client set zoom", error.Message, StringComparison.Ordinal);
        Assert.DoesNotContain("google-secret", error.Message, StringComparison.Ordinal);
    }

    private static async Task<(Workspace Workspace, ConnectorInstance Connector)> AddConnectorAsync(TestStores storage, string name)
    {
        var workspace = await storage.CreateWorkspaceAsync();
        var connector = await storage.Connectors.AddAsync(workspace.Id, "gmail", name, NoSettings, None);
        return (workspace, connector);
    }
}
