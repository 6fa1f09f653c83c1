using System.Text.Json.Nodes;
using Connectors.Mcp.Connectors.Arguments;
using Connectors.Mcp.Core.Connectors;
using Connectors.Mcp.Microsoft.Graph;
using Microsoft.Graph.Models;

namespace Connectors.Mcp.Microsoft.Calendar.Actions;

/// <summary><c>list_calendars</c>: <c>GET /me/calendars</c>, every page (the nextLink is followed only under api_base_url).</summary>
internal static class ListCalendarsAction
{
    public const string Name = "list_calendars";
    private const int MaxPages = 8;

    public static ConnectorAction Declaration { get; } = new()
    {
        Name = Name,
        Title = "List Outlook calendars",
        Description =
            "List the user's calendars: ids (for calendar_id), names, the default one ('primary'), edit rights, owner.",
        InputSchema = SchemaJson.Parse("""
            {
              "type": "object",
              "properties": {},
              "additionalProperties": false
            }
            """),
        OutputSchema = SchemaJson.Parse("""
            {
              "$schema": "https://json-schema.org/draft/2020-12/schema",
              "type": "object",
              "properties": {
                "calendars": {
                  "type": "array",
                  "items": {
                    "type": "object",
                    "properties": {
                      "id": { "type": "string", "description": "Calendar id, for calendar_id." },
                      "summary": { "type": "string", "description": "The calendar's name." },
                      "primary": { "type": "boolean", "description": "True for the user's default calendar ('primary')." },
                      "can_edit": { "type": "boolean" },
                      "owner": { "type": "string", "description": "The owner's address." }
                    },
                    "required": ["id", "primary", "can_edit"],
                    "additionalProperties": false
                  }
                }
              },
              "required": ["calendars"],
              "additionalProperties": false
            }
            """),
        Annotations = ActionAnnotations.Read,
        DefaultPolicy = ApprovalPolicy.Auto,
        Handler = new ActionHandler<GraphClient, ActionArguments>(
            arguments => Parse(new ActionArguments(arguments)),
            (graph, _, _, cancellationToken) => RunAsync(graph, cancellationToken)),
    };

    public static ActionArguments Parse(ActionArguments arguments)
    {
        arguments.RejectUnknown();
        return arguments;
    }

    public static async Task<JsonObject> RunAsync(GraphClient graph, CancellationToken cancellationToken)
    {
        var calendars = new List<global::Microsoft.Graph.Models.Calendar>();
        CalendarCollectionResponse page = await graph.CallAsync(
            (sdk, ct) => sdk.Me.Calendars.GetAsync(r => r.QueryParameters.Select = ["id", "name", "isDefaultCalendar", "canEdit", "owner"], ct),
            "The calendar list",
            cancellationToken).ConfigureAwait(false);
        for (var i = 0; i < MaxPages; i++)
        {
            calendars.AddRange((page.Value ?? []).Where(c => !string.IsNullOrEmpty(c.Id)));
            if (string.IsNullOrEmpty(page.OdataNextLink) || i == MaxPages - 1)
            {
                break;
            }

            var next = GraphPageToken.Unwrap(GraphPageToken.Wrap(page.OdataNextLink)!, graph.BaseUri, "page_token").AbsoluteUri;
            page = await graph.CallAsync((sdk, ct) => sdk.Me.Calendars.WithUrl(next).GetAsync(cancellationToken: ct), "The calendar list", cancellationToken).ConfigureAwait(false);
        }

        return new JsonObject
        {
            ["calendars"] = new JsonArray(calendars.Select(c => (JsonNode?)new JsonObject
            {
                ["id"] = c.Id,
                ["summary"] = c.Name,
                ["primary"] = c.IsDefaultCalendar ?? false,
                ["can_edit"] = c.CanEdit ?? false,
                ["owner"] = c.Owner?.Address,
            }).ToArray()),
        };
    }
}
