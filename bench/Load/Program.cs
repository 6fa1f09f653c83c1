// bench/run.sh's driver; see docs/performance.md ("Governed call cost vs a bare MCP server"). Settings come from the
// environment (BenchSettings); the table goes to $OUT.
using Bench.Load;

var settings = BenchSettings.FromEnvironment();
var report = await new BenchRun(settings).RunAsync();
await File.WriteAllTextAsync(settings.OutputFile, report);
Console.WriteLine(report);
