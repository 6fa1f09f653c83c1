namespace Connectors.Mcp.Core.Storage;

/// <summary>
/// Who made an operator change, as the operator audit log records it: <c>cli:USER</c> (the OS user running the CLI,
/// spelled as approvals decided from the CLI spell it), <c>admin:NAME</c> (the admin token of an admin API request,
/// as <c>AdminCaller.DecidedBy</c>) or <c>server</c> (the server's own sandbox token, made at start and revoked at stop).
/// </summary>
public sealed record OperatorActor
{
    private OperatorActor(string name) => Name = name;

    /// <summary>The server acting on its own behalf.</summary>
    public static OperatorActor Server { get; } = new("server");

    public string Name { get; }

    /// <summary>A person at the CLI, by OS user name.</summary>
    public static OperatorActor Cli(string userName) => new($"cli:{userName}");

    /// <summary>An admin API request, by the name of the admin token it came with.</summary>
    public static OperatorActor Admin(string tokenName) => new($"admin:{tokenName}");

    public override string ToString() => Name;
}
