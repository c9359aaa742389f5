namespace Ekuiper.Application.AsyncTasks;

/// <summary>How background tasks are kept alive and found dead.</summary>
/// <param name="SharedStore">
/// Several servers may share the task rows (PostgreSQL): a running task is vouched for by its owner's lease, and every
/// server marks the tasks whose lease ran out. False (SQLite, one server per store): a restart marks the tasks its
/// previous run left unfinished instead.
/// </param>
/// <param name="Lease">How long one renewal vouches for a running task.</param>
/// <param name="Tick">How often leases are renewed, progress written, cancels picked up and lapsed leases looked for.</param>
public sealed record TaskSettings(bool SharedStore, TimeSpan Lease, TimeSpan Tick)
{
    public static readonly TaskSettings Default = new(false, TimeSpan.FromSeconds(15), TimeSpan.FromSeconds(1));

    /// <summary>
    /// The longest a running task of a server that died reads running: its last lease, then up to one tick until a
    /// survivor looks, and one more for a tick that ran late.
    /// </summary>
    public TimeSpan InterruptionBound => Lease + Tick + Tick;
}
