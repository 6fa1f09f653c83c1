using Connectors.Mcp.Core.Storage;

namespace Connectors.Mcp.Hosting;

/// <summary>
/// Who may approve in a workspace that has not chosen (<c>workspace set-approvers SLUG default</c>), by serving mode.
/// A workspace's own setting always wins.
/// </summary>
public static class ApproverDefaults
{
    /// <summary>
    /// <c>serve --stdio</c>: the client is the desktop app that started this process for the one person using it, and it
    /// shows the elicitation form to that person; no console runs in this mode.
    /// </summary>
    public const Approvers Stdio = Approvers.Client;

    /// <summary>
    /// <c>serve --http</c>, with or without <c>--workspace</c>/<c>--sandbox</c>: the server cannot tell who answers an
    /// elicitation — any process that reaches the port (a remote agent with an API key, or any local process on a
    /// loopback single-workspace server) may auto-accept — and the admin console runs in the same process, so a person
    /// has somewhere to decide.
    /// </summary>
    public const Approvers Http = Approvers.Person;
}
