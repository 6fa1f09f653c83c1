using System.CommandLine;
using Connectors.Mcp.Core.Catalog;

namespace Connectors.Mcp.Commands.ApiKeys;

/// <summary>
/// <c>--read-only</c>, <c>--tools PATTERN[,PATTERN…]</c> and <c>--tool-mode all|discovery</c>, read into a
/// <see cref="ToolScope"/>: the same options for <c>apikey create</c> and <c>serve --workspace</c>. A pattern that is not
/// a tool glob is a usage error (exit 2).
/// </summary>
internal sealed class ScopeOptions(string readOnlyDescription, string toolsDescription)
{
    private readonly Option<bool> _readOnly = new("--read-only") { Description = readOnlyDescription };

    private readonly Option<string?> _tools = new("--tools") { Description = toolsDescription, HelpName = "PATTERN[,PATTERN…]" };

    private readonly Option<string?> _toolMode = new Option<string?>("--tool-mode")
    {
        Description = "all: list every allowed tool; discovery: list only search_tools and call_tool (plus list_connectors, "
            + "get_approval), for a small context. Default: the workspace's setting (workspace set-tool-mode).",
        HelpName = "all|discovery",
    }.AcceptOnlyFromAmong([.. ToolModeNames.All]);

    public void AddTo(Command command)
    {
        command.Add(_readOnly);
        command.Add(_tools);
        command.Add(_toolMode);
    }

    /// <exception cref="ArgumentException">A pattern is not a tool pattern (see ToolPattern).</exception>
    public ToolScope Read(ParseResult parseResult)
    {
        var tools = parseResult.GetValue(_tools);
        var patterns = ToolScope.SplitPatterns(tools);
        if (tools is not null && patterns.Count == 0)
        {
            throw new ArgumentException("--tools needs at least one pattern, e.g. --tools gmail_* or --tools gmail_*,*_list_*.", nameof(tools));
        }

        ToolMode? mode = ToolModeNames.TryParse(parseResult.GetValue(_toolMode), out var parsed) ? parsed : null;
        return ToolScope.Create(parseResult.GetValue(_readOnly), patterns, mode);
    }
}
