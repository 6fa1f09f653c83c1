namespace Connectors.Mcp.BrowserTests;

/// <summary>
/// Where the browser tests find Chromium: Debian's <c>chromium</c> package at <c>/usr/bin/chromium</c> (or the path in
/// <c>CONNECTORS_MCP_CHROMIUM_PATH</c>). Playwright never downloads a browser here. Without it the tests are skipped
/// locally, and fail when <c>CONNECTORS_MCP_REQUIRE_BROWSER=1</c> (CI sets it, so they cannot silently skip there).
/// </summary>
public static class ChromiumLocation
{
    public const string DebianPath = "/usr/bin/chromium";
    public const string PathVariable = "CONNECTORS_MCP_CHROMIUM_PATH";
    public const string RequireVariable = "CONNECTORS_MCP_REQUIRE_BROWSER";

    public static string ExecutablePath =>
        Environment.GetEnvironmentVariable(PathVariable) is { Length: > 0 } path ? path : DebianPath;

    public static string MissingMessage =>
        $"Chromium is not installed at {ExecutablePath}: install Debian's chromium (apt-get install chromium).";

    public static bool IsInstalled => File.Exists(ExecutablePath);

    public static bool IsRequired => Environment.GetEnvironmentVariable(RequireVariable) == "1";
}
