namespace Connectors.Mcp.Core.Catalog.Discovery;

/// <summary>The parts of a tool definition the search reads, each weighted by <see cref="ToolSearchFields.Weight"/>.</summary>
internal enum ToolSearchField
{
    /// <summary>The tool name split on <c>_</c>: connector name and action (<c>gmail send email</c>).</summary>
    Name,

    Title,

    Description,

    /// <summary>The input schema's property names (<c>add_attendees</c>), at any depth.</summary>
    ArgumentNames,

    /// <summary>The input schema's property descriptions.</summary>
    ArgumentDescriptions,
}
