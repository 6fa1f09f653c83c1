using System.CommandLine;
using Connectors.Mcp.Core.Catalog;

namespace Connectors.Mcp.Commands.ApiKeys;

/// <summary>
/// <c>--read-only</c> and <c>--tools PATTERN[,PATTERN…]</c>, read into a <see cref="ToolScope"/>: the same options for
/// <c>apikey create</c> and <c>serve --workspace</c>. A pattern that is not a tool glob is a usage error (exit 2).
/// </summary>
internal sealed class ScopeOptions(string readOnlyDescription, string toolsDescription)
{
    private readonly Option<bool> _readOnly = new("--read-only") { Description = readOnlyDescription };

    private readonly Option<string?> _tools = new("--tools") { Description = toolsDescription, HelpName = "PATTERN[,PATTERN…]" };

    public void AddTo(Command command)
    {
        command.Add(_readOnly);
        command.Add(_tools);
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

        return ToolScope.Create(parseResult.GetValue(_readOnly), patterns);
    }
}
