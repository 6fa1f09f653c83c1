namespace Connectors.Mcp.Tests.Catalog.Discovery;

/// <summary>
/// Requests for <see cref="ToolSearchRankingTests"/>, against a workspace with one connector of every registered type
/// under its default name (gmail, google_calendar, outlook_mail, outlook_calendar). A request that names no provider
/// accepts either provider's tool; one that names Gmail, Google, Outlook or Teams accepts only that provider's.
/// </summary>
internal static class ToolSearchRequests
{
    private static readonly string[] SendEmail = ["gmail_send_email", "outlook_mail_send_email"];
    private static readonly string[] Draft = ["gmail_create_draft", "outlook_mail_create_draft"];
    private static readonly string[] SearchMail = ["gmail_search_inbox", "outlook_mail_search_messages"];
    private static readonly string[] ReadMessage = ["gmail_get_message", "outlook_mail_get_message"];
    private static readonly string[] FileMessage = ["gmail_modify_labels", "outlook_mail_move_message"];
    private static readonly string[] ListEvents = ["google_calendar_list_events", "outlook_calendar_list_events"];
    private static readonly string[] GetEvent = ["google_calendar_get_event", "outlook_calendar_get_event"];
    private static readonly string[] CreateEvent = ["google_calendar_create_event", "outlook_calendar_create_event"];
    private static readonly string[] UpdateEvent = ["google_calendar_update_event", "outlook_calendar_update_event"];
    private static readonly string[] DeleteEvent = ["google_calendar_delete_event", "outlook_calendar_delete_event"];
    private static readonly string[] ListCalendars = ["google_calendar_list_calendars", "outlook_calendar_list_calendars"];
    private static readonly string[] FreeTime = ["google_calendar_find_free_busy", "google_calendar_find_meeting_slots", "outlook_calendar_find_meeting_times"];

    public static IReadOnlyList<ToolSearchCase> All { get; } =
    [
        // Written before and while the vocabulary was tuned.
        new("send Bob the Q3 deck", SendEmail),
        new("what's on my calendar Tuesday", ListEvents),
        new("archive that email", FileMessage),
        new("reply to Anna", ["outlook_mail_reply", "gmail_send_email"]),
        new("move the standup to 3pm", UpdateEvent),
        new("am I free Thursday afternoon", FreeTime),
        new("find the invoice from Acme", SearchMail),
        new("cancel tomorrow's 1:1", DeleteEvent),
        new("draft a note to the team", Draft),
        new("who is coming to the offsite", [.. GetEvent, .. ListEvents]),
        new("list my calendars", ListCalendars),
        new("what connectors do I have", ["list_connectors"]),
        new("schedule a meeting with Priya next week", CreateEvent),
        new("search my Outlook mail for the contract", ["outlook_mail_search_messages"]),
        new("star the message from my landlord in Gmail", ["gmail_modify_labels"]),
        new("mark the newsletter as read", ["gmail_modify_labels"]),
        new("read the latest email from Carlos", [.. ReadMessage, .. SearchMail]),
        new("has my request to send the contract been approved yet", ["get_approval"]),
        new("add Maria to Friday's planning meeting", UpdateEvent),
        new("find a time when Sam and Lee can both meet for an hour", FreeTime),
        new("book a dentist appointment on my Google calendar", ["google_calendar_create_event"]),
        new("delete the Outlook event for the team lunch", ["outlook_calendar_delete_event"]),
        new("show me my unread emails", SearchMail),
        new("which Gmail labels do I have", ["gmail_list_labels"]),
        new("show my Outlook folders", ["outlook_mail_list_folders"]),
        new("move this message to the Projects folder", FileMessage),
        new("get the details of the board meeting", GetEvent),
        new("reply all to the budget thread in Outlook", ["outlook_mail_reply"]),
        new("create a Teams meeting for Monday at 10am", ["outlook_calendar_create_event"]),
        new("add a Google Meet link to the kickoff", ["google_calendar_update_event"]),

        // Round 1 of held-out requests: written after the vocabulary (src/Connectors.Mcp.Core/Catalog/Discovery/
        // SearchVocabulary.cs) was frozen in commit e279fcc and run once, 16 of 18 passing (commit 528bbbb). The two misses
        // ("throw away …", "invite Omar to …") then led to two vocabulary rules (colloquial delete; invite as a verb =
        // add a guest), so this round is no longer held out.
        new("forward the flight confirmation to my wife", SendEmail),
        new("is anyone declining the design review?", [.. GetEvent, .. ListEvents]),
        new("push Wednesday's sync back by half an hour", UpdateEvent),
        new("put lunch with Dana on my calendar for Friday noon", CreateEvent),
        new("what emails did I get from HR this week", SearchMail),
        new("open the last message from the bank", [.. ReadMessage, .. SearchMail]),
        new("throw away the duplicate event on Saturday", DeleteEvent),
        new("when is everyone on the platform team free next week", FreeTime),
        new("which calendars can I see in Outlook", ["outlook_calendar_list_calendars"]),
        new("answer the recruiter's email in Outlook and say I'm interested", ["outlook_mail_reply"]),
        new("save a reply to the landlord as a draft but don't send it", Draft),
        new("move the receipt email to my Expenses folder in Outlook", ["outlook_mail_move_message"]),
        new("remove the Important label from that Gmail conversation", ["gmail_modify_labels"]),
        new("is my calendar invite for the quarterly review still waiting for approval", ["get_approval"]),
        new("which accounts are connected to this workspace", ["list_connectors"]),
        new("invite Omar to the Thursday retro", UpdateEvent),
        new("show everything on my Google calendar for next Monday", ["google_calendar_list_events"]),
        new("write to the landlord about the broken heater", [.. SendEmail, .. Draft]),

        // HELD OUT, round 2: written after the vocabulary was frozen again in commit 2cc4ab0, and run once; no vocabulary,
        // weight or stemmer change was made for them. First run: 12 of 14 passed; the two misses stay as KnownMiss,
        // reported, not tuned away.
        new("did Priya accept the offsite invite?", [.. GetEvent, .. ListEvents], HeldOut: true),
        new("grab the tracking number from the Amazon shipping email", [.. SearchMail, .. ReadMessage], HeldOut: true, KnownMiss: "'grab' is not read as get; 'email' alone favours send_email"),
        new("shorten tomorrow's design sync to 30 minutes", UpdateEvent, HeldOut: true),
        new("set up a call with the vendor on Wednesday morning", CreateEvent, HeldOut: true),
        new("clean up my inbox by archiving the promo emails in Gmail", ["gmail_modify_labels", "gmail_search_inbox"], HeldOut: true),
        new("what's the next free hour for me and Jordan on Outlook", ["outlook_calendar_find_meeting_times"], HeldOut: true),
        new("email the agenda to everyone before the meeting", SendEmail, HeldOut: true),
        new("take Ravi off the project review invite", UpdateEvent, HeldOut: true),
        new("look up the Teams link for my 2pm", ["outlook_calendar_get_event", "outlook_calendar_list_events"], HeldOut: true, KnownMiss: "'link' does not reach 'Teams URL'; '2pm' pulls towards free-time tools"),
        new("which approvals are still pending", ["get_approval"], HeldOut: true),
        new("is Google Calendar connected", ["list_connectors"], HeldOut: true),
        new("find emails with PDF attachments from last month", SearchMail, HeldOut: true),
        new("show the time zone of each of my calendars", ListCalendars, HeldOut: true),
        new("respond to Li's question about the budget", ["outlook_mail_reply", "gmail_send_email"], HeldOut: true),
    ];
}
