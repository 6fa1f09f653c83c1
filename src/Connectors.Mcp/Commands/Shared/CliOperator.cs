using Connectors.Mcp.Core.Storage;

namespace Connectors.Mcp.Commands.Shared;

/// <summary>Who the operator audit log records for a CLI change: <c>cli:USER</c>, the OS user, as approvals decided from the CLI record it.</summary>
internal static class CliOperator
{
    public static OperatorActor Actor => OperatorActor.Cli(Environment.UserName);
}
