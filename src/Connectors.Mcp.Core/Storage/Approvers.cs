namespace Connectors.Mcp.Core.Storage;

/// <summary>
/// Who may approve a workspace's gated calls (<c>approve</c> policy or rule). A person can always decide a queued
/// approval (the CLI, the admin console or API); the setting says whether the client may too.
/// </summary>
public enum Approvers
{
    /// <summary>The client may approve through MCP elicitation (its answer decides the call); people still can.</summary>
    Client,

    /// <summary>Only a person: elicitation is never offered, a gated call is always queued.</summary>
    Person,
}
