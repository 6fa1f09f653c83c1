using System.Text;
using Connectors.Mcp.Sandbox.Google;

namespace Connectors.Mcp.Tests.EndToEnd;

/// <summary>Arranging and checking connect flows: a Gmail connector without tokens, and what the database files hold.</summary>
public static class OAuthConnectSetup
{
    /// <summary>
    /// The fake's OAuth client (<c>oauth-client set google</c>) and a Gmail connector pointed at the fake, added through the
    /// CLI and not connected yet (needs_reauth): what a user has before <c>connector connect</c>.
    /// </summary>
    public static async Task<string> AddUnconnectedGmailAsync(this Installation installation, string slug, string name)
    {
        await installation.Cli.RunOkAsync("oauth-client", "set", "google", "--client-id", FakeGoogleServer.SandboxClientId, "--client-secret", FakeGoogleServer.SandboxClientSecret);
        var add = await installation.Cli.RunOkAsync("connector", "add", slug, "gmail", "--name", name,
            "--setting", $"api_base_url={installation.Google.BaseUrl}",
            "--setting", $"token_url={installation.Google.TokenUrl}",
            "--setting", $"auth_url={installation.Google.AuthUrl}");
        Assert.Contains("connector connect", add.Stderr);
        return add.Stdout.Trim();
    }

    /// <summary>Whether the text appears, as UTF-8, in the database file or its WAL (a token stored in clear would).</summary>
    public static bool DatabaseFilesContain(this Installation installation, string text)
    {
        var needle = Encoding.UTF8.GetBytes(text);
        foreach (var path in new[] { installation.DatabasePath, installation.DatabasePath + "-wal" })
        {
            if (!File.Exists(path))
            {
                continue;
            }

            using var stream = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.ReadWrite | FileShare.Delete);
            using var copy = new MemoryStream();
            stream.CopyTo(copy);
            if (copy.ToArray().AsSpan().IndexOf(needle) >= 0)
            {
                return true;
            }
        }

        return false;
    }

    /// <summary>The connector's status as <c>connector list --json</c> shows it.</summary>
    public static async Task<string> StatusAsync(this Installation installation, string slug, string connectorId)
    {
        var listed = Commands.CliHarness.JsonLines(await installation.Cli.RunOkAsync("connector", "list", slug, "--json"))
            .Single(c => (string?)c["id"] == connectorId);
        return (string)listed["status"]!;
    }
}
