using System.Diagnostics;

namespace Ekuiper.Bench.Measuring;

/// <summary>
/// The peak working set of a process over one operation. On Linux the kernel's high-water mark (VmHWM) is reset
/// before the operation (clear_refs 5) and read after it, which is exact; elsewhere the process's lifetime peak is
/// the best there is, so the figure may include earlier work.
/// </summary>
public static class PeakMemory
{
    public static void Reset(int processId)
    {
        try
        {
            File.WriteAllText($"/proc/{processId}/clear_refs", "5");
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            // Not Linux, or not allowed: Read falls back to the lifetime peak.
        }
    }

    public static long Read(int processId)
    {
        var status = $"/proc/{processId}/status";
        if (File.Exists(status))
        {
            foreach (var line in File.ReadLines(status))
            {
                if (line.StartsWith("VmHWM:", StringComparison.Ordinal))
                {
                    var kilobytes = line["VmHWM:".Length..].Trim().Split(' ')[0];
                    return long.Parse(kilobytes, System.Globalization.CultureInfo.InvariantCulture) * 1024;
                }
            }
        }
        using var process = Process.GetProcessById(processId);
        return process.PeakWorkingSet64;
    }
}
