namespace Ekuiper.Infrastructure;

/// <summary>TEMPORARY: milestones of the start, printed when EKUIPER_START_TRACE is set.</summary>
public static class StartTrace
{
    private static readonly bool On = Environment.GetEnvironmentVariable("EKUIPER_START_TRACE") is { Length: > 0 };
    private static readonly DateTime Start = System.Diagnostics.Process.GetCurrentProcess().StartTime.ToUniversalTime();

    public static void Mark(string what)
    {
        if (On)
        {
            var p = System.Diagnostics.Process.GetCurrentProcess();
            Console.Error.WriteLine($"[start] {(DateTime.UtcNow - Start).TotalMilliseconds,7:F0} ms cpu {p.TotalProcessorTime.TotalMilliseconds,6:F0} {what}");
        }
    }
}
