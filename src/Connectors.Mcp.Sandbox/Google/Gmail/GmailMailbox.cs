using System.Text.RegularExpressions;
using MimeKit;
using MimeKit.Utils;

namespace Connectors.Mcp.Sandbox.Google.Gmail;

/// <summary>
/// The fake mailbox's state: messages with labels and threads, labels, drafts and sent mail. Every operation takes
/// the one lock. Threading follows Gmail's rule: a message joins the requested thread only if it references a message
/// of that thread (In-Reply-To/References) and its subject matches; otherwise it starts a new thread.
/// </summary>
internal sealed partial class GmailMailbox
{
    private readonly Lock _lock = new();
    private readonly TimeProvider _time;
    private readonly List<StoredMessage> _messages = [];
    private readonly List<FakeLabel> _labels = [];
    private readonly Dictionary<string, string> _draftMessages = new(StringComparer.Ordinal); // draft id → message id
    private readonly List<FakeSentMessage> _sent = [];
    private readonly List<FakeDraft> _drafts = [];
    private long _nextId;
    private long _nextDraftId;

    public GmailMailbox(TimeProvider time, string userAddress)
    {
        _time = time;
        UserAddress = userAddress;
        _nextId = time.GetUtcNow().ToUnixTimeMilliseconds() << 8;
        _nextDraftId = 8_000_000_000_000_000_000 + Random.Shared.NextInt64(1_000_000_000);
        _labels.AddRange(SystemLabels.All.Select(id => new FakeLabel(id, id, "system")));
    }

    public string UserAddress { get; }

    public IReadOnlyList<FakeSentMessage> Sent
    {
        get
        {
            lock (_lock)
            {
                return _sent.ToList();
            }
        }
    }

    public IReadOnlyList<FakeDraft> Drafts
    {
        get
        {
            lock (_lock)
            {
                return _drafts.ToList();
            }
        }
    }

    public IReadOnlyList<FakeMailboxMessage> Snapshot()
    {
        lock (_lock)
        {
            return _messages.Select(m => m.Snapshot()).ToList();
        }
    }

    public FakeLabel AddUserLabel(string name)
    {
        lock (_lock)
        {
            var label = new FakeLabel($"Label_{_labels.Count(l => l.Type == "user") + 1}", name, "user");
            _labels.Add(label);
            return label;
        }
    }

    public IReadOnlyList<FakeLabel> Labels()
    {
        lock (_lock)
        {
            return _labels.ToList();
        }
    }

    /// <summary>A label with its counts: (label, messagesTotal, messagesUnread, threadsTotal, threadsUnread).</summary>
    public (FakeLabel Label, int MessagesTotal, int MessagesUnread, int ThreadsTotal, int ThreadsUnread) LabelWithCounts(string id)
    {
        lock (_lock)
        {
            var label = _labels.FirstOrDefault(l => l.Id == id) ?? throw GoogleApiFault.NotFound();
            var messages = _messages.Where(m => m.LabelIds.Contains(id)).ToList();
            var unread = messages.Where(m => m.LabelIds.Contains(SystemLabels.Unread)).ToList();
            return (label, messages.Count, unread.Count, messages.Select(m => m.ThreadId).Distinct().Count(), unread.Select(m => m.ThreadId).Distinct().Count());
        }
    }

    /// <summary>Adds a message as delivered (seeds and tests). A null <paramref name="threadId"/> starts a thread.</summary>
    public FakeMailboxMessage Add(MimeMessage message, IEnumerable<string> labelIds, string? threadId = null, DateTimeOffset? date = null)
    {
        lock (_lock)
        {
            var labels = labelIds.ToHashSet(StringComparer.Ordinal);
            foreach (var label in labels)
            {
                RequireLabel(label);
            }

            return Store(message, Serialize(message), labels, threadId, date ?? message.Date).Snapshot();
        }
    }

    public StoredMessage? Find(string id)
    {
        lock (_lock)
        {
            return _messages.FirstOrDefault(m => m.Id == id);
        }
    }

    /// <summary>Messages matching <paramref name="filter"/>, newest first (snapshots of labels taken under the lock).</summary>
    public IReadOnlyList<StoredMessage> Query(Func<StoredMessage, bool> filter)
    {
        lock (_lock)
        {
            return _messages.Where(filter).OrderByDescending(m => m.InternalDate).ThenByDescending(m => m.Id, StringComparer.Ordinal).ToList();
        }
    }

    /// <summary>Resolves a <c>label:</c> search term (id or name; Gmail lowercases names and writes spaces and '/' as '-').</summary>
    public string? ResolveLabel(string term)
    {
        lock (_lock)
        {
            return _labels.FirstOrDefault(l =>
                string.Equals(l.Id, term, StringComparison.OrdinalIgnoreCase)
                || string.Equals(SearchName(l.Name), SearchName(term), StringComparison.OrdinalIgnoreCase))?.Id;
        }
    }

    public StoredMessage Send(byte[] raw, string? requestedThreadId)
    {
        var message = Parse(raw);
        if (message.To.Count + message.Cc.Count + message.Bcc.Count == 0)
        {
            throw GoogleApiFault.BadRequest("Recipient address required");
        }

        lock (_lock)
        {
            var stored = Store(Complete(message), raw, [SystemLabels.Sent], ResolveThread(message, requestedThreadId), null);
            _sent.Add(new FakeSentMessage(stored.Id, stored.ThreadId, requestedThreadId, System.Text.Encoding.UTF8.GetString(raw), Parse(raw)));
            return stored;
        }
    }

    public (string DraftId, StoredMessage Message) CreateDraft(byte[] raw, string? requestedThreadId)
    {
        var message = Parse(raw);
        lock (_lock)
        {
            var stored = Store(Complete(message), raw, [SystemLabels.Draft], ResolveThread(message, requestedThreadId), null);
            var draftId = "r" + _nextDraftId++;
            _draftMessages[draftId] = stored.Id;
            _drafts.Add(new FakeDraft(draftId, stored.Id, stored.ThreadId, requestedThreadId, System.Text.Encoding.UTF8.GetString(raw), Parse(raw)));
            return (draftId, stored);
        }
    }

    public IReadOnlyList<(string DraftId, StoredMessage Message)> ListDrafts()
    {
        lock (_lock)
        {
            return _draftMessages.Select(d => (d.Key, _messages.First(m => m.Id == d.Value))).ToList();
        }
    }

    public StoredMessage Modify(string id, IReadOnlyList<string> add, IReadOnlyList<string> remove)
    {
        lock (_lock)
        {
            var message = _messages.FirstOrDefault(m => m.Id == id) ?? throw GoogleApiFault.NotFound();
            foreach (var label in add.Concat(remove))
            {
                RequireLabel(label);
                if (SystemLabels.NotModifiable.Contains(label))
                {
                    throw GoogleApiFault.BadRequest($"Invalid label: {label}");
                }
            }

            message.LabelIds.UnionWith(add);
            message.LabelIds.ExceptWith(remove);
            return message;
        }
    }

    /// <summary>Labels of a message, copied under the lock.</summary>
    public IReadOnlyList<string> LabelsOf(StoredMessage message)
    {
        lock (_lock)
        {
            return message.LabelIds.Order(StringComparer.Ordinal).ToList();
        }
    }

    private StoredMessage Store(MimeMessage message, byte[] raw, HashSet<string> labels, string? threadId, DateTimeOffset? date)
    {
        var id = (_nextId++).ToString("x16", System.Globalization.CultureInfo.InvariantCulture);
        var stored = new StoredMessage
        {
            Id = id,
            ThreadId = threadId ?? id,
            LabelIds = labels,
            Mime = message,
            Raw = raw,
            InternalDate = date is { } d && d != DateTimeOffset.MinValue ? d : _time.GetUtcNow(),
        };
        _messages.Add(stored);
        return stored;
    }

    private void RequireLabel(string id)
    {
        if (!_labels.Any(l => l.Id == id))
        {
            throw GoogleApiFault.BadRequest($"Invalid label: {id}");
        }
    }

    /// <summary>Gmail's threading rule (see the class remarks); an unknown requested thread is a 404.</summary>
    private string? ResolveThread(MimeMessage message, string? requestedThreadId)
    {
        if (string.IsNullOrEmpty(requestedThreadId))
        {
            return null;
        }

        var thread = _messages.Where(m => m.ThreadId == requestedThreadId).ToList();
        if (thread.Count == 0)
        {
            throw GoogleApiFault.NotFound();
        }

        var referenced = message.References.Append(message.InReplyTo).OfType<string>().ToHashSet(StringComparer.Ordinal);
        var referencesThread = thread.Any(m => m.Mime.MessageId is { } mid && referenced.Contains(mid));
        var subjectMatches = thread.Any(m => string.Equals(BaseSubject(m.Mime.Subject), BaseSubject(message.Subject), StringComparison.OrdinalIgnoreCase));
        return referencesThread && subjectMatches ? requestedThreadId : null;
    }

    /// <summary>What Gmail adds to a message it sends or saves: From, Date, Message-ID.</summary>
    private MimeMessage Complete(MimeMessage message)
    {
        if (message.From.Count == 0)
        {
            message.From.Add(MailboxAddress.Parse(UserAddress));
        }

        if (!message.Headers.Contains(HeaderId.Date))
        {
            message.Date = _time.GetUtcNow();
        }

        if (string.IsNullOrEmpty(message.MessageId))
        {
            message.MessageId = MimeUtils.GenerateMessageId("mail.gmail.com");
        }

        return message;
    }

    private static MimeMessage Parse(byte[] raw)
    {
        try
        {
            using var stream = new MemoryStream(raw);
            return MimeMessage.Load(stream);
        }
        catch (FormatException)
        {
            throw GoogleApiFault.BadRequest("Invalid RFC 822 message.");
        }
    }

    private static byte[] Serialize(MimeMessage message)
    {
        using var stream = new MemoryStream();
        message.WriteTo(stream);
        return stream.ToArray();
    }

    private static string BaseSubject(string? subject) => ReplyPrefix().Replace(subject ?? string.Empty, string.Empty).Trim();

    private static string SearchName(string name) => name.ToLowerInvariant().Replace(' ', '-').Replace('/', '-');

    [GeneratedRegex(@"^(\s*(re|fwd?|aw|wg)\s*:\s*)+", RegexOptions.IgnoreCase)]
    private static partial Regex ReplyPrefix();
}
