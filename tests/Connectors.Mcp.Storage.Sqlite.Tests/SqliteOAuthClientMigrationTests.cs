using Connectors.Mcp.Core.Credentials;
using Connectors.Mcp.Storage.Sqlite.Internal;

namespace Connectors.Mcp.Storage.Sqlite.Tests;

/// <summary>Migration 0011 on a SQLite file made before it (the store's contract: Connectors.Mcp.Storage.Tests CredentialStoreContract).</summary>
public sealed class SqliteOAuthClientMigrationTests
{
    private static readonly CancellationToken None = CancellationToken.None;

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
}
