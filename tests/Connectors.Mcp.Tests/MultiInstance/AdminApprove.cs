using System.Net;
using System.Net.Http.Headers;
using System.Text;
using Connectors.Mcp.Tests.EndToEnd;

namespace Connectors.Mcp.Tests.MultiInstance;

/// <summary>Approving through one instance's own admin API (not through the balancer), as an operator's script does.</summary>
public static class AdminApprove
{
    /// <summary>POST /admin/api/approvals/{id}/approve on every instance in <paramref name="instances"/> at once; their status codes and bodies.</summary>
    public static async Task<(HttpStatusCode Status, string Body)[]> RaceAsync(MultiInstanceCluster cluster, string approvalId, IEnumerable<int> instances)
    {
        using var http = new HttpClient { Timeout = Bounded.Call };
        var attempts = instances.Select(async i =>
        {
            using var request = new HttpRequestMessage(HttpMethod.Post, new Uri(cluster.InstanceUrls[i], $"admin/api/approvals/{approvalId}/approve"))
            {
                Content = new StringContent("{}", Encoding.UTF8, "application/json"),
            };
            request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", cluster.AdminToken);
            using var response = await http.SendAsync(request);
            return (response.StatusCode, await response.Content.ReadAsStringAsync());
        });
        return await Task.WhenAll(attempts);
    }
}
