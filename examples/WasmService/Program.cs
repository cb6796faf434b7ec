using System.Threading.Tasks;
using WasmService;

// dotnet run --project examples/WasmService                      the service (pool of fresh instances, telemetry at /telemetry)
// dotnet run -c Release --project examples/WasmService -- --load  the loopback load test of docs/benchmarks.md
if (args.Length > 0 && args[0] == LoadTest.Argument)
{
    return await LoadTest.RunAsync(args[1..]);
}

await ServiceApp.Build(args).RunAsync();
return 0;
