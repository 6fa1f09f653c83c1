namespace Connectors.Mcp.BrowserTests;

/// <summary>
/// Every browser test class shares one Chromium and runs one after another: each starts a server child process and a
/// browser, which is plenty for a small machine.
/// </summary>
[CollectionDefinition(Name, DisableParallelization = true)]
public sealed class BrowserCollection : ICollectionFixture<ChromiumFixture>
{
    public const string Name = "Browser";
}
