using MimeKit;

namespace Connectors.Mcp.Sandbox.Google.Gmail;

/// <summary>One message in the fake mailbox. Mutable labels; guarded by the mailbox's lock.</summary>
internal sealed class StoredMessage
{
    public required string Id { get; init; }

    public required string ThreadId { get; init; }

    public required HashSet<string> LabelIds { get; init; }

    public required MimeMessage Mime { get; init; }

    public required byte[] Raw { get; init; }

    public required DateTimeOffset InternalDate { get; init; }

    public FakeMailboxMessage Snapshot() => new(Id, ThreadId, LabelIds.Order(StringComparer.Ordinal).ToList(), Mime, InternalDate);
}
