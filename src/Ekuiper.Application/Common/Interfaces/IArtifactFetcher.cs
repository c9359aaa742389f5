namespace Ekuiper.Application.Common.Interfaces;

/// <summary>Reads the bytes behind a file:// or http(s):// URI, bounded in size and time.</summary>
public interface IArtifactFetcher
{
    /// <exception cref="Exceptions.FetchFailedException">The URI is not supported or cannot be read.</exception>
    Task<byte[]> FetchAsync(string uri, CancellationToken cancellationToken);
}
