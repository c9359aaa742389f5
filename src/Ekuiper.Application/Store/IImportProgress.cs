namespace Ekuiper.Application.Store;

/// <summary>Where an import run for a background task reports how far it got, so that a poller sees it move.</summary>
public interface IImportProgress
{
    /// <summary><paramref name="done"/> of <paramref name="total"/> planned entries are written (not yet committed).</summary>
    void Report(string taskId, int done, int total);
}
