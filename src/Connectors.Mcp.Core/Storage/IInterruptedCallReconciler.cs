using Connectors.Mcp.Core.Pipeline.Audit;

namespace Connectors.Mcp.Core.Storage;

/// <summary>
/// Finds audit intent rows (<c>started</c>) whose owning process is gone — it crashed or was killed between the intent
/// and the completion — and makes them final: <c>failed</c> with error code <see cref="AuditCodes.Interrupted"/> (the
/// outcome at the provider is unknown), chained like any other row. Nothing is re-executed. Rows owned by a live
/// process (a CLI command, another server) are left alone.
/// </summary>
public interface IInterruptedCallReconciler
{
    /// <summary>Reconciles every interrupted row of every workspace; returns how many.</summary>
    Task<int> ReconcileAsync(CancellationToken cancellationToken);
}
