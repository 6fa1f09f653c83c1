using Connectors.Mcp.Core.Pipeline.Approval.Rules;

namespace Connectors.Mcp.Core.Catalog;

/// <summary>
/// Which of a workspace's tools a credential may see and call: an API key's scope (stored with the key) or a stdio
/// server's (<c>serve --stdio --read-only --tools …</c>). A tool outside the scope is absent from tools/list and
/// list_connectors, and a call to it is answered and audited exactly like a call to an unknown tool.
/// <list type="bullet">
/// <item><see cref="ReadOnly"/>: only tools whose action is read-only (its <c>readOnlyHint</c> annotation).</item>
/// <item><see cref="Patterns"/>: only tools whose published name matches one of these <see cref="ToolPattern"/> globs
/// (<c>gmail_*</c>, <c>*_list_*</c>); none = every name.</item>
/// <item>Both given: both must hold.</item>
/// <item>The meta tools (list_connectors, get_approval) are in every scope: they call no provider and reveal only what
/// the scope allows (list_connectors lists only allowed tools; get_approval reports an approval of the key's own
/// workspace by its unguessable id, which only a gated call returned).</item>
/// </list>
/// A scope may also fix the session's <see cref="ToolMode"/> (<see cref="Mode"/>; <c>null</c>: the workspace's setting).
/// The mode changes what is listed, never what may be called.
/// Immutable, like a key's scope: a different scope is a new key.
/// </summary>
public sealed class ToolScope : IEquatable<ToolScope>
{
    /// <summary>At most this many patterns per scope.</summary>
    public const int MaxPatterns = 50;

    private ToolScope(bool readOnly, IReadOnlyList<string> patterns, ToolMode? mode)
    {
        ReadOnly = readOnly;
        Patterns = patterns;
        Mode = mode;
    }

    /// <summary>Every tool of the workspace: keys created before scopes existed, and keys created without options.</summary>
    public static ToolScope Full { get; } = new(false, [], null);

    public bool ReadOnly { get; }

    /// <summary>Tool-name globs, in the order given, without duplicates; empty = no restriction by name.</summary>
    public IReadOnlyList<string> Patterns { get; }

    /// <summary>The tool mode this credential fixes for its sessions; <c>null</c>: the workspace's (<c>workspace set-tool-mode</c>).</summary>
    public ToolMode? Mode { get; }

    /// <summary>Whether every tool is allowed (whatever <see cref="Mode"/> says: the mode restricts no call).</summary>
    public bool IsFull => !ReadOnly && Patterns.Count == 0;

    /// <summary>A scope; each pattern is checked with <see cref="ToolPattern.Validate"/>.</summary>
    /// <exception cref="ArgumentException">A pattern is not a tool pattern, or there are more than <see cref="MaxPatterns"/>.</exception>
    public static ToolScope Create(bool readOnly, IEnumerable<string>? patterns, ToolMode? mode = null)
    {
        if (mode is { } given && !Enum.IsDefined(given))
        {
            throw new ArgumentException($"Unknown tool mode {given}.", nameof(mode));
        }

        var list = new List<string>();
        foreach (var pattern in patterns ?? [])
        {
            var valid = ToolPattern.Validate(pattern, nameof(patterns));
            if (!list.Contains(valid, StringComparer.Ordinal))
            {
                list.Add(valid);
            }
        }

        if (list.Count > MaxPatterns)
        {
            throw new ArgumentException($"A scope takes at most {MaxPatterns} tool patterns; {list.Count} were given.", nameof(patterns));
        }

        return readOnly || list.Count > 0 || mode is not null ? new ToolScope(readOnly, list, mode) : Full;
    }

    /// <summary>The mode a session of this scope sees in <paramref name="workspace"/>: the scope's, else the workspace's.</summary>
    public ToolMode ModeIn(Storage.Workspace workspace)
    {
        ArgumentNullException.ThrowIfNull(workspace);
        return Mode ?? workspace.ToolMode;
    }

    /// <summary>
    /// What a credential may do on a server that was itself started with a scope (<c>serve --workspace … --read-only</c>):
    /// within both. Read-only if either is; the patterns of whichever has any; the credential's mode, else the server's.
    /// <c>null</c> when both restrict by pattern: the intersection of two pattern lists is not one list, so it is refused
    /// rather than widened to either.
    /// </summary>
    public ToolScope? Within(ToolScope server)
    {
        ArgumentNullException.ThrowIfNull(server);
        return Patterns.Count > 0 && server.Patterns.Count > 0
            ? null
            : Create(ReadOnly || server.ReadOnly, Patterns.Count > 0 ? Patterns : server.Patterns, Mode ?? server.Mode);
    }

    /// <summary>A comma-separated list such as <c>gmail_*,*_list_*</c> as patterns (blanks between commas ignored).</summary>
    public static IReadOnlyList<string> SplitPatterns(string? commaSeparated) =>
        (commaSeparated ?? "").Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);

    public bool Allows(CatalogTool tool)
    {
        ArgumentNullException.ThrowIfNull(tool);
        if (tool.Meta is not null)
        {
            return true;
        }

        if (ReadOnly && tool.Action is not { IsReadOnly: true })
        {
            return false;
        }

        if (Patterns.Count == 0)
        {
            return true;
        }

        foreach (var pattern in Patterns)
        {
            if (ToolPattern.Matches(pattern, tool.Name))
            {
                return true;
            }
        }

        return false;
    }

    /// <summary>
    /// One line for lists and records: <c>all tools</c>, <c>read-only</c>, <c>tools gmail_*,*_list_*</c> or both, then
    /// <c>, discovery mode</c> (or <c>, all mode</c>) when the scope fixes the mode.
    /// </summary>
    public string Describe()
    {
        var tools = Patterns.Count == 0 ? null : "tools " + string.Join(',', Patterns);
        var what = IsFull ? "all tools" : ReadOnly ? (tools is null ? "read-only" : "read-only, " + tools) : tools!;
        return Mode is { } mode ? $"{what}, {mode.ToName()} mode" : what;
    }

    public bool Equals(ToolScope? other) =>
        other is not null && ReadOnly == other.ReadOnly && Mode == other.Mode && Patterns.SequenceEqual(other.Patterns, StringComparer.Ordinal);

    public override bool Equals(object? obj) => Equals(obj as ToolScope);

    public override int GetHashCode() => HashCode.Combine(ReadOnly, Mode, Patterns.Count, Patterns.Count == 0 ? null : Patterns[0]);

    public override string ToString() => Describe();
}
