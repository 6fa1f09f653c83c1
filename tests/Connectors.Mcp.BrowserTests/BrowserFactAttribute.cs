namespace Connectors.Mcp.BrowserTests;

/// <summary>
/// A test that needs Chromium: skipped (with how to install it) when <c>/usr/bin/chromium</c> is missing, unless
/// <c>CONNECTORS_MCP_REQUIRE_BROWSER=1</c> — then it runs and fails with the same message.
/// </summary>
[AttributeUsage(AttributeTargets.Method)]
public sealed class BrowserFactAttribute : FactAttribute
{
    public BrowserFactAttribute()
    {
        if (!ChromiumLocation.IsInstalled && !ChromiumLocation.IsRequired)
        {
            Skip = ChromiumLocation.MissingMessage;
        }
    }
}
