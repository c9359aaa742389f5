using System.Diagnostics;
using System.Reflection;
using System.Runtime.InteropServices;
using Ekuiper.Application.Common.Interfaces;

namespace Ekuiper.Infrastructure.Services;

/// <summary>The running process as GET / reports it; the platform named as Go names it, for eKuiper's clients.</summary>
public sealed class ServerEnvironment : IServerEnvironment
{
    public string Version { get; } = ReadVersion();

    public string Os { get; } =
        OperatingSystem.IsWindows() ? "windows"
        : OperatingSystem.IsMacOS() ? "darwin"
        : OperatingSystem.IsFreeBSD() ? "freebsd"
        : "linux";

    public string Arch { get; } = RuntimeInformation.ProcessArchitecture switch
    {
        Architecture.X64 => "amd64",
        Architecture.X86 => "386",
        Architecture.Arm64 => "arm64",
        Architecture.Arm => "arm",
        var other => other.ToString().ToLowerInvariant(),
    };

    /// <summary>When the process started: the server's uptime counts from there, as eKuiper's does.</summary>
    public DateTimeOffset StartedAt { get; } = new(Process.GetCurrentProcess().StartTime.ToUniversalTime(), TimeSpan.Zero);

    public long MemoryTotal => GC.GetGCMemoryInfo().TotalAvailableMemoryBytes;

    public double CpuPercent
    {
        get
        {
            using var process = Process.GetCurrentProcess();
            var lifetime = DateTimeOffset.UtcNow - StartedAt;
            return lifetime <= TimeSpan.Zero ? 0 : 100 * process.TotalProcessorTime.TotalSeconds / lifetime.TotalSeconds;
        }
    }

    public long MemoryUsed
    {
        get
        {
            using var process = Process.GetCurrentProcess();
            return process.WorkingSet64;
        }
    }

    /// <summary>The product version without the "+commit" build metadata the SDK appends.</summary>
    private static string ReadVersion()
    {
        var informational = typeof(ServerEnvironment).Assembly.GetCustomAttribute<AssemblyInformationalVersionAttribute>()?.InformationalVersion;
        return informational?.Split('+')[0] ?? "unknown";
    }
}
