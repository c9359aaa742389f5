using Ekuiper.Application.Common.Interfaces;
using Microsoft.Extensions.Options;

namespace Ekuiper.Infrastructure.Services;

/// <summary>"machine:data directory": unique among running servers (the data directory's lock) and stable across restarts.</summary>
public sealed class NodeIdentity(IOptions<EkuiperOptions> options) : INodeIdentity
{
    public string Id { get; } = $"{Environment.MachineName}:{options.Value.ResolveDataDirectory()}";
}
