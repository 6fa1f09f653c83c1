using System.Security.Cryptography;
using System.Text;
using Connectors.Mcp.Core.Storage;
using Connectors.Mcp.Storage.Postgres;
using Connectors.Mcp.Storage.Postgres.Internal;
using Connectors.Mcp.TestSupport.Postgres;
using Microsoft.Extensions.Time.Testing;
using Npgsql;

namespace Connectors.Mcp.Storage.Tests.Backends;

/// <summary>Every PostgreSQL store on one schema of the test cluster (dropped on dispose).</summary>
public sealed class PostgresTestStores : TestStores
{
    private readonly PostgresTestSchema? _schema;
    private readonly string _connectionString;
    private readonly List<PostgresTestStores> _others = [];

    private PostgresTestStores(PostgresTestSchema? schema, string connectionString, FakeTimeProvider time, byte[] masterKey)
        : base(time, masterKey)
    {
        _schema = schema;
        _connectionString = connectionString;
        Database = new PostgresDatabase(connectionString, time);

        // Each store as it is ported (until then its property throws).
        Workspaces = new PostgresWorkspaceStore(Database, time);
        Connectors = new PostgresConnectorStore(Database, time);
        Credentials = new PostgresCredentialStore(Database, time, Protector);
        Policies = new PostgresPolicyStore(Database, time);
        Rules = new PostgresApprovalRuleStore(Database, time);
    }

    public override string Backend => "postgres";

    public PostgresDatabase Database { get; }

    public override IWorkspaceStore Workspaces { get; }

    public override IConnectorStore Connectors { get; }

    public override ICredentialStore Credentials { get; }

    public override IPolicyStore Policies { get; }

    public override IApprovalRuleStore Rules { get; }

    public override IApprovalStore Approvals => field ??= new PostgresApprovalStore(Database, Time, Protector);

    public override IAuditLog Audit => field ??= new PostgresAuditLog(Database);

    public override IOperatorAuditLog OperatorAudit => field ??= new PostgresOperatorAuditLog(Database);

    public override IOAuthStateStore OAuthStates => field ??= new PostgresOAuthStateStore(Database, Time, Protector);

    public override IIdempotencyStore Idempotency => field ??= new PostgresIdempotencyStore(Database, Time, Protector);

    public override IAdminTokenStore AdminTokens => field ??= new PostgresAdminTokenStore(Database, Time);

    public override IWorkspaceWatermarks Watermarks => field ??= new PostgresWorkspaceWatermarks(Database);

    public override IInterruptedCallReconciler Reconciler => field ??= new PostgresInterruptedCallReconciler(Database, Time);

    internal static PostgresTestStores Create(PostgresTestSchema schema) =>
        new(schema, schema.ConnectionString, new FakeTimeProvider(Start), RandomNumberGenerator.GetBytes(32));

    internal async Task InitialiseAsync()
    {
        await Database.MigrateAsync(CancellationToken.None);
        await DefineConnectorTypesAsync();
    }

    public override Task<TestStores> OpenAnotherInstanceAsync()
    {
        var other = new PostgresTestStores(null, _connectionString, Time, MasterKey);
        _others.Add(other);
        return Task.FromResult<TestStores>(other);
    }

    public override object TimeValue(DateTimeOffset value) => value.ToUniversalTime();

    /// <summary>A session of its own (not pooled) holding the owner's lock; disposing it ends the session, as a killed process's does.</summary>
    public override async Task<IAsyncDisposable> HoldOwnerAliveAsync(string owner)
    {
        var connection = new NpgsqlConnection(new NpgsqlConnectionStringBuilder(_connectionString) { Pooling = false }.ConnectionString);
        await connection.OpenAsync();
        await using var take = new NpgsqlCommand($"SELECT pg_advisory_lock({OwnerLiveness.KeySql})", connection);
        take.Parameters.AddWithValue("owner", owner);
        await take.ExecuteNonQueryAsync();
        return new OwnerSession(connection, Database);
    }

    public override async Task<int> ExecuteRawAsync(string sql, params (string Name, object? Value)[] parameters)
    {
        await using var connection = await Database.DataSource.OpenConnectionAsync();
        await using var command = Command(connection, sql, parameters);
        return await command.ExecuteNonQueryAsync();
    }

    public override async Task<object?> ScalarRawAsync(string sql, params (string Name, object? Value)[] parameters)
    {
        await using var connection = await Database.DataSource.OpenConnectionAsync();
        await using var command = Command(connection, sql, parameters);
        var value = await command.ExecuteScalarAsync();
        return value is DBNull ? null : value;
    }

    /// <summary>Whether the text appears in any column of any table of the schema (each row as its text form).</summary>
    public override async Task<bool> ContainsAsync(string text)
    {
        await using var connection = await Database.DataSource.OpenConnectionAsync();
        var tables = new List<string>();
        await using (var list = new NpgsqlCommand("SELECT tablename FROM pg_tables WHERE schemaname = current_schema()", connection))
        await using (var reader = await list.ExecuteReaderAsync())
        {
            while (await reader.ReadAsync())
            {
                tables.Add(reader.GetString(0));
            }
        }

        foreach (var table in tables)
        {
            // bytea columns print as hex in a row's text; compare against the hex of the text too.
            await using var search = new NpgsqlCommand(
                $"SELECT EXISTS (SELECT 1 FROM \"{table}\" t WHERE strpos(t::text, @text) > 0 OR strpos(t::text, @hex) > 0)", connection);
            search.Parameters.AddWithValue("text", text);
            search.Parameters.AddWithValue("hex", Convert.ToHexStringLower(Encoding.UTF8.GetBytes(text)));
            if ((bool)(await search.ExecuteScalarAsync())!)
            {
                return true;
            }
        }

        return false;
    }

    public override async ValueTask DisposeAsync()
    {
        foreach (var other in _others)
        {
            await other.DisposeAsync();
        }

        await Database.DisposeAsync();
        if (_schema is not null)
        {
            await _schema.DisposeAsync();
        }
    }

    private static NpgsqlCommand Command(NpgsqlConnection connection, string sql, (string Name, object? Value)[] parameters)
    {
        var command = new NpgsqlCommand(sql, connection);
        foreach (var (name, value) in parameters)
        {
            command.Parameters.AddWithValue(name.TrimStart('@'), value ?? DBNull.Value);
        }

        return command;
    }

    private static NotSupportedException NotPorted() => new("This store has no PostgreSQL implementation yet.");

    /// <summary>Closing the socket ends the server's session a moment later; wait until it has, so its locks are free.</summary>
    private sealed class OwnerSession(NpgsqlConnection connection, PostgresDatabase database) : IAsyncDisposable
    {
        public async ValueTask DisposeAsync()
        {
            var pid = connection.ProcessID;
            await connection.DisposeAsync();
            await using var gone = database.DataSource.CreateCommand("SELECT NOT EXISTS (SELECT 1 FROM pg_stat_activity WHERE pid = @pid)");
            gone.Parameters.AddWithValue("pid", pid);
            for (var i = 0; i < 200 && !(bool)(await gone.ExecuteScalarAsync())!; i++)
            {
                await Task.Delay(25);
            }
        }
    }
}
