namespace Connectors.Mcp.Core.Storage;

/// <summary>The <see cref="OperatorChange.Action"/> names, spelled once for the database, the CLI and the admin API.</summary>
public static class OperatorActions
{
    /// <summary>A tool's approval policy; target the tool, values auto | approve | deny (old <c>null</c>: the action's default).</summary>
    public const string PolicySet = "policy.set";

    /// <summary>A rule added (later rules move down); target the rule id, new value the rule as text.</summary>
    public const string RuleAdd = "rule.add";

    /// <summary>A rule removed (later rules move up); target the rule id, old value the rule as text.</summary>
    public const string RuleRemove = "rule.remove";

    /// <summary>The workspace's own domains, comma-separated (empty: none).</summary>
    public const string DomainsSet = "domains.set";

    /// <summary>The workspace's rate-limit overrides (<c>plan</c>: the plan's default).</summary>
    public const string LimitsSet = "limits.set";

    /// <summary>Who may approve the workspace's gated calls: client | person | default (the serving mode's).</summary>
    public const string ApproversSet = "approvers.set";

    /// <summary>How the workspace's sessions list tools: all | discovery.</summary>
    public const string ToolModeSet = "tool_mode.set";

    /// <summary>
    /// The actions a connector publishes as tools; target the connector's id and name, values the action names
    /// comma-separated or <c>all</c>.
    /// </summary>
    public const string ConnectorToolsSet = "connector.tools.set";

    /// <summary>An API key created; target its id (<c>key_…</c>) and name, never the key; new value its scope.</summary>
    public const string ApiKeyCreate = "apikey.create";

    /// <summary>An API key revoked; target its id and name.</summary>
    public const string ApiKeyRevoke = "apikey.revoke";

    /// <summary>An admin token created; target its id and name, never the token.</summary>
    public const string AdminTokenCreate = "admin_token.create";

    /// <summary>An admin token revoked (its sessions end); target its id and name.</summary>
    public const string AdminTokenRevoke = "admin_token.revoke";
}
