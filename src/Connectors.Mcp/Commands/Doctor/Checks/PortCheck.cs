using System.Net;
using System.Net.Sockets;
using Connectors.Mcp.Core.Instructions;

namespace Connectors.Mcp.Commands.Doctor.Checks;

/// <summary>
/// Each address <c>serve --http</c> would listen on is free: bound for an instant and released. A held port is named
/// with another URL to use; it is often a connectors-mcp server that is already running.
/// </summary>
internal sealed class PortCheck : IDoctorCheck
{
    public string Name => "port";

    public Task<IReadOnlyList<DoctorFinding>> RunAsync(DoctorContext context, CancellationToken cancellationToken)
    {
        var findings = new List<DoctorFinding>();
        foreach (var url in context.Urls)
        {
            var address = AddressOf(url);
            try
            {
                var listener = new TcpListener(address, url.Port);
                listener.Start();
                listener.Stop();
            }
            catch (SocketException ex) when (ex.SocketErrorCode == SocketError.AddressAlreadyInUse)
            {
                findings.Add(DoctorFinding.Fail(
                    Name,
                    $"{url.Host}:{url.Port} is in use (by a server of connectors-mcp already running, or another program): serve --http cannot listen there. Stop it, or listen elsewhere:",
                    CliInstructions.ServeHttp($"{url.Scheme}://{url.Host}:PORT")));
            }
            catch (SocketException ex)
            {
                findings.Add(DoctorFinding.Fail(
                    Name,
                    $"{url.Host}:{url.Port} cannot be listened on ({ex.SocketErrorCode}). Listen elsewhere:",
                    CliInstructions.ServeHttp($"{url.Scheme}://127.0.0.1:PORT")));
            }
        }

        return Task.FromResult<IReadOnlyList<DoctorFinding>>(findings.Count > 0
            ? findings
            : [DoctorFinding.Ok(Name, $"{string.Join(", ", context.Urls.Select(u => $"{u.Host}:{u.Port}"))} free for serve --http.")]);
    }

    /// <summary>The address Kestrel binds for this URL: an IP as given, loopback for localhost, every interface otherwise.</summary>
    private static IPAddress AddressOf(Uri url)
    {
        if (url.IsLoopback && !IPAddress.TryParse(url.Host.Trim('[', ']'), out _))
        {
            return IPAddress.Loopback;
        }

        return IPAddress.TryParse(url.Host.Trim('[', ']'), out var ip) ? ip : IPAddress.Any;
    }
}
