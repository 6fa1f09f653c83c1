using System.CommandLine;
using Connectors.Mcp.Commands.ApiKeys;
using Connectors.Mcp.Commands.Shared;
using Connectors.Mcp.Core.Instructions;
using Connectors.Mcp.Hosting;
using Connectors.Mcp.Sandbox;

namespace Connectors.Mcp.Commands.Serve;

/// <summary>
/// <c>serve --stdio --workspace SLUG [--read-only] [--tools PATTERN,…]</c> | <c>serve --http [--stateless] [--urls URL]
/// [--workspace SLUG [--read-only] [--tools …]]</c>. Checks the shape of the request (one transport; a workspace for stdio; loopback only
/// for single-workspace HTTP; a scope only with a workspace — API keys carry their own) and hands it to the host.
/// <c>--sandbox</c> implies <c>--workspace demo</c>. Ctrl+C / SIGTERM cancel the token the host runs under.
/// </summary>
internal sealed class ServeCommand : Command
{
    public const string DefaultUrls = "http://127.0.0.1:5100";

    private readonly Option<bool> _stdio = new("--stdio") { Description = "MCP over stdio for one workspace (needs --workspace)." };

    private readonly Option<bool> _http = new("--http") { Description = "MCP over Streamable HTTP at /mcp (and legacy SSE), behind workspace API keys." };

    private readonly Option<bool> _stateless = new("--stateless")
    {
        Description = "With --http: no MCP sessions, so N instances can sit behind a load balancer without affinity (older clients lose server-initiated messages: tools/list_changed, elicitation).",
    };

    private readonly Option<string?> _workspace = new("--workspace")
    {
        Description = "Serve only this workspace. With --http: no API keys, so only on loopback.",
        HelpName = "SLUG",
    };

    private readonly Option<string> _urls = new("--urls")
    {
        Description = "Where --http listens; several separated by ';'.",
        HelpName = "URL",
        DefaultValueFactory = _ => DefaultUrls,
    };

    private readonly ScopeOptions _scope = new(
        "Serve only the workspace's read-only tools (with --workspace; API keys carry their own scope).",
        "Serve only tools whose name matches one of these globs, e.g. gmail_*,*_list_* (with --workspace).");

    public ServeCommand(CliContext context)
        : base("serve", "Run the MCP server over stdio or HTTP until Ctrl+C.")
    {
        Add(_stdio);
        Add(_http);
        Add(_stateless);
        Add(_workspace);
        Add(_urls);
        _scope.AddTo(this);
        SetAction((parseResult, cancellationToken) =>
        {
            var request = BuildRequest(parseResult, context);
            return context.Serve(request, context.Console.Error, cancellationToken);
        });
    }

    private ServeRequest BuildRequest(ParseResult parseResult, CliContext context)
    {
        var stdio = parseResult.GetValue(_stdio);
        var http = parseResult.GetValue(_http);
        if (stdio == http)
        {
            throw new UsageException("Choose one transport: `serve --stdio --workspace SLUG` or `serve --http`.");
        }

        var sandbox = parseResult.GetValue(context.Global.Sandbox);
        var workspace = parseResult.GetValue(_workspace) ?? (sandbox ? SandboxEnvironment.WorkspaceSlug : null);
        if (stdio && workspace is null)
        {
            throw new UsageException($"serve --stdio serves one workspace: add --workspace SLUG (see {CliInstructions.WorkspaceList}).");
        }

        if (stdio && parseResult.GetResult(_urls) is { Implicit: false })
        {
            throw new UsageException("--urls applies to --http only.");
        }

        var stateless = parseResult.GetValue(_stateless);
        if (stdio && stateless)
        {
            throw new UsageException("--stateless applies to --http only (a stdio server is one session by nature).");
        }

        var urls = parseResult.GetRequiredValue(_urls);
        if (http)
        {
            CheckUrls(urls, singleWorkspace: workspace is not null);
        }

        var scope = _scope.Read(parseResult);
        if (workspace is null && (!scope.IsFull || scope.Mode is not null))
        {
            throw new UsageException($"--read-only, --tools and --tool-mode apply to the served workspace: add --workspace SLUG, or create a scoped key with {CliInstructions.ApiKeyCreate("SLUG")} --read-only.");
        }

        return new ServeRequest(context.ResolveHome(parseResult), stdio, workspace, urls, sandbox) { WorkspaceScope = scope, Stateless = stateless };
    }

    private static void CheckUrls(string urls, bool singleWorkspace)
    {
        var parts = urls.Split(';', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
        if (parts.Length == 0)
        {
            throw new UsageException($"--urls must not be empty; e.g. {DefaultUrls}.");
        }

        foreach (var part in parts)
        {
            if (!Uri.TryCreate(part, UriKind.Absolute, out var uri) || (uri.Scheme != Uri.UriSchemeHttp && uri.Scheme != Uri.UriSchemeHttps))
            {
                throw new UsageException($"--urls takes http(s) URLs such as {DefaultUrls}; got '{part}'.");
            }

            if (singleWorkspace && !HostAllowList.IsLoopbackOnly([uri]))
            {
                throw new CommandRefusedException(
                    $"serve --http --workspace has no API keys, so it only listens on loopback (127.0.0.1, [::1], localhost); got '{part}'. " +
                    "Drop --workspace to serve every workspace behind API keys.");
            }
        }
    }
}
