using Connectors.Mcp.Core.Security;
using Connectors.Mcp.Core.Storage;
using Microsoft.Extensions.Time.Testing;

namespace Connectors.Mcp.Storage.Tests.Backends;

/// <summary>
/// Every store of one backend on one fresh, migrated database, a fake clock and a random master key: what a contract
/// test works with. <see cref="OpenAnotherInstanceAsync"/> gives a second set of stores on the same database, as another
/// process (SQLite) or another instance (PostgreSQL) would have. The raw SQL helpers are for what someone with direct
/// access to the database could do (tampering, inspecting ciphertexts); write SQL both dialects accept, with
/// <c>@name</c> parameters and timestamps from <see cref="TimeValue"/>.
/// </summary>
public abstract class TestStores : IAsyncDisposable
{
    public static readonly DateTimeOffset Start = new(2026, 2, 6, 12, 0, 0, TimeSpan.Zero);

    /// <summary>Who the tests' operator changes are recorded for.</summary>
    public static readonly OperatorActor Actor = OperatorActor.Cli("test");

    protected TestStores(FakeTimeProvider time, byte[] masterKey)
    {
        Time = time;
        MasterKey = masterKey;
        Protector = new SecretProtector(masterKey);
    }

    /// <summary><c>sqlite</c> or <c>postgres</c>.</summary>
    public abstract string Backend { get; }

    public FakeTimeProvider Time { get; }

    public byte[] MasterKey { get; }

    public SecretProtector Protector { get; }

    public abstract IWorkspaceStore Workspaces { get; }

    public abstract IConnectorStore Connectors { get; }

    public abstract ICredentialStore Credentials { get; }

    public abstract IPolicyStore Policies { get; }

    public abstract IApprovalRuleStore Rules { get; }

    public abstract IApprovalStore Approvals { get; }

    public abstract IAuditLog Audit { get; }

    public abstract IOperatorAuditLog OperatorAudit { get; }

    public abstract IOAuthStateStore OAuthStates { get; }

    public abstract IIdempotencyStore Idempotency { get; }

    public abstract IAdminTokenStore AdminTokens { get; }

    public abstract IWorkspaceWatermarks Watermarks { get; }

    public abstract IInterruptedCallReconciler Reconciler { get; }

    /// <summary>Another set of stores on the same database and clock, as a second process or instance has.</summary>
    public abstract Task<TestStores> OpenAnotherInstanceAsync();

    /// <summary>A timestamp as this backend stores it (text for SQLite, <c>timestamptz</c> for PostgreSQL), for raw SQL.</summary>
    public abstract object TimeValue(DateTimeOffset value);

    public abstract Task<int> ExecuteRawAsync(string sql, params (string Name, object? Value)[] parameters);

    public abstract Task<object?> ScalarRawAsync(string sql, params (string Name, object? Value)[] parameters);

    /// <summary>Whether the text appears, as UTF-8, anywhere the database keeps its data (files, or a dump of every table).</summary>
    public abstract Task<bool> ContainsAsync(string text);

    /// <summary>
    /// Makes the owner <paramref name="owner"/> (a process on another machine) count as alive until disposed, as that
    /// process would by itself: on PostgreSQL it holds the owner's liveness lock on a connection of its own; on SQLite
    /// another machine's process always counts as alive, so there is nothing to hold.
    /// </summary>
    public abstract Task<IAsyncDisposable> HoldOwnerAliveAsync(string owner);

    public Task<Workspace> CreateWorkspaceAsync(string slug = "acme", WorkspacePlan plan = WorkspacePlan.Free) =>
        Workspaces.CreateAsync(slug, plan, CancellationToken.None);

    public abstract ValueTask DisposeAsync();

    /// <summary>Connector types <c>gmail</c> and <c>google_calendar</c>, defined in every fresh database.</summary>
    protected Task DefineConnectorTypesAsync() =>
        Connectors.UpsertDefinitionsAsync(
            [
                new ConnectorDefinitionRecord("gmail", "Gmail", "google", "Mail", ["https://www.googleapis.com/auth/gmail.modify"], ["search_inbox", "send_email"]),
                new ConnectorDefinitionRecord("google_calendar", "Google Calendar", "google", "Calendar", [], ["list_events"]),
            ],
            CancellationToken.None);
}
