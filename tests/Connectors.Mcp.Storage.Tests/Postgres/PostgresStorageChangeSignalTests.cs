using Connectors.Mcp.Core.Storage;
using Connectors.Mcp.Storage.Postgres;
using Connectors.Mcp.TestSupport.Postgres;
using Microsoft.Extensions.Time.Testing;

namespace Connectors.Mcp.Storage.Tests.Postgres;

/// <summary>
/// LISTEN/NOTIFY wakes waiters. The clock is fake and never advanced, so a wait can only end by a notification (or
/// cancellation): no test here depends on timing.
/// </summary>
public sealed class PostgresStorageChangeSignalTests
{
    private static readonly TimeSpan Forever = TimeSpan.FromDays(1);

    [SkippableFact]
    public async Task ANotificationFromAnotherConnection_WakesEveryWaiter()
    {
        await using var schema = await PostgresTestServer.CreateSchemaAsync("sig");
        await using var database = new PostgresDatabase(schema.ConnectionString, new FakeTimeProvider());
        await using var signal = new PostgresStorageChangeSignal(database, new FakeTimeProvider());
        using var timeout = new CancellationTokenSource(TimeSpan.FromMinutes(1));
        await signal.WaitUntilListeningAsync(timeout.Token);

        var waiters = Enumerable.Range(0, 3).Select(_ => signal.WaitAsync(StorageChanges.All, Forever, timeout.Token)).ToArray();
        await using (var other = new PostgresDatabase(schema.ConnectionString, new FakeTimeProvider()))
        {
            // Another schema's change (another deployment on the same database) wakes nobody here.
            await using (var foreign = other.DataSource.CreateCommand($"SELECT pg_notify('{PostgresStorageChangeSignal.Channel}', 'elsewhere.approvals')"))
            {
                await foreign.ExecuteNonQueryAsync(timeout.Token);
            }

            await using var notify = other.DataSource.CreateCommand($"SELECT pg_notify('{PostgresStorageChangeSignal.Channel}', '{schema.Name}.approvals')");
            await notify.ExecuteNonQueryAsync(timeout.Token);
        }

        await Task.WhenAll(waiters);
        Assert.Equal(1, signal.Notifications);
    }

    [SkippableFact]
    public async Task WithoutANotification_AWaitEndsOnlyWhenItsTimeoutPasses()
    {
        await using var schema = await PostgresTestServer.CreateSchemaAsync("sig");
        var time = new FakeTimeProvider();
        await using var database = new PostgresDatabase(schema.ConnectionString, time);
        await using var signal = new PostgresStorageChangeSignal(database, time);
        using var timeout = new CancellationTokenSource(TimeSpan.FromMinutes(1));
        await signal.WaitUntilListeningAsync(timeout.Token);

        var wait = signal.WaitAsync(StorageChanges.All, TimeSpan.FromSeconds(5), timeout.Token);
        Assert.False(wait.IsCompleted);
        time.Advance(TimeSpan.FromSeconds(5));

        await wait;
        Assert.Equal(0, signal.Notifications);
    }

    [SkippableFact]
    public async Task AWorkspaceChangeCommittedByAnotherInstance_WakesTheWaiter_AndARolledBackOneDoesNot()
    {
        await using var schema = await PostgresTestServer.CreateSchemaAsync("sig");
        var time = new FakeTimeProvider();
        await using var database = new PostgresDatabase(schema.ConnectionString, time);
        await database.MigrateAsync(CancellationToken.None);
        await using var signal = new PostgresStorageChangeSignal(database, time);
        using var timeout = new CancellationTokenSource(TimeSpan.FromMinutes(1));
        await signal.WaitUntilListeningAsync(timeout.Token);
        await using var other = new PostgresDatabase(schema.ConnectionString, time);

        await using (var connection = await other.DataSource.OpenConnectionAsync(timeout.Token))
        await using (var transaction = await connection.BeginTransactionAsync(timeout.Token))
        {
            await using var insert = new Npgsql.NpgsqlCommand("INSERT INTO workspaces (id, slug, plan, catalog_version, created_at) VALUES ('ws_x', 'x', 'free', 0, now())", connection, transaction);
            await insert.ExecuteNonQueryAsync(timeout.Token);
            await transaction.RollbackAsync(timeout.Token);
        }

        var wait = signal.WaitAsync(StorageChanges.Workspaces, Forever, timeout.Token);
        await new Connectors.Mcp.Storage.Postgres.PostgresWorkspaceStore(other, time).CreateAsync("acme", Core.Storage.WorkspacePlan.Free, timeout.Token);

        await wait;
        Assert.Equal(1, signal.Notifications);
    }

    [SkippableFact]
    public async Task AnApprovalChange_WakesApprovalWaiters_NotTheCatalogsPollers()
    {
        await using var schema = await PostgresTestServer.CreateSchemaAsync("sig");
        var time = new FakeTimeProvider();
        await using var database = new PostgresDatabase(schema.ConnectionString, time);
        await using var signal = new PostgresStorageChangeSignal(database, time);
        using var timeout = new CancellationTokenSource(TimeSpan.FromMinutes(1));
        await signal.WaitUntilListeningAsync(timeout.Token);
        var catalog = signal.WaitAsync(StorageChanges.Workspaces, Forever, timeout.Token);
        var approvals = signal.WaitAsync(StorageChanges.Approvals | StorageChanges.Connectors, Forever, timeout.Token);

        await using (var notify = database.DataSource.CreateCommand($"SELECT pg_notify('{PostgresStorageChangeSignal.Channel}', '{schema.Name}.approvals')"))
        {
            await notify.ExecuteNonQueryAsync(timeout.Token);
        }

        await approvals;
        // Once the notification is fully handled (its count moves after the wake), the catalog's waiter was not woken by it.
        while (signal.Notifications < 1)
        {
            await Task.Delay(10, timeout.Token);
        }

        Assert.Equal(1, signal.Notifications);

        // A wrongly woken waiter would finish at once; give it a moment (this can only ever let a bug pass, never fail a
        // correct build), then a catalog change does wake it.
        Assert.NotSame(catalog, await Task.WhenAny(catalog, Task.Delay(TimeSpan.FromMilliseconds(300), timeout.Token)));
        await using (var notify = database.DataSource.CreateCommand($"SELECT pg_notify('{PostgresStorageChangeSignal.Channel}', '{schema.Name}.workspaces')"))
        {
            await notify.ExecuteNonQueryAsync(timeout.Token);
        }

        await catalog;
    }
}
