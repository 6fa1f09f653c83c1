using System.Net;
using Connectors.Mcp.Hosting;

namespace Connectors.Mcp.Commands.Doctor.Checks;

/// <summary>
/// A non-loopback bind can be reached by name: <see cref="HostAllowList"/> accepts loopback names, the bound host and
/// <c>$CONNECTORS_MCP_ALLOWED_HOSTS</c>. Bound to every interface (0.0.0.0, [::], a name Kestrel binds as any) with the
/// variable unset, every request from another machine carries a Host header the list refuses.
/// </summary>
internal sealed class AllowedHostsCheck : IDoctorCheck
{
    public string Name => "allowed-hosts";

    public Task<IReadOnlyList<DoctorFinding>> RunAsync(DoctorContext context, CancellationToken cancellationToken)
    {
        var variable = "$" + HostAllowList.AllowedHostsVariable;
        if (HostAllowList.IsLoopbackOnly(context.Urls))
        {
            return Result(DoctorFinding.Ok(Name, "serve --http binds loopback only; loopback host names are allowed."));
        }

        var extra = (Environment.GetEnvironmentVariable(HostAllowList.AllowedHostsVariable) ?? "")
            .Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
        var allowList = new HostAllowList(context.Urls, extra);
        var everyInterface = context.Urls.Where(u => !u.IsLoopback && IsEveryInterface(u.Host)).ToList();
        if (everyInterface.Count > 0 && extra.Length == 0)
        {
            return Result(DoctorFinding.Fail(
                Name,
                $"serve --http would bind every interface ({string.Join(", ", everyInterface.Select(u => u.Authority))}) but {variable} is empty: requests that name this machine are refused (DNS-rebinding protection).",
                $"export {HostAllowList.AllowedHostsVariable}=HOST[,HOST…] (the names clients use)"));
        }

        return Result(DoctorFinding.Ok(Name, $"serve --http accepts the host names: {string.Join(", ", allowList.Hosts.Order(StringComparer.OrdinalIgnoreCase))}."));
    }

    private static bool IsEveryInterface(string host) =>
        host is "*" or "+" || (IPAddress.TryParse(host.Trim('[', ']'), out var ip) && (ip.Equals(IPAddress.Any) || ip.Equals(IPAddress.IPv6Any)));

    private static Task<IReadOnlyList<DoctorFinding>> Result(DoctorFinding finding) => Task.FromResult<IReadOnlyList<DoctorFinding>>([finding]);
}
