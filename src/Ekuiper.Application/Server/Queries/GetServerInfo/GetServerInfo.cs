using System.Globalization;
using System.Text.Json.Serialization;
using Ekuiper.Application.Common.Interfaces;
using MediatR;

namespace Ekuiper.Application.Server.Queries.GetServerInfo;

/// <summary>GET /: the server's version, platform and uptime, as eKuiper's root endpoint reports them.</summary>
public sealed record GetServerInfo : IRequest<ServerInfoDto>;

public sealed class ServerInfoDto
{
    [JsonPropertyName("version")] public required string Version { get; init; }

    [JsonPropertyName("os")] public required string Os { get; init; }

    [JsonPropertyName("arch")] public required string Arch { get; init; }

    [JsonPropertyName("upTimeSeconds")] public long UpTimeSeconds { get; init; }

    /// <summary>This process's CPU use since it started, e.g. "0.35%", as eKuiper writes it.</summary>
    [JsonPropertyName("cpuUsage")] public required string CpuUsage { get; init; }

    /// <summary>This process's resident memory in bytes, as a string.</summary>
    [JsonPropertyName("memoryUsed")] public required string MemoryUsed { get; init; }

    /// <summary>Bytes, as a string, as eKuiper writes it.</summary>
    [JsonPropertyName("memoryTotal")] public required string MemoryTotal { get; init; }
}

public sealed class GetServerInfoHandler(IServerEnvironment environment, IClock clock) : IRequestHandler<GetServerInfo, ServerInfoDto>
{
    public Task<ServerInfoDto> Handle(GetServerInfo request, CancellationToken cancellationToken) =>
        Task.FromResult(new ServerInfoDto
        {
            Version = environment.Version,
            Os = environment.Os,
            Arch = environment.Arch,
            UpTimeSeconds = Math.Max(0, (long)(clock.UtcNow - environment.StartedAt).TotalSeconds),
            CpuUsage = environment.CpuPercent.ToString("F2", CultureInfo.InvariantCulture) + "%",
            MemoryUsed = environment.MemoryUsed.ToString(CultureInfo.InvariantCulture),
            MemoryTotal = environment.MemoryTotal.ToString(CultureInfo.InvariantCulture),
        });
}
