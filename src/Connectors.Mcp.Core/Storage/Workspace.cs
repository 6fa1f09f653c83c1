namespace Connectors.Mcp.Core.Storage;

/// <summary>A tenant. <see cref="Id"/> is internal (<c>ws_…</c>); people and the CLI use <see cref="Slug"/>.</summary>
public sealed record Workspace(string Id, string Slug, WorkspacePlan Plan, DateTimeOffset CreatedAt)
{
    /// <summary>Overrides of the plan's rate limits; see <see cref="PlanLimits.RateLimits(Workspace)"/> for the effective ones.</summary>
    public RateLimitOverrides RateLimitOverrides { get; init; } = RateLimitOverrides.None;

    /// <summary>The organisation's own mail domains (lower case, e.g. <c>acme.com</c>); approval rules can refer to them as <c>workspace</c>.</summary>
    public IReadOnlyList<string> Domains { get; init; } = [];

    /// <summary>Who may approve gated calls; <c>null</c> = the serving mode's default (<c>ToolPipelineOptions.DefaultApprovers</c>).</summary>
    public Approvers? Approvers { get; init; }

    /// <summary>How its sessions list tools unless their credential fixes a mode (<see cref="Catalog.ToolScope.Mode"/>).</summary>
    public Catalog.ToolMode ToolMode { get; init; } = Catalog.ToolMode.All;

    /// <summary>Value equality, domains compared item by item (a record would compare the list by reference).</summary>
    public bool Equals(Workspace? other) =>
        other is not null
        && Id == other.Id && Slug == other.Slug && Plan == other.Plan && CreatedAt == other.CreatedAt
        && RateLimitOverrides == other.RateLimitOverrides && Approvers == other.Approvers && ToolMode == other.ToolMode
        && Domains.SequenceEqual(other.Domains, StringComparer.Ordinal);

    public override int GetHashCode() => HashCode.Combine(Id, Slug, Plan, CreatedAt, RateLimitOverrides, Domains.Count);
}
