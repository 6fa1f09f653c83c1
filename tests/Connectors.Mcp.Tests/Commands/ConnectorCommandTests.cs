using Connectors.Mcp.Core.Storage;
using Microsoft.Extensions.DependencyInjection;

namespace Connectors.Mcp.Tests.Commands;

public sealed class ConnectorCommandTests : IDisposable
{
    private const string AccessToken = "ya29.access-token-that-must-never-leak-4b1f";
    private const string RefreshToken = "1//refresh-token-that-must-never-leak-9c2e";

    private readonly CliHarness _cli = new();

    public void Dispose() => _cli.Dispose();

    [Fact]
    public async Task Types_ListsTypeProviderActionsAndSettingKeys()
    {
        var table = await _cli.RunAsync("connector", "types");
        var json = await _cli.RunAsync("connector", "types", "--json");

        Assert.Equal(0, table.ExitCode);
        Assert.Equal(["TYPE", "DISPLAY_NAME", "PROVIDER", "ACTIONS", "SETTING_KEYS"], table.StdoutLines[0].Split(' ', StringSplitOptions.RemoveEmptyEntries));
        Assert.Contains(table.StdoutLines, l => l.StartsWith("gmail ", StringComparison.Ordinal) && l.Contains("search_inbox,get_message,send_email"));
        var gmail = CliHarness.JsonLines(json).Single(l => (string)l["type"]! == "gmail");
        Assert.Equal("Gmail", (string)gmail["display_name"]!);
        Assert.Equal("google", (string)gmail["provider"]!);
        Assert.Equal(
            ["search_inbox", "get_message", "send_email", "create_draft", "list_labels", "modify_labels"],
            gmail["actions"]!.AsArray().Select(a => (string)a!));
        Assert.Equal(["api_base_url", "token_url", "auth_url", "revoke_url"], gmail["setting_keys"]!.AsArray().Select(a => (string)a!));
    }

    [Fact]
    public async Task Add_PrintsOnlyTheNewId()
    {
        await _cli.CreateWorkspaceAsync("acme");

        var result = await _cli.RunAsync("connector", "add", "acme", "gmail", "--setting", "api_base_url=http://127.0.0.1:5200/", "--setting", "token_url=http://127.0.0.1:5200/token");

        Assert.Equal(0, result.ExitCode);
        var id = Assert.Single(result.StdoutLines);
        Assert.Equal(id + "\n", result.Stdout.Replace("\r\n", "\n"));
        await using var services = await _cli.BuildServicesAsync();
        var connector = await services.GetRequiredService<IConnectorStore>().FindAsync(id, CancellationToken.None);
        Assert.NotNull(connector);
        Assert.Equal("gmail", connector.Name);
        Assert.Equal("gmail", connector.Type);
        Assert.Equal(ConnectorStatus.NeedsReauth, connector.Status);
        Assert.Equal("http://127.0.0.1:5200/", connector.Settings["api_base_url"]);
        Assert.Equal("http://127.0.0.1:5200/token", connector.Settings["token_url"]);
        Assert.Contains($"set-token {id}", result.Stderr);
    }

    [Fact]
    public async Task Add_UnknownType_NamesTheValidTypes()
    {
        await _cli.CreateWorkspaceAsync("acme");

        var result = await _cli.RunAsync("connector", "add", "acme", "fax");

        Assert.Equal(2, result.ExitCode);
        Assert.Equal("", result.Stdout);
        Assert.Contains("Unknown connector type 'fax'", result.Stderr);
        Assert.Contains("Valid types: gmail", result.Stderr);
    }

    [Theory]
    [InlineData("colour=blue", "has no setting 'colour'")]
    [InlineData("api_base_url", "KEY=VALUE")]
    [InlineData("token_url=file:///etc/passwd", "absolute http(s) URL")]
    [InlineData("revoke_url=ftp://example.com/revoke", "absolute http(s) URL")]
    public async Task Add_BadSetting_IsAUsageErrorNamingTheValidKeys(string setting, string expected)
    {
        await _cli.CreateWorkspaceAsync("acme");

        var result = await _cli.RunAsync("connector", "add", "acme", "gmail", "--setting", setting);

        Assert.Equal(2, result.ExitCode);
        Assert.Contains(expected, result.Stderr);
        if (!expected.Contains("URL"))
        {
            Assert.Contains("Valid keys for 'gmail': api_base_url, token_url, auth_url, revoke_url.", result.Stderr);
        }
    }

    [Fact]
    public async Task Add_UnknownWorkspace_SaysHowToCreateIt()
    {
        var result = await _cli.RunAsync("connector", "add", "nope", "gmail");

        Assert.Equal(1, result.ExitCode);
        Assert.Contains("No workspace 'nope'. Create it with `connectors-mcp workspace create nope`", result.Stderr);
    }

    [Fact]
    public async Task Add_FourthOnFreePlan_IsRefusedWithThePlanLimitMessage()
    {
        await _cli.CreateWorkspaceAsync("acme");
        await _cli.AddConnectorAsync("acme", "one");
        await _cli.AddConnectorAsync("acme", "two");
        await _cli.AddConnectorAsync("acme", "three");

        var fourth = await _cli.RunAsync("connector", "add", "acme", "gmail", "--name", "four");

        Assert.Equal(1, fourth.ExitCode);
        Assert.Equal("", fourth.Stdout);
        Assert.Equal(
            "error: Workspace 'acme' is on the free plan, which allows 3 connectors; remove one or move to pro.",
            fourth.Stderr.Trim());
        await using var services = await _cli.BuildServicesAsync();
        var workspace = await services.GetRequiredService<IWorkspaceStore>().FindBySlugAsync("acme", CancellationToken.None);
        Assert.Equal(3, (await services.GetRequiredService<IConnectorStore>().GetWorkspaceConnectorsAsync(workspace!.Id, CancellationToken.None)).Count);
    }

    [Fact]
    public async Task Add_DuplicateName_IsRefused_AndNameTellsThemApart()
    {
        await _cli.CreateWorkspaceAsync("acme");
        await _cli.AddConnectorAsync("acme");

        var duplicate = await _cli.RunAsync("connector", "add", "acme", "gmail");
        var named = await _cli.RunAsync("connector", "add", "acme", "gmail", "--name", "work_mail");

        Assert.Equal(1, duplicate.ExitCode);
        Assert.Equal("", duplicate.Stdout);
        Assert.Equal("error: Workspace 'acme' already has a connector named 'gmail'; pass --name to add another account.", duplicate.Stderr.Trim());
        Assert.Equal(0, named.ExitCode);
    }

    [Fact]
    public async Task Add_InvalidName_IsAUsageError()
    {
        await _cli.CreateWorkspaceAsync("acme");

        var result = await _cli.RunAsync("connector", "add", "acme", "gmail", "--name", "Work Mail");

        Assert.Equal(2, result.ExitCode);
        Assert.Equal("", result.Stdout);
        Assert.Contains("not a valid connector name", result.Stderr);
    }

    [Fact]
    public async Task List_ShowsEveryStatus()
    {
        await _cli.CreateWorkspaceAsync("acme", "pro");
        var fresh = await _cli.AddConnectorAsync("acme", "fresh");
        var active = await _cli.AddConnectorAsync("acme", "working");
        var disabled = await _cli.AddConnectorAsync("acme", "paused");
        var failing = await _cli.AddConnectorAsync("acme", "failing");
        Assert.Equal(0, (await _cli.RunAsync("connector", "set-token", active, "--access-token", AccessToken)).ExitCode);
        Assert.Equal(0, (await _cli.RunAsync("connector", "set-token", failing, "--access-token", AccessToken)).ExitCode);
        Assert.Equal(0, (await _cli.RunAsync("connector", "disable", disabled)).ExitCode);
        await using (var services = await _cli.BuildServicesAsync())
        {
            await services.GetRequiredService<IConnectorStore>().RecordConnectorErrorAsync(failing, "upstream said 500", 1, CancellationToken.None);
        }

        var json = await _cli.RunAsync("connector", "list", "acme", "--json");
        var table = await _cli.RunAsync("connector", "list", "acme");

        Assert.Equal(0, json.ExitCode);
        var byId = CliHarness.JsonLines(json).ToDictionary(l => (string)l["id"]!);
        Assert.Equal("needs_reauth", (string)byId[fresh]["status"]!);
        Assert.Equal("active", (string)byId[active]["status"]!);
        Assert.Equal("disabled", (string)byId[disabled]["status"]!);
        Assert.Equal("error", (string)byId[failing]["status"]!);
        Assert.Equal("upstream said 500", (string)byId[failing]["last_error"]!);
        Assert.Equal("working", (string)byId[active]["name"]!);
        Assert.Equal("gmail", (string)byId[active]["type"]!);
        Assert.True(byId[fresh].ContainsKey("last_sync_at"));
        Assert.Equal("needs_reauth", (string)byId[fresh]["credential_state"]!);
        Assert.Equal("active", (string)byId[active]["credential_state"]!);
        Assert.Equal("needs_reauth", (string)byId[disabled]["credential_state"]!);
        Assert.Equal("active", (string)byId[failing]["credential_state"]!);
        Assert.Equal(["ID", "NAME", "TYPE", "STATUS", "CREDENTIAL_STATE", "PUBLISHED_ACTIONS", "LAST_SYNC_AT", "LAST_ERROR"], table.StdoutLines[0].Split(' ', StringSplitOptions.RemoveEmptyEntries));
        Assert.Equal(5, table.StdoutLines.Length);
    }

    [Fact]
    public async Task Disconnect_UnknownConnector_IsRefusedWithHowToFindIds()
    {
        await _cli.CreateWorkspaceAsync("acme");

        var result = await _cli.RunAsync("connector", "disconnect", "con_missing");

        Assert.Equal(1, result.ExitCode);
        Assert.Contains("connector list", result.Stderr);
    }

    [Fact]
    public async Task Disconnect_NoTokensStored_MarksTheCredentialRevokedWithoutAProviderCall()
    {
        await _cli.CreateWorkspaceAsync("acme");
        var id = await _cli.AddConnectorAsync("acme");

        var result = await _cli.RunAsync("connector", "disconnect", id);
        var list = await _cli.RunAsync("connector", "list", "acme", "--json");

        Assert.Equal(0, result.ExitCode);
        Assert.Contains("no tokens were stored", result.Stdout);
        Assert.DoesNotContain("Warning", result.Stderr);
        var listed = CliHarness.JsonLines(list).Single();
        Assert.Equal("revoked", (string)listed["credential_state"]!);
        Assert.Equal("needs_reauth", (string)listed["status"]!);
    }

    [Fact]
    public async Task Disconnect_Outlook_DeletesTheTokens_AndPointsToTheAccountPermissionsPage()
    {
        // Microsoft cannot revoke one app's grant: the revoker refuses, the tokens go anyway, the person is told where to remove access.
        await _cli.CreateWorkspaceAsync("acme");
        var add = await _cli.RunAsync("connector", "add", "acme", "outlook_mail");
        var id = add.Stdout.Trim();
        await _cli.RunAsync("connector", "set-token", id, "--access-token", AccessToken, "--refresh-token", RefreshToken, "--expires-in", "3600");

        var result = await _cli.RunAsync("connector", "disconnect", id);
        var list = await _cli.RunAsync("connector", "list", "acme", "--json");

        Assert.Equal(0, add.ExitCode);
        Assert.Equal(0, result.ExitCode);
        Assert.Contains("the provider did NOT confirm the revocation", result.Stdout);
        Assert.Contains("Microsoft offers no way to revoke one app's grant", result.Stderr);
        Assert.Contains("(Microsoft: https://myapps.microsoft.com/)", result.Stderr);
        Assert.DoesNotContain(RefreshToken, result.Stdout + result.Stderr);
        Assert.Equal("revoked", (string)CliHarness.JsonLines(list).Single()["credential_state"]!);
    }

    [Fact]
    public async Task SetToken_MovesNeedsReauthToActive_AndTheTokensAppearNowhere()
    {
        await _cli.CreateWorkspaceAsync("acme");
        var id = await _cli.AddConnectorAsync("acme");

        var set = await _cli.RunAsync("connector", "set-token", id, "--access-token", AccessToken, "--refresh-token", RefreshToken, "--expires-in", "3600");
        var list = await _cli.RunAsync("connector", "list", "acme", "--json");
        var audit = await _cli.RunAsync("audit", "list", "acme", "--json");

        Assert.Equal(0, set.ExitCode);
        Assert.Contains("status active", set.Stdout);
        Assert.Equal("active", (string)CliHarness.JsonLines(list).Single()["status"]!);
        foreach (var output in new[] { set, list, audit })
        {
            Assert.DoesNotContain(AccessToken, output.Stdout + output.Stderr);
            Assert.DoesNotContain(RefreshToken, output.Stdout + output.Stderr);
        }

        await using (var services = await _cli.BuildServicesAsync())
        {
            var connector = await services.GetRequiredService<IConnectorStore>().FindAsync(id, CancellationToken.None);
            var tokens = await services.GetRequiredService<ICredentialStore>().GetTokensAsync(connector!.WorkspaceId, id, CancellationToken.None);
            Assert.Equal(AccessToken, tokens?.AccessToken);
            Assert.Equal(RefreshToken, tokens?.RefreshToken);
            Assert.Equal(_cli.Time.GetUtcNow().AddSeconds(3600), tokens?.ExpiresAt);
        }

        foreach (var file in Directory.GetFiles(_cli.Root, "connectors.db*"))
        {
            var bytes = await ReadSharedAsync(file);
            Assert.False(Contains(bytes, AccessToken), $"{Path.GetFileName(file)} holds the access token in clear");
            Assert.False(Contains(bytes, RefreshToken), $"{Path.GetFileName(file)} holds the refresh token in clear");
        }
    }

    [Fact]
    public async Task SetToken_Dash_ReadsBothTokensFromStdin()
    {
        await _cli.CreateWorkspaceAsync("acme");
        var id = await _cli.AddConnectorAsync("acme");

        var set = await _cli.RunWithStdinAsync($"{AccessToken}\n{RefreshToken}\n", "connector", "set-token", id, "--access-token", "-", "--refresh-token", "-");

        Assert.Equal(0, set.ExitCode);
        await using var services = await _cli.BuildServicesAsync();
        var connector = await services.GetRequiredService<IConnectorStore>().FindAsync(id, CancellationToken.None);
        var tokens = await services.GetRequiredService<ICredentialStore>().GetTokensAsync(connector!.WorkspaceId, id, CancellationToken.None);
        Assert.Equal(AccessToken, tokens?.AccessToken);
        Assert.Equal(RefreshToken, tokens?.RefreshToken);
        Assert.Null(tokens?.ExpiresAt);
    }

    [Fact]
    public async Task SetToken_Dash_WithEmptyStdin_IsAUsageError()
    {
        await _cli.CreateWorkspaceAsync("acme");
        var id = await _cli.AddConnectorAsync("acme");

        var set = await _cli.RunAsync("connector", "set-token", id, "--access-token", "-");

        Assert.Equal(2, set.ExitCode);
        Assert.Contains("standard input is empty", set.Stderr);
    }

    [Theory]
    [InlineData("0")]
    [InlineData("-5")]
    public async Task SetToken_NonPositiveExpiresIn_IsAUsageError(string expiresIn)
    {
        await _cli.CreateWorkspaceAsync("acme");
        var id = await _cli.AddConnectorAsync("acme");

        var set = await _cli.RunAsync("connector", "set-token", id, "--access-token", AccessToken, "--expires-in", expiresIn);

        Assert.Equal(2, set.ExitCode);
        Assert.DoesNotContain(AccessToken, set.Stdout + set.Stderr);
    }

    [Fact]
    public async Task SetToken_UnknownConnector_IsRefused()
    {
        var set = await _cli.RunAsync("connector", "set-token", "cn_missing", "--access-token", AccessToken);

        Assert.Equal(1, set.ExitCode);
        Assert.Contains("No connector 'cn_missing'", set.Stderr);
        Assert.DoesNotContain(AccessToken, set.Stdout + set.Stderr);
    }

    [Fact]
    public async Task DisableEnableRemove_ChangeTheListedStatus()
    {
        await _cli.CreateWorkspaceAsync("acme");
        var id = await _cli.AddConnectorAsync("acme");
        await _cli.RunAsync("connector", "set-token", id, "--access-token", AccessToken);

        var disabled = await _cli.RunAsync("connector", "disable", id);
        var statusWhenDisabled = await StatusAsync(id);
        var enabled = await _cli.RunAsync("connector", "enable", id);
        var statusWhenEnabled = await StatusAsync(id);
        var removed = await _cli.RunAsync("connector", "remove", id);
        var listAfterRemove = await _cli.RunAsync("connector", "list", "acme", "--json");
        var removedAgain = await _cli.RunAsync("connector", "remove", id);

        Assert.Equal(0, disabled.ExitCode);
        Assert.Contains("is now disabled", disabled.Stdout);
        Assert.Equal("disabled", statusWhenDisabled);
        Assert.Equal(0, enabled.ExitCode);
        Assert.Equal("active", statusWhenEnabled);
        Assert.Equal(0, removed.ExitCode);
        Assert.Empty(listAfterRemove.StdoutLines);
        Assert.Equal(1, removedAgain.ExitCode);
        Assert.Contains($"No connector '{id}'", removedAgain.Stderr);
    }

    [Fact]
    public async Task Enable_WithoutTokens_GoesToNeedsReauthAndSaysHowToFixIt()
    {
        await _cli.CreateWorkspaceAsync("acme");
        var id = await _cli.AddConnectorAsync("acme");
        await _cli.RunAsync("connector", "disable", id);

        var enabled = await _cli.RunAsync("connector", "enable", id);

        Assert.Equal(0, enabled.ExitCode);
        Assert.Contains("is now needs_reauth", enabled.Stdout);
        Assert.Contains("set-token", enabled.Stderr);
    }

    private async Task<string> StatusAsync(string id)
    {
        var list = await _cli.RunAsync("connector", "list", "acme", "--json");
        return (string)CliHarness.JsonLines(list).Single(l => (string)l["id"]! == id)["status"]!;
    }

    private static async Task<byte[]> ReadSharedAsync(string path)
    {
        await using var stream = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.ReadWrite | FileShare.Delete);
        using var copy = new MemoryStream();
        await stream.CopyToAsync(copy);
        return copy.ToArray();
    }

    private static bool Contains(byte[] haystack, string needle) =>
        haystack.AsSpan().IndexOf(System.Text.Encoding.UTF8.GetBytes(needle)) >= 0
        || haystack.AsSpan().IndexOf(System.Text.Encoding.Unicode.GetBytes(needle)) >= 0;
}
