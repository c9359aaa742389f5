namespace Ekuiper.Application.Common.Interfaces;

/// <summary>What GET / reports about the running server.</summary>
public interface IServerEnvironment
{
    string Version { get; }

    /// <summary>The operating system in Go's words (linux, windows, darwin), as eKuiper reports it.</summary>
    string Os { get; }

    /// <summary>The architecture in Go's words (amd64, arm64, …).</summary>
    string Arch { get; }

    DateTimeOffset StartedAt { get; }

    /// <summary>The memory available to the process, in bytes.</summary>
    long MemoryTotal { get; }

    /// <summary>The CPU time this process used since it started, as a percentage of its wall-clock lifetime (gopsutil's CPUPercent, as eKuiper reports it).</summary>
    double CpuPercent { get; }

    /// <summary>The resident memory of this process, in bytes.</summary>
    long MemoryUsed { get; }
}
