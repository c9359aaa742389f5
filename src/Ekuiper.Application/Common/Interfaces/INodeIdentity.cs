namespace Ekuiper.Application.Common.Interfaces;

/// <summary>
/// This server among those that share one store: its machine and data directory, the same across its restarts (one
/// server per data directory). Background tasks are owned by the server that registered them.
/// </summary>
public interface INodeIdentity
{
    string Id { get; }
}
