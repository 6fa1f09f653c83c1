namespace Connectors.Mcp.Sandbox.Microsoft;

/// <summary>The fake Outlook mailbox: folders (with well-known names) and messages, thread-safe.</summary>
internal sealed class OutlookMailbox
{
    private readonly Lock _lock = new();
    private readonly List<FakeOutlookFolder> _folders = [];
    private readonly List<FakeOutlookMessage> _messages = [];

    public IReadOnlyList<FakeOutlookFolder> Folders
    {
        get
        {
            lock (_lock)
            {
                return [.. _folders];
            }
        }
    }

    public IReadOnlyList<FakeOutlookMessage> Messages
    {
        get
        {
            lock (_lock)
            {
                return [.. _messages];
            }
        }
    }

    public void AddFolder(FakeOutlookFolder folder)
    {
        lock (_lock)
        {
            _folders.Add(folder);
        }
    }

    public void Add(FakeOutlookMessage message)
    {
        lock (_lock)
        {
            _messages.Add(message);
        }
    }

    /// <summary>A folder by id or well-known name (case-insensitive, as Graph resolves <c>Inbox</c> and <c>inbox</c>).</summary>
    public FakeOutlookFolder? FindFolder(string idOrName)
    {
        lock (_lock)
        {
            return _folders.FirstOrDefault(f => f.Id == idOrName || string.Equals(f.WellKnownName, idOrName, StringComparison.OrdinalIgnoreCase));
        }
    }

    /// <summary>Replaces the message <paramref name="id"/> by <paramref name="message"/> (which may carry a new id); false when it is gone.</summary>
    public bool Replace(string id, FakeOutlookMessage message)
    {
        lock (_lock)
        {
            var index = _messages.FindIndex(m => m.Id == id);
            if (index < 0)
            {
                return false;
            }

            _messages[index] = message;
            return true;
        }
    }

    public FakeOutlookMessage? Find(string id)
    {
        lock (_lock)
        {
            return _messages.FirstOrDefault(m => m.Id == id);
        }
    }
}
