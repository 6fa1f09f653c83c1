using Connectors.Mcp.Tests.EndToEnd;

namespace Connectors.Mcp.Tests.Admin;

/// <summary>An open console (its event stream) does not hold up stopping the server.</summary>
[Collection(EndToEndCollection.Name)]
public sealed class AdminEventsShutdownTests
{
    [Fact]
    public async Task Server_WithAnOpenEventStream_StopsPromptly()
    {
        using var home = new Support.TestHome();
        await using var server = await HttpServerProcess.StartAsync(home.Path, "--sandbox");
        var token = AdminConsoleNoticeTests.SandboxLine().Match(server.Log.Text).Groups["token"].Value;
        await using var stream = await AdminEventStream.OpenAsync(server.BaseUrl, token);

        // Bounded by Bounded.Shutdown (10 s): a stream that outlived the stop would hold it for the host's 30 s timeout.
        await server.TerminateAsync();
    }
}
