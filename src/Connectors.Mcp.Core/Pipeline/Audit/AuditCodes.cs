namespace Connectors.Mcp.Core.Pipeline.Audit;

/// <summary>
/// Every error code an audit row can carry (the <c>error_code</c> column), spelled once. A row's status says how the
/// call ended; its code says why. Stored rows are never rewritten (their hash chain covers the code), so a code that
/// once had another spelling keeps it in old rows: see <see cref="InvalidArgumentsBeforeIssue10"/>.
/// </summary>
public static class AuditCodes
{
    /// <summary>
    /// The arguments are wrong and nothing was done, whoever found it: the validation stage (schema, a redaction that
    /// could not run) and a reused idempotency key (status <c>rejected</c>), or a connector's
    /// <c>ConnectorValidationException</c> (status <c>failed</c>).
    /// </summary>
    public const string InvalidArguments = "invalid_arguments";

    /// <summary>
    /// How rows written before issue 10 spelled <see cref="InvalidArguments"/> when a connector's
    /// <c>ConnectorValidationException</c> found it (status <c>failed</c>). Never written now; read it as
    /// <see cref="InvalidArguments"/>.
    /// </summary>
    public const string InvalidArgumentsBeforeIssue10 = "invalid_argument";

    /// <summary>No tool of that name in the workspace's catalog (status <c>rejected</c>).</summary>
    public const string UnknownTool = "unknown_tool";

    /// <summary>
    /// Our own rate limit refused the call before it ran, or the provider's limit (or a paused token refresh) stopped it
    /// (status <c>rate_limited</c>).
    /// </summary>
    public const string RateLimited = "rate_limited";

    /// <summary>
    /// The summary row of refusals counted but not written one by one in a window (tool <c>(refused calls)</c>,
    /// status <c>rejected</c>).
    /// </summary>
    public const string RefusalsSuppressed = "refusals_suppressed";

    /// <summary>The workspace's policy or one of its rules denies the call (status <c>denied</c>).</summary>
    public const string DeniedByPolicy = "denied";

    /// <summary>A person denied the approval the call waited for (status <c>denied</c>).</summary>
    public const string DeniedByApprover = "denied_by_approver";

    /// <summary>The approval the call waited for expired before it was decided or run (status <c>denied</c>).</summary>
    public const string ApprovalExpired = "approval_expired";

    /// <summary>What the call named does not exist: the provider's 404, or an unknown approval id (status <c>failed</c>).</summary>
    public const string NotFound = "not_found";

    /// <summary>The connector needs re-authorisation (no tokens, revoked or expired grant); nothing was sent (status <c>failed</c>).</summary>
    public const string ReconnectRequired = "reconnect_required";

    /// <summary>The provider's token endpoint refused or could not be reached for a reason reconnecting does not fix (status <c>failed</c>).</summary>
    public const string AuthenticationFailed = "authentication_failed";

    /// <summary>The provider answered with an error the connector could not map to anything more specific (status <c>failed</c>).</summary>
    public const string ProviderError = "provider_error";

    /// <summary>A write was sent but its answer never came and could not be checked (status <c>failed</c>).</summary>
    public const string AmbiguousOutcome = "ambiguous_outcome";

    /// <summary>A write whose answer never came, and the provider confirmed it took effect (status <c>succeeded</c>).</summary>
    public const string AmbiguousResolvedSucceeded = "ambiguous_resolved_succeeded";

    /// <summary>A write whose answer never came, and the provider says it did not take effect (status <c>failed</c>).</summary>
    public const string AmbiguousResolvedFailed = "ambiguous_resolved_failed";

    /// <summary>
    /// An earlier attempt with the same idempotency key died without an answer, and the provider has its result: it is
    /// reported, nothing is done again (status <c>succeeded</c>).
    /// </summary>
    public const string StaleClaimResolvedSucceeded = "stale_claim_resolved_succeeded";

    /// <summary>A repeat of a finished call with the same idempotency key, answered with the first outcome (status <c>succeeded</c>).</summary>
    public const string IdempotentReplay = "idempotent_replay";

    /// <summary>A call with the same idempotency key is still running elsewhere; nothing new was done (status <c>failed</c>).</summary>
    public const string IdempotencyInProgress = "idempotency_in_progress";

    /// <summary>
    /// The call was cancelled while the connector ran (client gone, time limit, server stopping); whether it reached the
    /// provider is unknown (status <c>failed</c>).
    /// </summary>
    public const string Cancelled = "cancelled";

    /// <summary>The connector threw something unexpected (a bug; the message is the exception's type) (status <c>failed</c>).</summary>
    public const string InternalError = "internal_error";

    /// <summary>
    /// A <c>started</c> row the process that wrote it never completed (it died), made final at start-up or when its
    /// approval's lease is taken over (status <c>failed</c>).
    /// </summary>
    public const string Interrupted = "interrupted";
}
