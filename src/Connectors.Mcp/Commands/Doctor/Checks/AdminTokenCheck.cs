using Connectors.Mcp.Core.Instructions;
using Connectors.Mcp.Core.Storage;
using Microsoft.Extensions.DependencyInjection;

namespace Connectors.Mcp.Commands.Doctor.Checks;

/// <summary>
/// An admin token that is not revoked exists, so the admin console and API of <c>serve --http</c> can be opened. Only a
/// warning: stdio serving does not need one.
/// </summary>
internal sealed class AdminTokenCheck : IDoctorCheck
{
    public string Name => "admin-token";

    public async Task<IReadOnlyList<DoctorFinding>> RunAsync(DoctorContext context, CancellationToken cancellationToken)
    {
        if (!context.DatabaseReady)
        {
            return [];
        }

        var tokens = await context.Services.GetRequiredService<IAdminTokenStore>().ListAsync(cancellationToken);
        var live = tokens.Count(t => !t.IsRevoked);
        return live > 0
            ? [DoctorFinding.Ok(Name, $"{live} admin token(s) can open the admin console of serve --http.")]
            : [DoctorFinding.Warn(Name, "No admin token (or all revoked): the admin console and API of serve --http cannot be opened.", CliInstructions.AdminTokenCreate)];
    }
}
