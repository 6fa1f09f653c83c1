using System.Text.Json;
using System.Text.Json.Nodes;
using Connectors.Mcp.Core.Catalog;
using Connectors.Mcp.Core.Connectors;
using Connectors.Mcp.Core.Credentials;
using Connectors.Mcp.Core.Errors;
using Connectors.Mcp.Core.Instructions;
using Connectors.Mcp.Core.Json;
using Connectors.Mcp.Core.Pipeline.Approval;
using Connectors.Mcp.Core.Pipeline.Audit;
using Connectors.Mcp.Core.Pipeline.Discovery;
using Connectors.Mcp.Core.Pipeline.Execution;
using Connectors.Mcp.Core.Pipeline.Idempotency;
using Connectors.Mcp.Core.Pipeline.RateLimiting;
using Connectors.Mcp.Core.Pipeline.Validation;
using Connectors.Mcp.Core.Storage;

namespace Connectors.Mcp.Core.Pipeline;

/// <summary>
/// The one place the order of a tool call is written:
/// workspace rate limit → resolve (through call_tool to the tool it names) → validate → connector rate limit → idempotent replay → approval gate → connector → audit.
/// Every call counts against its workspace's rate limit and leaves an audit row, whatever becomes of it; refusals
/// beyond a budget per window are counted into one summary row (<see cref="RefusalAudit"/>).
/// </summary>
public sealed class ToolPipeline
{
    private const int MaxAuditedToolNameLength = 200;
    private readonly ToolCatalog _catalog;
    private readonly WorkspaceRateLimiter _rateLimiter;
    private readonly ApprovalGate _gate;
    private readonly ConnectorInvoker _invoker;
    private readonly ApprovedActionRunner _approvedRunner;
    private readonly IApprovalStore _approvals;
    private readonly IAuditLog _audit;
    private readonly IConnectorStore _connectors;
    private readonly TimeProvider _time;
    private readonly IIdempotencyStore _idempotency;
    private readonly RefusalAudit _refusals;

    public ToolPipeline(ToolCatalog catalog, WorkspaceRateLimiter rateLimiter, ApprovalGate gate, ConnectorInvoker invoker, ApprovedActionRunner approvedRunner, IApprovalStore approvals, IAuditLog audit, IConnectorStore connectors, TimeProvider time, IIdempotencyStore idempotency, RefusalAudit refusals)
    {
        _refusals = refusals;
        _idempotency = idempotency;
        _connectors = connectors;
        _catalog = catalog;
        _rateLimiter = rateLimiter;
        _gate = gate;
        _invoker = invoker;
        _approvedRunner = approvedRunner;
        _approvals = approvals;
        _audit = audit;
        _time = time;
    }

    public async Task<ToolOutcome> CallAsync(ToolCall call, CancellationToken cancellationToken)
    {
        var catalog = await _catalog.GetAsync(call.WorkspaceId, cancellationToken);

        // 0. Rate limit the workspace before anything else: every call counts, whatever becomes of it, and a refused one
        // costs no validation. Its arguments are not audited (they were not checked).
        var admitted = await _rateLimiter.TryAcquireWorkspaceAsync(catalog.Workspace, cancellationToken);
        if (!admitted.Allowed)
        {
            // A call_tool is refused under the name of the tool it calls, like every other row it leaves.
            var refused = Find(catalog, call) is { Meta: MetaTool.CallTool } && CallToolUnwrap.TryInner(call) is { } named ? named : call;
            var known = Find(catalog, refused);
            await RecordAsync(catalog, known, refused, "{}", null, AuditStatus.RateLimited, AuditCodes.RateLimited, RateLimitText.AuditMessage(admitted.RetryAfter));
            return ToolOutcome.Error(RateLimitText.Refusal(
                $"workspace '{catalog.Workspace.Slug}' is limited to {_rateLimiter.Effective(catalog.Workspace).CallsPerMinute} calls per minute", admitted.RetryAfter));
        }

        // 1. Resolve the tool in the session's workspace, within the credential's scope: a tool outside it is answered and
        // audited exactly like one that does not exist, so a scoped key cannot learn which other tools there are.
        // call_tool (discovery mode) is resolved through: the tool it names goes on from here, as if called directly.
        var tool = Find(catalog, call);
        if (tool is { Meta: MetaTool.CallTool })
        {
            var callProblems = tool.Validator.Validate(call.Arguments);
            if (callProblems.Count > 0)
            {
                await RecordAsync(catalog, tool, call, "{}", null, AuditStatus.Rejected, AuditCodes.InvalidArguments, string.Join("; ", callProblems));
                return ToolOutcome.Error($"Invalid arguments for call_tool:\n- {string.Join("\n- ", callProblems)}\nFix them and call again; nothing was done.");
            }

            call = CallToolUnwrap.Inner(call);
            tool = Find(catalog, call) is { } inner && !ToolVisibility.IsDiscoveryTool(inner) ? inner : null;
        }

        if (tool is null)
        {
            await RecordAsync(catalog, null, call, "{}", null, AuditStatus.Rejected, AuditCodes.UnknownTool);
            var unknown = $"Unknown tool '{Truncate(call.ToolName, 100)}' in workspace '{catalog.Workspace.Slug}'. "
                + (call.ViaCallTool
                    ? "Call search_tools for the tools it offers, and pass call_tool a name it returned."
                    : "Call tools/list or list_connectors for the tools it offers; a disabled or failing connector publishes none.");
            // Through call_tool the client called a tool that exists: a tool error it can read, not a protocol error.
            return call.ViaCallTool ? ToolOutcome.Error(unknown) : ToolOutcome.UnknownTool(unknown);
        }

        // 2. Validate the arguments: size limits, then the input schema; nothing else happens when they are wrong.
        var problems = ArgumentLimits.Check(call.Arguments) is { } tooLarge ? [tooLarge] : tool.Validator.Validate(call.Arguments);
        if (problems.Count > 0)
        {
            await RecordAsync(catalog, tool, call, "{}", null, AuditStatus.Rejected, AuditCodes.InvalidArguments, string.Join("; ", problems));
            return ToolOutcome.Error($"Invalid arguments for {tool.Name}:\n- {string.Join("\n- ", problems)}\nFix them and call again; nothing was done.");
        }

        var arguments = JsonNode.Parse(call.Arguments.GetRawText()) as JsonObject ?? [];
        // A write's idempotency key is the pipeline's, not the connector's: taken out here, derived when absent, and bound
        // into what is audited and approved.
        string? idempotencyKey = null;
        var bound = arguments;
        if (tool.Action is { IsReadOnly: false })
        {
            (arguments, var explicitKey) = IdempotencyKeys.Extract(arguments);
            idempotencyKey = explicitKey ?? IdempotencyKeys.Derive(catalog.Workspace.Id, tool.Name, arguments);
            bound = IdempotencyKeys.Bind(arguments, idempotencyKey);
        }

        var redacted = AuditRedactor.Redact(bound, tool.Action?.ContentArguments ?? []);
        var argumentsHash = CanonicalJson.Sha256(bound);
        ActionRequest? request = null;
        try
        {
            request = tool.Action?.Parse(arguments);
        }
        catch (ConnectorValidationException ex)
        {
            await RecordAsync(catalog, tool, call, redacted, argumentsHash, AuditStatus.Rejected, AuditCodes.InvalidArguments, ex.Message);
            return ToolOutcome.Error($"Invalid arguments for {tool.Name}:\n- {ex.Message}\nFix them and call again; nothing was done.");
        }

        // 3. Rate limit the connector instance (its provider account's quota); meta tools have none.
        if (tool.Connector is { } connector && await _rateLimiter.TryAcquireConnectorAsync(catalog.Workspace, connector, cancellationToken) is { Allowed: false } rate)
        {
            var reason = $"connector '{connector.Name}' of workspace '{catalog.Workspace.Slug}' is limited to {_rateLimiter.Effective(catalog.Workspace).ConnectorCallsPerMinute} calls per minute";
            await RecordAsync(catalog, tool, call, redacted, argumentsHash, AuditStatus.RateLimited, AuditCodes.RateLimited, RateLimitText.AuditMessage(rate.RetryAfter));
            return ToolOutcome.Error(RateLimitText.Refusal(reason, rate.RetryAfter));
        }

        if (tool.Meta is { } meta)
        {
            return await RunMetaToolAsync(meta, catalog, tool, call, arguments, redacted, argumentsHash, cancellationToken);
        }

        // 4. A repeat of a write that already succeeded under its key gets the first outcome; nothing runs, nobody is asked.
        var fingerprint = idempotencyKey is null ? null : IdempotencyKeys.Fingerprint(tool.Name, arguments);
        if (idempotencyKey is not null
            && await _idempotency.FindAsync(catalog.Workspace.Id, idempotencyKey, cancellationToken) is { } record
            && (record.Status == IdempotencyStatus.Succeeded || record.Fingerprint != fingerprint)
            && IdempotencyAnswer.For(record, tool.Name, fingerprint!) is { } answer)
        {
            await RecordAsync(catalog, tool, call, redacted, argumentsHash, answer.Status, answer.Code, answer.Message);
            return answer.Outcome;
        }

        // 5. Approval gate. The approval binds the key too: approving runs this call once, under this key.
        var gate = await _gate.DecideAsync(catalog, tool, bound, argumentsHash, call.Prompt, call.Input, cancellationToken);
        switch (gate.Verdict)
        {
            case GateVerdict.Denied:
                await RecordAsync(catalog, tool, call, redacted, argumentsHash, AuditStatus.Denied, AuditCodes.DeniedByPolicy, gate.Message, decision: gate.Decision);
                return ToolOutcome.Error(gate.Message!);
            case GateVerdict.Pending:
                var approval = gate.Approval!;
                await RecordAsync(catalog, tool, call, redacted, argumentsHash, AuditStatus.PendingApproval, null, null, approval.Id, gate.Decision);
                return PendingOutcome(tool, approval, call.ViaCallTool);
            case GateVerdict.AskClient:
                // Recorded like a queued approval (it is one): the person answers at the client, or in the console.
                await RecordAsync(catalog, tool, call, redacted, argumentsHash, AuditStatus.PendingApproval, null, null, gate.Approval!.Id, gate.Decision);
                return ToolOutcome.Asking(gate.Approval, PendingOutcome(tool, gate.Approval, call.ViaCallTool).Text);
            case GateVerdict.Answered:
                // A decline wrote its denial row when it was decided; an approval runs through its claim (exactly once,
                // with its own audit rows) or, already past that, is reported.
                return gate.Message is { } declined ? ToolOutcome.Error(declined) : await _approvedRunner.RunAsync(gate.Approval!.Id, cancellationToken);
        }

        // 6. Connector, with its idempotency claim, intent and completion audit rows.
        var connectorCall = new ConnectorCall(catalog.Workspace, tool.Connector!, tool.ConnectorType!, tool.Action!, tool.Name, arguments, redacted, argumentsHash, null, gate.Decision, call.Caller)
        {
            IdempotencyKey = idempotencyKey,
            Request = request,
        };
        return await _invoker.InvokeAsync(connectorCall, cancellationToken);
    }

    private async Task<ToolOutcome> RunMetaToolAsync(MetaTool meta, WorkspaceCatalog catalog, CatalogTool tool, ToolCall call, JsonObject arguments, string redacted, string argumentsHash, CancellationToken cancellationToken)
    {
        ToolOutcome outcome;
        string? approvalId = null;
        switch (meta)
        {
            case MetaTool.ListConnectors:
                outcome = await ListConnectorsAsync(catalog, call.Scope, cancellationToken);
                break;
            case MetaTool.GetApproval:
                approvalId = arguments["approval_id"]!.GetValue<string>();
                var approval = await _approvals.FindAsync(approvalId, cancellationToken);
                if (approval is null || approval.WorkspaceId != catalog.Workspace.Id)
                {
                    // Another workspace's approval is reported exactly like a missing one.
                    outcome = ToolOutcome.Error($"No approval '{Truncate(approvalId, 100)}' in workspace '{catalog.Workspace.Slug}'. Use the approval_id a gated tool returned.");
                    approvalId = null;
                    break;
                }

                if (approval.Status == ApprovalStatus.Approved)
                {
                    // Approved but not yet run (e.g. decided elsewhere): run it now, exactly once, then report. The request's
                    // token only covers the claim: once claimed, the run goes on under the runner's own bounded token, so a
                    // client that cancels or disconnects cannot leave the approval running.
                    await _approvedRunner.RunAsync(approval.Id, cancellationToken);
                }

                outcome = await _approvedRunner.ReportAsync(approval.Id, cancellationToken);
                break;
            case MetaTool.SearchTools:
                outcome = SearchToolsResult.For(catalog, call.Scope, arguments);
                break;
            default:
                throw new InvalidOperationException($"Unhandled meta tool {meta}.");
        }

        await RecordAsync(catalog, tool, call, redacted, argumentsHash, outcome.IsError ? AuditStatus.Failed : AuditStatus.Succeeded, outcome.IsError ? AuditCodes.NotFound : null, null, approvalId);
        return outcome;
    }

    private async Task<ToolOutcome> ListConnectorsAsync(WorkspaceCatalog catalog, ToolScope scope, CancellationToken cancellationToken)
    {
        // Credential states, last sync and last error (e.g. an open circuit) change without a catalog version bump (they
        // are not a change of the tool list), so they are read fresh; status and tools come from the catalog the session sees.
        var current = (await _connectors.GetWorkspaceConnectorsAsync(catalog.Workspace.Id, cancellationToken))
            .ToDictionary(c => c.Id, StringComparer.Ordinal);
        var connectors = new JsonArray();
        foreach (var connector in catalog.Connectors)
        {
            var tools = new JsonArray();
            foreach (var t in catalog.Tools.Where(t => t.Connector?.Id == connector.Id && scope.Allows(t)))
            {
                tools.Add(t.Name);
            }

            var now = current.GetValueOrDefault(connector.Id) ?? connector;
            connectors.Add(NullProperties.Omit(new JsonObject
            {
                ["id"] = connector.Id,
                ["name"] = connector.Name,
                ["type"] = connector.Type,
                ["status"] = connector.Status.ToName(),
                ["credential_state"] = now.CredentialState.ToName(),
                ["last_sync_at"] = now.LastSyncAt is { } synced ? JsonText.Timestamp(synced) : null,
                ["last_error"] = now.LastError,
                ["tools"] = tools,
            }));
        }

        var result = new JsonObject { ["workspace"] = catalog.Workspace.Slug, ["connectors"] = connectors };
        return new ToolOutcome(false, $"Connectors of workspace '{catalog.Workspace.Slug}':\n{JsonText.Write(result)}", result);
    }

    private static ToolOutcome PendingOutcome(CatalogTool tool, ApprovalRecord approval, bool viaCallTool)
    {
        var structured = new JsonObject
        {
            ["status"] = "pending_approval",
            ["approval_id"] = approval.Id,
            ["expires_at"] = JsonText.Timestamp(approval.ExpiresAt),
        };
        // Through call_tool (discovery mode) get_approval is not listed: say how to reach it the same way.
        var ask = viaCallTool
            ? "Call call_tool with name get_approval and arguments {\"approval_id\": this approval_id} to learn the outcome"
            : "Call get_approval with this approval_id to learn the outcome";
        var text = $"{tool.Name} needs a person's approval and has NOT run yet. Approval {approval.Id} is queued until {JsonText.Timestamp(approval.ExpiresAt)}; "
            + $"the user decides in the admin console at /admin or with {CliInstructions.ApprovalsApprove(approval.Id)} (or deny). {ask}; do not repeat the call.";
        return new ToolOutcome(false, text, structured);
    }

    private Task RecordAsync(WorkspaceCatalog catalog, CatalogTool? tool, ToolCall call, string redacted, string? argumentsHash, AuditStatus status, string? code, string? message = null, string? approvalId = null, string? decision = null)
    {
        var now = _time.GetUtcNow();
        var intent = new AuditIntent(catalog.Workspace.Id, tool?.Connector?.Id, tool?.Name ?? AuditedToolName(call.ToolName), tool?.Action?.Name, redacted, argumentsHash, approvalId, call.Caller, now);
        var completion = new AuditCompletion(status, now, code, message, approvalId, decision);
        return RefusalAudit.IsRefusal(status, code)
            ? _refusals.RecordAsync(intent, completion)
            : _audit.RecordAsync(intent, completion, CancellationToken.None);
    }

    /// <summary>The tool the call names, if the workspace has it and the call's scope and tool mode let it be called.</summary>
    private static CatalogTool? Find(WorkspaceCatalog catalog, ToolCall call) =>
        catalog.Find(call.ToolName) is { } tool && ToolVisibility.IsCallable(tool, call.Scope, call.Scope.ModeIn(catalog.Workspace)) ? tool : null;

    /// <summary>An unknown tool's name as audited: shortened, and never blank (the audit log requires a tool).</summary>
    private static string AuditedToolName(string? name) =>
        string.IsNullOrWhiteSpace(name) ? "(blank tool name)" : Truncate(name, MaxAuditedToolNameLength);

    private static string Truncate(string value, int max) => value.Length <= max ? value : value[..max] + "…";
}
