using Connectors.Mcp.Core.Storage;
using Microsoft.Extensions.DependencyInjection;

namespace Connectors.Mcp.Tests.Commands;

public sealed class OAuthClientCommandTests : IDisposable
{
    private const string Secret = "GOCSPX-client-secret-never-shown";

    private readonly CliHarness _cli = new();

    public void Dispose() => _cli.Dispose();

    [Fact]
    public async Task Set_StoresTheClient_AndNeverEchoesTheSecret()
    {
        var result = await _cli.RunAsync("oauth-client", "set", "google", "--client-id", "123.apps.googleusercontent.com", "--client-secret", Secret);

        Assert.Equal(0, result.ExitCode);
        Assert.Contains("123.apps.googleusercontent.com", result.Stdout);
        Assert.DoesNotContain(Secret, result.Stdout + result.Stderr);

        await using var services = await _cli.BuildServicesAsync();
        var client = await services.GetRequiredService<ICredentialStore>().GetOAuthClientAsync("google", CancellationToken.None);
        Assert.Equal("123.apps.googleusercontent.com", client?.ClientId);
        Assert.Equal(Secret, client?.ClientSecret);
    }

    [Fact]
    public async Task Set_Microsoft_IsAcceptedOnceTheFamilyIsRegistered()
    {
        var result = await _cli.RunAsync("oauth-client", "set", "microsoft", "--client-id", "00000000-0000-0000-0000-00000000c0de", "--client-secret", Secret);

        Assert.Equal(0, result.ExitCode);
        await using var services = await _cli.BuildServicesAsync();
        var client = await services.GetRequiredService<ICredentialStore>().GetOAuthClientAsync("microsoft", CancellationToken.None);
        Assert.Equal("00000000-0000-0000-0000-00000000c0de", client?.ClientId);
    }

    [Theory]
    [InlineData("hubspot")]
    [InlineData("slack")]
    public async Task Set_AProviderThisBuildDoesNotRegister_IsAUsageError_NamingTheRegisteredOnes(string provider)
    {
        // The provider set comes from what is registered (ProviderCatalog), not from a list in the command.
        var result = await _cli.RunAsync("oauth-client", "set", provider, "--client-id", "abc");

        Assert.Equal(2, result.ExitCode);
        Assert.Contains($"Unknown provider '{provider}'; this build has: google, microsoft, zoom.", result.Stderr);
        await using var services = await _cli.BuildServicesAsync();
        Assert.Null(await services.GetRequiredService<ICredentialStore>().GetOAuthClientAsync(provider, CancellationToken.None));
    }

    [Fact]
    public async Task Set_SecretDash_ReadsItFromStdin()
    {
        var result = await _cli.RunWithStdinAsync(Secret + "\n", "oauth-client", "set", "google", "--client-id", "abc", "--client-secret", "-");

        Assert.Equal(0, result.ExitCode);
        await using var services = await _cli.BuildServicesAsync();
        var client = await services.GetRequiredService<ICredentialStore>().GetOAuthClientAsync("google", CancellationToken.None);
        Assert.Equal(Secret, client?.ClientSecret);
    }
}
