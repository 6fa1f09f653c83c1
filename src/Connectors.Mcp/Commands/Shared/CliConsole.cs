namespace Connectors.Mcp.Commands.Shared;

/// <summary>
/// The three streams a command may use. <see cref="Out"/> carries only the result (ids, keys, tables, JSON lines) so
/// scripts can capture it; everything meant for a person (errors, hints) goes to <see cref="Error"/>.
/// <see cref="In"/> is read only when a secret is given as <c>-</c>.
/// </summary>
internal sealed record CliConsole(TextWriter Out, TextWriter Error, TextReader In);
