// A bare ModelContextProtocol 2.4.0 server with one `echo` tool: the baseline bench/run.sh compares the product with.
//   bare-echo --stdio          MCP over stdio
//   bare-echo --http URL       Streamable HTTP at URL/mcp, stateful sessions (as the product's serve --http)
// Logging is at Warning, as the product turns the SDK's per-call logs down.
using BareEcho;
using ModelContextProtocol.AspNetCore;

if (args is ["--stdio"])
{
    var builder = Host.CreateApplicationBuilder(new HostApplicationBuilderSettings { Args = [], DisableDefaults = true });
    builder.Logging.ClearProviders();
    builder.Logging.AddSimpleConsole(o => o.SingleLine = true);
    builder.Logging.Services.Configure<Microsoft.Extensions.Logging.Console.ConsoleLoggerOptions>(o => o.LogToStandardErrorThreshold = LogLevel.Trace);
    builder.Logging.SetMinimumLevel(LogLevel.Warning);
    builder.Services.AddMcpServer().WithStdioServerTransport().WithToolsFromAssembly();
    await builder.Build().RunAsync();
    return 0;
}

if (args is ["--http", var url])
{
    var builder = WebApplication.CreateSlimBuilder(new WebApplicationOptions { Args = [] });
    builder.WebHost.UseUrls(url);
    builder.Logging.ClearProviders();
    builder.Logging.AddSimpleConsole(o => o.SingleLine = true);
    builder.Logging.SetMinimumLevel(LogLevel.Warning);
    builder.Services.AddMcpServer()
        .WithHttpTransport(o => o.SessionMode = HttpServerSessionMode.Stateful)
        .WithToolsFromAssembly();
    var app = builder.Build();
    app.MapMcp("/mcp");
    await app.StartAsync();
    Console.Error.WriteLine($"bare-echo listening on {url}");
    await app.WaitForShutdownAsync();
    return 0;
}

Console.Error.WriteLine("usage: bare-echo --stdio | --http URL");
return 2;
