namespace Connectors.Mcp.Core.Instructions;

/// <summary>
/// The <c>connectors-mcp …</c> commands that messages tell a person (or an agent, to relay) to run, spelled once for
/// Core, storage, the provider families, hosting and the command line. Each is returned in backticks, ready to paste;
/// words in capitals (SLUG, ID, TYPE) are for the person to fill in. No message spells a command itself: a test scans
/// the sources for that.
/// </summary>
public static class CliInstructions
{
    /// <summary>The executable's name as messages print it.</summary>
    public const string Executable = "connectors-mcp";

    public static string WorkspaceCreate(string slug) => Run($"workspace create {slug}");

    public static string WorkspaceList => Run("workspace list");

    public static string ApiKeyCreate(string slug) => Run($"apikey create {slug}");

    public static string ApiKeyList(string slug) => Run($"apikey list {slug}");

    public static string AdminTokenCreate => Run("admin token create");

    public static string AdminTokenList => Run("admin token list");

    public static string ConnectorTypes => Run("connector types");

    /// <summary>The command alone, where a message refers to its settings.</summary>
    public static string ConnectorAddCommand => Run("connector add");

    public static string ConnectorAdd(string slug, string type) => Run($"connector add {slug} {type}");

    public static string ConnectorList(string slug) => Run($"connector list {slug}");

    /// <summary>The command alone, where a message names the flow rather than a connector.</summary>
    public static string ConnectorConnectCommand => Run("connector connect");

    public static string ConnectorConnect(string connectorId) => Run($"connector connect {connectorId}");

    public static string ConnectorEnable(string connectorId) => Run($"connector enable {connectorId}");

    public static string ConnectorDisable(string connectorId) => Run($"connector disable {connectorId}");

    /// <summary>Which actions a connector publishes as tools: names comma-separated, or <c>--all</c>.</summary>
    public static string ConnectorSetTools(string connectorId, string actions = "ACTION[,ACTION…]") => Run($"connector set-tools {connectorId} {actions}");

    /// <summary>Stores a grant by hand; <paramref name="tokens"/> defaults to reading both tokens from stdin.</summary>
    public static string ConnectorSetToken(string connectorId, string tokens = "--access-token - --refresh-token -") =>
        Run($"connector set-token {connectorId} {tokens}");

    /// <summary>Gives a connector a server-to-server app (e.g. Zoom's Server-to-Server OAuth); the secret is read from stdin (<c>-</c>).</summary>
    public static string ConnectorSetClientCredentials(string connectorId) =>
        Run($"connector set-client-credentials {connectorId} --account-id ID --client-id ID --client-secret -");

    /// <summary>Configures a provider's OAuth client; the secret defaults to stdin (<c>-</c>).</summary>
    public static string OAuthClientSet(string provider, string clientId = "ID", string clientSecret = "-") =>
        Run($"oauth-client set {provider} --client-id {clientId} --client-secret {clientSecret}");

    public static string PolicySet(string slug, string tool, string policy) => Run($"policy set {slug} {tool} {policy}");

    public static string PolicyRuleList(string slug) => Run($"policy rule list {slug}");

    public static string PolicyRuleAdd(string slug, string rule) => Run($"policy rule add {slug} {rule}");

    public static string ApprovalsList(string slug) => Run($"approvals list {slug}");

    public static string ApprovalsApprove(string approvalId) => Run($"approvals approve {approvalId}");

    public static string AuditList(string slug) => Run($"audit list {slug}");

    public static string AuditVerify(string slug) => Run($"audit verify {slug}");

    /// <summary>The sandbox over stdio: seeds the <c>demo</c> workspace on first start.</summary>
    public static string ServeSandbox => Run("serve --stdio --sandbox");

    /// <summary>The HTTP server on other URLs (several separated by <c>;</c>).</summary>
    public static string ServeHttp(string urls = "URL") => Run($"serve --http --urls {urls}");

    /// <summary>Checks a home and says what to fix.</summary>
    public static string Doctor => Run("doctor");

    /// <summary>A verb's help, e.g. <c>Help("oauth-client set")</c>.</summary>
    public static string Help(string verb) => Run($"{verb} --help");

    private static string Run(string arguments) => $"`{Executable} {arguments}`";
}
