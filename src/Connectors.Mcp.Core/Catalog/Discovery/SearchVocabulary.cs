using System.Collections.Frozen;

namespace Connectors.Mcp.Core.Catalog.Discovery;

/// <summary>
/// What mail, calendar and meeting APIs call things, and what people call them in a request: a query word found here
/// also searches for the related words, at a lower weight than the word itself. Only queries are expanded; tool text is
/// indexed as written. Written from the domain (Gmail, Google Calendar, Microsoft Graph mail and calendar vocabulary:
/// messages, labels, folders, drafts, events, attendees, free/busy, meeting times), not from test sentences.
/// </summary>
internal static class SearchVocabulary
{
    /// <summary>Words that name the same thing: each searches for the others.</summary>
    public const double SameWeight = 0.6;

    /// <summary>A word that implies others (schedule → create event).</summary>
    public const double ImpliesWeight = 0.5;

    /// <summary>A word that only hints (a weekday suggests events and times).</summary>
    public const double HintWeight = 0.3;

    private static readonly (string[] When, string[] Also, double Weight)[] Rules =
    [
        // Mail.
        Same("email", "mail", "message", "inbox", "mailbox"),
        Implies(["note", "letter", "memo", "newsletter", "invoice", "receipt", "thread", "conversation", "correspondence"], "message", "mail"),
        Implies(["attachment", "attached", "file", "document", "doc", "pdf", "deck", "slides", "spreadsheet", "photo"], "message", "mail", "attachment"),
        Same("reply", "answer", "respond", "response"),
        Implies(["forward", "ping", "notify", "tell", "write", "contact"], "send", "email"),
        Same("draft", "compose", "drafts"),
        Implies(["prepare", "unsent"], "draft"),
        Implies(["archive", "archived"], "move", "folder", "label", "remove", "inbox", "archive"),
        Same("label", "tag", "category", "folder"),
        Implies(["star", "starred", "flag", "flagged", "mark", "important", "unstar"], "label", "add", "remove", "modify", "unread", "starred"),
        Implies(["unread", "unanswered"], "search", "inbox", "unread"),
        Implies(["restore", "unarchive", "undelete"], "move", "inbox", "label", "add"),
        Implies(["spam", "junk"], "junkemail", "spam", "label", "move"),
        Implies(["trash", "bin", "deleted", "deleteditems"], "deleteditems", "trash", "move", "delete"),
        Implies(["sender", "recipient", "cc", "bcc", "subject"], "message", "email"),
        Same("sent", "sentitems"),

        // Calendar.
        Same("calendar", "calendars", "agenda", "diary"),
        Same("event", "meeting", "appointment", "invite", "invitation"),
        Implies(["standup", "sync", "call", "lunch", "dinner", "breakfast", "interview", "offsite", "workshop", "webinar",
            "conference", "review", "demo", "retro", "retrospective", "kickoff", "huddle", "session", "catchup", "party",
            "ceremony", "appointment", "reservation", "trip", "vacation", "holiday", "birthday", "1on1", "oneonone"], "event", "meeting"),
        Implies(["schedule", "book", "arrange", "organize", "organise", "plan", "setup"], "create", "event", "calendar"),
        Implies(["reschedule", "postpone", "move", "shift", "push", "delay", "extend", "shorten", "rename"], "update", "change", "event", "time"),
        Same("attendee", "guest", "participant", "invitee", "attendees"),
        Implies(["invite", "include", "loop"], "attendee", "add", "guest"),
        Implies(["who", "people", "coming", "attend", "attending", "join", "joining", "rsvp", "accept", "accepted", "decline", "declined", "tentative", "going"], "attendee", "response", "guest"),
        Same("free", "busy", "available", "availability"),
        Implies(["slot", "window", "opening", "gap", "when"], "free", "slot", "time", "meeting"),
        Implies(["recurring", "repeat", "repeating", "weekly", "daily", "monthly", "series"], "recurrence", "occurrence", "series"),
        Implies(["where", "room", "venue", "place"], "location"),
        Implies(["organizer", "host", "owner"], "organizer", "attendee"),
        Implies(["remind", "reminder", "block", "hold"], "create", "event"),
        Implies(["timezone", "tz"], "time", "zone"),
        Implies(["duration", "minute", "long", "length"], "duration", "minutes", "time"),
        Implies(["video", "online", "virtual", "link", "meet", "teams", "zoom"], "meet", "teams", "link", "meeting"),

        // Actions, as the APIs name them.
        Same("delete", "remove", "cancel", "cancelled", "cancellation", "discard", "erase", "trash"),
        Implies(["throw", "toss", "ditch", "scrap", "drop", "rid", "nuke", "kill", "bin"], "delete", "remove", "discard"),
        Same("search", "find", "look", "lookup", "locate", "query", "filter"),
        Same("list", "show", "view", "display", "browse", "see"),
        Same("get", "read", "open", "fetch", "retrieve", "detail", "details"),
        Same("update", "change", "edit", "modify", "adjust", "amend"),
        Same("create", "new", "make", "insert"),
        Implies(["add"], "create", "update", "insert"),

        // Times hint at events, time windows and free/busy.
        Implies(["today", "tomorrow", "tonight", "yesterday", "monday", "tuesday", "wednesday", "thursday", "friday", "saturday",
            "sunday", "week", "weekend", "month", "morning", "afternoon", "evening", "noon", "midnight", "pm", "hour",
            "day", "date", "next", "upcoming", "later", "soon", "time"], HintWeight, "event", "time"),

        // The workspace itself.
        Same("connector", "account", "connection", "integration", "connected", "accounts", "apps", "services"),
        Implies(["tool", "tools", "provider"], "connector"),
        Implies(["connect", "reconnect", "disconnect", "login", "signin", "oauth", "grant"], "connector", "status"),
        Same("approval", "approve", "approved", "pending", "authorize", "signoff"),
        Implies(["status", "decided", "waiting"], "approval", "status"),

        // Providers, as people name them.
        Implies(["microsoft", "office", "o365", "m365", "exchange", "hotmail", "msn", "graph"], "outlook"),
        Implies(["google", "gsuite", "googlemail"], "gmail", "google"),
    ];

    private static readonly FrozenDictionary<string, (string Term, double Weight)[]> Expansions = Build();

    /// <summary>
    /// The query's terms with weights: each term itself at 1, then what the vocabulary relates it to at
    /// <see cref="SameWeight"/>, <see cref="ImpliesWeight"/> or <see cref="HintWeight"/>; a term reached twice keeps its
    /// highest weight. Ordered by term (ordinal), so a score sums in the same order every time.
    /// </summary>
    public static IReadOnlyList<(string Term, double Weight)> Expand(IEnumerable<string> queryTerms)
    {
        var weights = new Dictionary<string, double>(StringComparer.Ordinal);
        var terms = queryTerms.Distinct(StringComparer.Ordinal).ToList();
        foreach (var term in terms)
        {
            weights[term] = 1.0;
        }

        foreach (var term in terms)
        {
            foreach (var (related, weight) in Expansions.GetValueOrDefault(term, []))
            {
                if (!weights.TryGetValue(related, out var existing) || existing < weight)
                {
                    weights[related] = weight;
                }
            }
        }

        return weights.OrderBy(w => w.Key, StringComparer.Ordinal).Select(w => (w.Key, w.Value)).ToList();
    }

    /// <summary>Every word the vocabulary holds, as written (a test checks each survives <see cref="SearchText"/>).</summary>
    internal static IEnumerable<string> Words() => Rules.SelectMany(r => r.When.Concat(r.Also)).Distinct(StringComparer.Ordinal);

    private static (string[], string[], double) Same(params string[] words) => (words, words, SameWeight);

    private static (string[], string[], double) Implies(string[] when, params string[] also) => (when, also, ImpliesWeight);

    private static (string[], string[], double) Implies(string[] when, double weight, params string[] also) => (when, also, weight);

    private static FrozenDictionary<string, (string Term, double Weight)[]> Build()
    {
        var map = new Dictionary<string, Dictionary<string, double>>(StringComparer.Ordinal);
        foreach (var (when, also, weight) in Rules)
        {
            var targets = also.SelectMany(SearchText.Terms).ToList();
            foreach (var trigger in when.SelectMany(SearchText.Terms))
            {
                if (!map.TryGetValue(trigger, out var related))
                {
                    map[trigger] = related = new Dictionary<string, double>(StringComparer.Ordinal);
                }

                foreach (var target in targets.Where(t => t != trigger))
                {
                    related[target] = Math.Max(weight, related.GetValueOrDefault(target));
                }
            }
        }

        return map.ToFrozenDictionary(
            e => e.Key,
            e => e.Value.OrderBy(r => r.Key, StringComparer.Ordinal).Select(r => (r.Key, r.Value)).ToArray(),
            StringComparer.Ordinal);
    }
}
