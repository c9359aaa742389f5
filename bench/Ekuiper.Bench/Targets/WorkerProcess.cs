using System.Diagnostics;
using System.Text.Json;
using Ekuiper.Bench.Measuring;

namespace Ekuiper.Bench.Targets;

/// <summary>Runs one <see cref="Worker"/> request in a new process of this bench and reads its sample.</summary>
public static class WorkerProcess
{
    public static async Task<Sample> RunAsync(Worker.Request request, string scratchDirectory)
    {
        var requestPath = Path.Combine(scratchDirectory, $"worker-{Guid.NewGuid():N}.json");
        await File.WriteAllTextAsync(requestPath, JsonSerializer.Serialize(request));
        var start = new ProcessStartInfo(ServerProcess.DotnetHost(),
            [Path.Combine(AppContext.BaseDirectory, "Ekuiper.Bench.dll"), Worker.Flag, requestPath])
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        using var process = Process.Start(start)!;
        var output = process.StandardOutput.ReadToEndAsync();
        var errors = process.StandardError.ReadToEndAsync();
        await process.WaitForExitAsync();
        File.Delete(requestPath);
        var lastLine = (await output).Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries).LastOrDefault();
        if (process.ExitCode != 0 || lastLine is null)
        {
            throw new BenchFailure($"{request.Operation} failed in its worker process: {await errors}{await output}");
        }
        return JsonSerializer.Deserialize<Sample>(lastLine);
    }
}
