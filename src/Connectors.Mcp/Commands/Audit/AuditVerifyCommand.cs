using System.CommandLine;
using Connectors.Mcp.Commands.Shared;
using Connectors.Mcp.Core.Storage;
using Microsoft.Extensions.DependencyInjection;

namespace Connectors.Mcp.Commands.Audit;

/// <summary>
/// <c>audit verify SLUG</c>: walks the workspace's hash chain. Exit 0 and the number of rows checked when intact;
/// exit 1 with the first bad row and what is wrong with it otherwise.
/// </summary>
internal sealed class AuditVerifyCommand : Command
{
    private readonly Argument<string> _slug = new("SLUG") { Description = "The workspace." };

    public AuditVerifyCommand(CliContext context)
        : base("verify", "Check that no audit row was edited or deleted.")
    {
        Add(_slug);
        SetAction((parseResult, cancellationToken) => context.RunWithServicesAsync(parseResult, cancellationToken, async (services, ct) =>
        {
            var workspace = await services.GetRequiredService<IWorkspaceStore>().RequireWorkspaceAsync(parseResult.GetRequiredValue(_slug), ct);
            var result = await services.GetRequiredService<IAuditLog>().VerifyAsync(workspace.Id, ct);
            var unfinished = result.UnfinishedRows > 0
                ? $" {result.UnfinishedRows} started row(s) are not final yet (in flight, or the process died) and are not chained."
                : "";
            if (result.Intact)
            {
                context.Console.Out.WriteLine($"Audit chain of workspace '{workspace.Slug}' is intact: {result.RowsChecked} rows checked.{unfinished}");
                return ExitCodes.Success;
            }

            context.Console.Error.WriteLine(
                $"error: Audit chain of workspace '{workspace.Slug}' is broken at row {result.FirstBadRowId?.ToString() ?? "(unknown)"}: " +
                $"{result.Problem ?? "no detail"}. {result.RowsChecked} rows checked.{unfinished}");
            return ExitCodes.Refused;
        }));
    }
}
