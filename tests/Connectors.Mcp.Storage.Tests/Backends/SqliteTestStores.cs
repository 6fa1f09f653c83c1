using System.Security.Cryptography;
using System.Text;
using Connectors.Mcp.Core.Storage;
using Connectors.Mcp.Core.Storage.Persistence;
using Connectors.Mcp.Storage.Sqlite;
using Microsoft.Data.Sqlite;
using Microsoft.Extensions.Time.Testing;

namespace Connectors.Mcp.Storage.Tests.Backends;

/// <summary>Every SQLite store on one database file (deleted on dispose).</summary>
public sealed class SqliteTestStores : TestStores
{
    private readonly SqliteDatabase _database;
    private readonly List<SqliteTestStores> _others = [];
    private readonly bool _ownsFolder;

    private SqliteTestStores(string folder, FakeTimeProvider time, byte[] masterKey, bool ownsFolder)
        : base(time, masterKey)
    {
        Folder = folder;
        DatabasePath = Path.Combine(folder, "connectors.db");
        _ownsFolder = ownsFolder;
        _database = new SqliteDatabase(DatabasePath, time);
        Workspaces = new SqliteWorkspaceStore(_database, time);
        Connectors = new SqliteConnectorStore(_database, time);
        Credentials = new SqliteCredentialStore(_database, time, Protector);
        Policies = new SqlitePolicyStore(_database, time);
        Rules = new SqliteApprovalRuleStore(_database, time);
        Approvals = new SqliteApprovalStore(_database, time, Protector);
        Audit = new SqliteAuditLog(_database);
        OperatorAudit = new SqliteOperatorAuditLog(_database);
        OAuthStates = new SqliteOAuthStateStore(_database, time, Protector);
        Idempotency = new SqliteIdempotencyStore(_database, time, Protector);
        AdminTokens = new SqliteAdminTokenStore(_database, time);
        Watermarks = new SqliteWorkspaceWatermarks(_database);
        Reconciler = new SqliteInterruptedCallReconciler(_database, time);
    }

    public override string Backend => "sqlite";

    public string Folder { get; }

    public string DatabasePath { get; }

    public override IWorkspaceStore Workspaces { get; }

    public override IConnectorStore Connectors { get; }

    public override ICredentialStore Credentials { get; }

    public override IPolicyStore Policies { get; }

    public override IApprovalRuleStore Rules { get; }

    public override IApprovalStore Approvals { get; }

    public override IAuditLog Audit { get; }

    public override IOperatorAuditLog OperatorAudit { get; }

    public override IOAuthStateStore OAuthStates { get; }

    public override IIdempotencyStore Idempotency { get; }

    public override IAdminTokenStore AdminTokens { get; }

    public override IWorkspaceWatermarks Watermarks { get; }

    public override IInterruptedCallReconciler Reconciler { get; }

    internal static SqliteTestStores Create() =>
        new(Path.Combine(Path.GetTempPath(), "connectors-mcp-storage-tests", Guid.NewGuid().ToString("N")), new FakeTimeProvider(Start), RandomNumberGenerator.GetBytes(32), ownsFolder: true);

    internal async Task InitialiseAsync()
    {
        await _database.MigrateAsync(CancellationToken.None);
        await DefineConnectorTypesAsync();
    }

    public override Task<TestStores> OpenAnotherInstanceAsync()
    {
        var other = new SqliteTestStores(Folder, Time, MasterKey, ownsFolder: false);
        _others.Add(other);
        return Task.FromResult<TestStores>(other);
    }

    public override object TimeValue(DateTimeOffset value) => StorageTime.ToText(value);

    public override Task<IAsyncDisposable> HoldOwnerAliveAsync(string owner) => Task.FromResult<IAsyncDisposable>(new Nothing());

    public override Task<int> ExecuteRawAsync(string sql, params (string Name, object? Value)[] parameters)
    {
        using var connection = OpenRaw();
        using var command = Command(connection, sql, parameters);
        return Task.FromResult(command.ExecuteNonQuery());
    }

    public override Task<object?> ScalarRawAsync(string sql, params (string Name, object? Value)[] parameters)
    {
        using var connection = OpenRaw();
        using var command = Command(connection, sql, parameters);
        var value = command.ExecuteScalar();
        return Task.FromResult(value is DBNull ? null : value);
    }

    /// <summary>Whether the text appears, as UTF-8, in the database file or its WAL and shared-memory files.</summary>
    public override Task<bool> ContainsAsync(string text)
    {
        var needle = Encoding.UTF8.GetBytes(text);
        foreach (var path in new[] { DatabasePath, DatabasePath + "-wal", DatabasePath + "-shm" })
        {
            if (File.Exists(path) && ReadShared(path).AsSpan().IndexOf(needle) >= 0)
            {
                return Task.FromResult(true);
            }
        }

        return Task.FromResult(false);
    }

    public override async ValueTask DisposeAsync()
    {
        foreach (var other in _others)
        {
            await other.DisposeAsync();
        }

        _database.Dispose();
        if (_ownsFolder)
        {
            try
            {
                Directory.Delete(Folder, recursive: true);
            }
            catch (DirectoryNotFoundException)
            {
            }
        }
    }

    private SqliteConnection OpenRaw()
    {
        var connection = new SqliteConnection(new SqliteConnectionStringBuilder { DataSource = DatabasePath, Pooling = false }.ToString());
        connection.Open();
        using var pragma = connection.CreateCommand();
        pragma.CommandText = "PRAGMA busy_timeout = 10000;";
        pragma.ExecuteNonQuery();
        return connection;
    }

    private static SqliteCommand Command(SqliteConnection connection, string sql, (string Name, object? Value)[] parameters)
    {
        var command = connection.CreateCommand();
        command.CommandText = sql;
        foreach (var (name, value) in parameters)
        {
            command.Parameters.AddWithValue(name.StartsWith('@') ? name : "@" + name, value ?? DBNull.Value);
        }

        return command;
    }

    private static byte[] ReadShared(string path)
    {
        using var stream = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.ReadWrite | FileShare.Delete);
        using var copy = new MemoryStream();
        stream.CopyTo(copy);
        return copy.ToArray();
    }

    private sealed class Nothing : IAsyncDisposable
    {
        public ValueTask DisposeAsync() => ValueTask.CompletedTask;
    }
}
