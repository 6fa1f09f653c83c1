using System.Net;
using System.Text.Json.Nodes;
using Connectors.Mcp.Tests.EndToEnd;

namespace Connectors.Mcp.Tests.Admin;

/// <summary>
/// After a full admin session (sign-in, approve, deny, audit, events, sign-out), the admin token, the session cookie
/// and the CSRF token are nowhere they should not be: not in the server's log, not in audit rows, not in any API
/// response, and the token and session id not in the database files.
/// </summary>
[Collection(EndToEndCollection.Name)]
public sealed class AdminSecretExposureTests
{
    [Fact]
    public async Task AdminToken_SessionAndCsrfToken_NeverLeak()
    {
        await using var installation = await Installation.CreateAsync();
        await installation.CreateWorkspaceAsync("acme");
        await installation.AddGmailAsync("acme");
        var apiKey = await installation.CreateApiKeyAsync("acme");
        var token = (await installation.Cli.RunOkAsync("admin", "token", "create", "--name", "ops")).Stdout.Trim();
        var responses = new List<string>();
        string cookie;
        string csrf;
        await using (var server = await HttpServerProcess.StartAsync(installation.Home))
        {
            await using var client = await server.ConnectAsync(apiKey);
            var first = (string)(await client.CallAsync("gmail_send_email", """{"to":["a@acme.example"],"subject":"one","body":"1"}""")).AssertSuccess().Structured()["approval_id"]!;
            var second = (string)(await client.CallAsync("gmail_send_email", """{"to":["b@acme.example"],"subject":"two","body":"2"}""")).AssertSuccess().Structured()["approval_id"]!;
            using var http = new AdminHttp(server.BaseUrl);
            await http.SignInAsync(token);
            cookie = http.SessionCookie!;
            csrf = http.CsrfToken!;
            await using (var events = await AdminEventStream.OpenAsync(server.BaseUrl, token))
            {
                foreach (var (method, path, body) in new (HttpMethod, string, JsonNode?)[]
                {
                    (HttpMethod.Get, "admin/api/session", null),
                    (HttpMethod.Get, "admin/api/workspaces", null),
                    (HttpMethod.Get, "admin/api/approvals?status=all", null),
                    (HttpMethod.Post, $"admin/api/approvals/{first}/approve", new JsonObject { ["reason"] = "ok" }),
                    (HttpMethod.Post, $"admin/api/approvals/{second}/deny", new JsonObject()),
                    (HttpMethod.Get, "admin/api/audit?workspace=acme&limit=500", null),
                    (HttpMethod.Get, "admin/api/workspaces/acme/connectors", null),
                    (HttpMethod.Post, "admin/logout", null),
                })
                {
                    using var response = await http.BrowserAsync(method, path, body);
                    var text = await response.Content.ReadAsStringAsync();
                    Assert.True(response.IsSuccessStatusCode, $"{path}: {(int)response.StatusCode} {text}");
                    responses.Add(path == "admin/api/session" ? text.Replace(csrf, "", StringComparison.Ordinal) : text);
                }

                await events.NextAsync(e => e.Name == "approvals", Bounded.Call);
            }

            using var bearer = await http.BearerAsync(HttpMethod.Get, "admin/api/approvals?status=all", token);
            responses.Add(await bearer.Content.ReadAsStringAsync());
            Assert.Equal(HttpStatusCode.OK, bearer.StatusCode);

            Assert.DoesNotContain(token, server.Log.Text);
            Assert.DoesNotContain(cookie, server.Log.Text);
            Assert.DoesNotContain(csrf, server.Log.Text);
        }

        var (rows, raw) = await installation.AuditAsync("acme");
        Assert.NotEmpty(rows);
        Assert.All(new[] { token, cookie, csrf }, secret =>
        {
            Assert.DoesNotContain(secret, raw.Stdout);
            Assert.All(responses, r => Assert.DoesNotContain(secret, r));
        });
        var files = Directory.GetFiles(installation.Home, "connectors.db*").Select(File.ReadAllBytes).ToList();
        Assert.All(files, bytes =>
        {
            Assert.Equal(-1, bytes.AsSpan().IndexOf(System.Text.Encoding.UTF8.GetBytes(token)));
            Assert.Equal(-1, bytes.AsSpan().IndexOf(System.Text.Encoding.UTF8.GetBytes(cookie)));
        });
    }
}
