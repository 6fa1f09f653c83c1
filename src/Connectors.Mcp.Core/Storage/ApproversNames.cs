namespace Connectors.Mcp.Core.Storage;

/// <summary>
/// The one spelling of <see cref="Approvers"/> — <c>client</c>, <c>person</c> — used by the database, the CLI, the
/// admin API and audit decisions (<c>…;approvers=person</c>). <c>default</c> (no stored value) is the serving mode's.
/// </summary>
public static class ApproversNames
{
    /// <summary>What the CLI and the admin API accept to clear a workspace's setting.</summary>
    public const string Default = "default";

    public static IReadOnlyList<string> All { get; } = ["client", "person"];

    public static string ToName(this Approvers approvers) => approvers switch
    {
        Approvers.Client => "client",
        Approvers.Person => "person",
        _ => throw new ArgumentOutOfRangeException(nameof(approvers)),
    };

    public static bool TryParse(string? name, out Approvers approvers)
    {
        (var known, approvers) = name switch
        {
            "client" => (true, Approvers.Client),
            "person" => (true, Approvers.Person),
            _ => (false, default),
        };
        return known;
    }

    /// <summary>The decision suffix on every audit row the approval step writes, e.g. <c>;approvers=person</c>.</summary>
    public static string AuditSuffix(Approvers approvers) => ";approvers=" + approvers.ToName();
}
