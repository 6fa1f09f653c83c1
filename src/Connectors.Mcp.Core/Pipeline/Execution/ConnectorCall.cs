using System.Text.Json.Nodes;
using Connectors.Mcp.Core.Connectors;
using Connectors.Mcp.Core.Storage;

namespace Connectors.Mcp.Core.Pipeline.Execution;

/// <summary>A call that passed every earlier stage and is ready for its connector.</summary>
public sealed record ConnectorCall(
    Workspace Workspace,
    ConnectorInstance Connector,
    IConnectorType Type,
    ConnectorAction Action,
    string ToolName,
    JsonObject Arguments,
    string RedactedArguments,
    string ArgumentsHash,
    string? ApprovalId,
    string Decision,
    string? Caller)
{
    /// <summary>For a write: the idempotency key (the agent's, or derived). <see cref="Arguments"/> never contain it.</summary>
    public string? IdempotencyKey { get; init; }

    /// <summary>
    /// The validation stage's parse of <see cref="Arguments"/>, which is what runs. <c>null</c> when the call did not come
    /// through that stage (an approved call run later, from the stored arguments): the invoker parses them then, once.
    /// </summary>
    public ActionRequest? Request { get; init; }
}
