using System.Security.Cryptography;
using System.Text;
using Connectors.Mcp.Core.Security;
using Connectors.Mcp.Core.Storage;
using Microsoft.Data.Sqlite;
using Microsoft.Extensions.Time.Testing;

namespace Connectors.Mcp.Storage.Sqlite.Tests;

/// <summary>
/// A fresh database file in its own temp folder (deleted on dispose), a fake clock, a random master key and every store.
/// </summary>
internal sealed class TestStorage : IDisposable
{
    public static readonly DateTimeOffset Start = new(2026, 2, 6, 12, 0, 0, TimeSpan.Zero);

    /// <summary>Who the tests' operator changes are recorded for.</summary>
    public static readonly OperatorActor Actor = OperatorActor.Cli("test");

    private readonly List<SqliteDatabase> _databases = [];

    private TestStorage()
    {
        Folder = Path.Combine(Path.GetTempPath(), "connectors-mcp-storage-tests", Guid.NewGuid().ToString("N"));
        DatabasePath = Path.Combine(Folder, "connectors.db");
        Time = new FakeTimeProvider(Start);
        MasterKey = RandomNumberGenerator.GetBytes(32);
        Protector = new SecretProtector(MasterKey);
        Database = OpenDatabase();
        Workspaces = new SqliteWorkspaceStore(Database, Time);
        Connectors = new SqliteConnectorStore(Database, Time);
        Credentials = new SqliteCredentialStore(Database, Time, Protector);
        Policies = new SqlitePolicyStore(Database, Time);
        Rules = new SqliteApprovalRuleStore(Database, Time);
        Approvals = new SqliteApprovalStore(Database, Time, Protector);
        Audit = new SqliteAuditLog(Database);
        OperatorAudit = new SqliteOperatorAuditLog(Database);
    }

    public string Folder { get; }

    public string DatabasePath { get; }

    public FakeTimeProvider Time { get; }

    public byte[] MasterKey { get; }

    public SecretProtector Protector { get; }

    public SqliteDatabase Database { get; }

    public SqliteWorkspaceStore Workspaces { get; }

    public SqliteConnectorStore Connectors { get; }

    public SqliteCredentialStore Credentials { get; }

    public SqlitePolicyStore Policies { get; }

    public SqliteApprovalRuleStore Rules { get; }

    public SqliteApprovalStore Approvals { get; }

    public SqliteAuditLog Audit { get; }

    public SqliteOperatorAuditLog OperatorAudit { get; }

    /// <summary>Migrated, with connector types <c>gmail</c> and <c>google_calendar</c> defined.</summary>
    public static async Task<TestStorage> CreateAsync()
    {
        var storage = new TestStorage();
        await storage.Database.MigrateAsync(CancellationToken.None);
        await storage.Connectors.UpsertDefinitionsAsync(
            [
                new ConnectorDefinitionRecord("gmail", "Gmail", "google", "Mail", ["https://www.googleapis.com/auth/gmail.modify"], ["search_inbox", "send_email"]),
                new ConnectorDefinitionRecord("google_calendar", "Google Calendar", "google", "Calendar", [], ["list_events"]),
            ],
            CancellationToken.None);
        return storage;
    }

    /// <summary>Not migrated: the file does not exist yet.</summary>
    public static TestStorage CreateEmpty() => new();

    /// <summary>Another <see cref="SqliteDatabase"/> on the same file, as a second process would have.</summary>
    public SqliteDatabase OpenDatabase()
    {
        var database = new SqliteDatabase(DatabasePath, Time);
        _databases.Add(database);
        return database;
    }

    public async Task<Workspace> CreateWorkspaceAsync(string slug = "acme", WorkspacePlan plan = WorkspacePlan.Free) =>
        await Workspaces.CreateAsync(slug, plan, CancellationToken.None);

    /// <summary>A plain connection outside the stores, for what an attacker or a person with the file could do.</summary>
    public SqliteConnection OpenRaw()
    {
        var connection = new SqliteConnection(new SqliteConnectionStringBuilder { DataSource = DatabasePath, Pooling = false }.ToString());
        connection.Open();
        using var pragma = connection.CreateCommand();
        pragma.CommandText = "PRAGMA busy_timeout = 10000;";
        pragma.ExecuteNonQuery();
        return connection;
    }

    public int ExecuteRaw(string sql, params (string Name, object? Value)[] parameters)
    {
        using var connection = OpenRaw();
        using var command = connection.CreateCommand();
        command.CommandText = sql;
        foreach (var (name, value) in parameters)
        {
            command.Parameters.AddWithValue(name, value ?? DBNull.Value);
        }

        return command.ExecuteNonQuery();
    }

    public object? ScalarRaw(string sql, params (string Name, object? Value)[] parameters)
    {
        using var connection = OpenRaw();
        using var command = connection.CreateCommand();
        command.CommandText = sql;
        foreach (var (name, value) in parameters)
        {
            command.Parameters.AddWithValue(name, value ?? DBNull.Value);
        }

        return command.ExecuteScalar();
    }

    /// <summary>Whether the text appears, as UTF-8, anywhere in the database file or its WAL and shared-memory files.</summary>
    public bool FilesContain(string text)
    {
        var needle = Encoding.UTF8.GetBytes(text);
        foreach (var path in new[] { DatabasePath, DatabasePath + "-wal", DatabasePath + "-shm" })
        {
            if (File.Exists(path) && ReadShared(path).AsSpan().IndexOf(needle) >= 0)
            {
                return true;
            }
        }

        return false;
    }

    public void Dispose()
    {
        foreach (var database in _databases)
        {
            database.Dispose();
        }

        try
        {
            Directory.Delete(Folder, recursive: true);
        }
        catch (DirectoryNotFoundException)
        {
        }
    }

    private static byte[] ReadShared(string path)
    {
        using var stream = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.ReadWrite | FileShare.Delete);
        using var copy = new MemoryStream();
        stream.CopyTo(copy);
        return copy.ToArray();
    }
}
