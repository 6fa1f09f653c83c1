using System.Data;
using Connectors.Mcp.Core.Storage.Persistence;
using Npgsql;

namespace Connectors.Mcp.Storage.Postgres.Internal;

/// <summary>
/// Whether the process named by an owner (<see cref="ProcessOwner"/>: machine/pid/start, written into started audit rows
/// and approval claims) is still alive — across machines. Before a process writes its owner anywhere it takes a
/// session-level advisory lock keyed by that owner (and the schema) on a connection it keeps open for its lifetime;
/// PostgreSQL releases the lock when that session ends: the process exited or was killed (its socket closes at once),
/// or its machine is gone (once TCP keepalive or the server's <c>tcp_keepalives_*</c> notice). An owner on this machine
/// is judged by its pid, as on SQLite; one on another machine by trying its lock: free means gone.
/// </summary>
internal sealed class OwnerLiveness(NpgsqlDataSource dataSource) : IAsyncDisposable
{
    /// <summary>The advisory lock key of the owner <c>@owner</c>, in SQL: one per owner and schema (deployments sharing a database do not meet).</summary>
    public const string KeySql = "hashtextextended('connectors-mcp/owner/' || current_schema() || '/' || @owner, 0)";

    private readonly SemaphoreSlim _gate = new(1, 1);
    private NpgsqlConnection? _holder;
    private bool _held;

    /// <summary>
    /// Takes this process's lock once (again if its connection broke). When another session of this process already
    /// holds it (a second <see cref="PostgresDatabase"/> on the same database, as tests have), that one stands for both.
    /// </summary>
    public async Task EnsureHeldAsync(CancellationToken cancellationToken)
    {
        if (Volatile.Read(ref _held) && _holder is not { FullState: not ConnectionState.Open })
        {
            return;
        }

        await _gate.WaitAsync(cancellationToken);
        try
        {
            if (_held && _holder is not { FullState: not ConnectionState.Open })
            {
                return;
            }

            if (_holder is not null)
            {
                await _holder.DisposeAsync();
                _holder = null;
            }

            var connection = await dataSource.OpenConnectionAsync(cancellationToken);
            await using (var take = new NpgsqlCommand($"SELECT pg_try_advisory_lock({KeySql})", connection))
            {
                take.Parameters.AddWithValue("owner", ProcessOwner.CurrentText);
                if ((bool)(await take.ExecuteScalarAsync(cancellationToken))!)
                {
                    _holder = connection;
                }
                else
                {
                    await connection.DisposeAsync();
                }
            }

            Volatile.Write(ref _held, true);
        }
        finally
        {
            _gate.Release();
        }
    }

    /// <summary>
    /// Whether <paramref name="ownerText"/>'s process is certainly gone. Never this process; never an owner that cannot
    /// be parsed (a row written before owners existed). Inside <paramref name="transaction"/> a gone owner's lock stays
    /// taken until it ends; outside one the probe releases it at once.
    /// </summary>
    public static async Task<bool> IsGoneAsync(NpgsqlConnection connection, NpgsqlTransaction? transaction, string ownerText, CancellationToken cancellationToken)
    {
        if (ownerText == ProcessOwner.CurrentText || ProcessOwner.Parse(ownerText) is not { } owner)
        {
            return false;
        }

        if (owner.Machine == ProcessOwner.Current.Machine)
        {
            return owner.IsGone();
        }

        await using var probe = new NpgsqlCommand($"SELECT pg_try_advisory_xact_lock({KeySql})", connection, transaction);
        probe.Parameters.AddWithValue("owner", ownerText);
        return (bool)(await probe.ExecuteScalarAsync(cancellationToken))!;
    }

    public async ValueTask DisposeAsync()
    {
        if (_holder is not null)
        {
            await _holder.DisposeAsync();
        }

        _gate.Dispose();
    }
}
