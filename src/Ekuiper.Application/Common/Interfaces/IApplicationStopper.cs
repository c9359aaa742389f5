namespace Ekuiper.Application.Common.Interfaces;

/// <summary>eKuiper's stop=1: the server stops itself so that its supervisor restarts it.</summary>
public interface IApplicationStopper
{
    /// <summary>
    /// Stops the host gracefully with process exit code 100 about one second from now, so that the answer of the
    /// current request (and a background task's record) is out first.
    /// </summary>
    void StopSoon();
}
