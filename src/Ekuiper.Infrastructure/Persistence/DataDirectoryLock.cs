using System.Text;
using Microsoft.Extensions.Options;

namespace Ekuiper.Infrastructure.Persistence;

/// <summary>
/// One server per data directory: an exclusive lock on <c>&lt;data&gt;/.lock</c>, taken first thing at start-up
/// (<see cref="DependencyInjection.PrepareStoresAsync"/>) and held for the life of the host. It is a singleton of
/// the host's service provider, so disposing the host releases it, and the operating system releases it when the
/// process dies in any way, SIGKILL included.
/// </summary>
/// <remarks>
/// <para>
/// The file is opened with <see cref="FileShare.None"/>: on Linux and macOS .NET then takes <c>flock(LOCK_EX)</c> on
/// it (an advisory lock on the open file, not inherited by child processes), on Windows a sharing-mode lock. Setting
/// DOTNET_SYSTEM_IO_DISABLEFILELOCKING turns .NET's flock off, and this guard with it. The file is never deleted:
/// deleting a lock file races with the next server opening it. It holds the holder's process id, for people.
/// </para>
/// <para>
/// A lock held by another process fails at once. A lock held by another host of this process (tests start and
/// dispose several) is waited for, up to <see cref="InProcessWait"/>: a disposed host may still be releasing its
/// services on the thread that ran it when the next host on the same directory starts.
/// </para>
/// </remarks>
public sealed class DataDirectoryLock(IOptions<EkuiperOptions> options) : IDisposable
{
    public const string FileName = ".lock";

    /// <summary>How long a host waits for another host of the same process to release the directory.</summary>
    public static readonly TimeSpan InProcessWait = TimeSpan.FromSeconds(30);

    /// <summary>Lock files held by hosts of this process, each with the signal its release sets.</summary>
    private static readonly Dictionary<string, TaskCompletionSource> HeldInThisProcess = new(StringComparer.Ordinal);

    private readonly object _gate = new();
    private FileStream? _file;
    private TaskCompletionSource? _released;
    private bool _disposed;

    public string DataDirectory { get; } = options.Value.ResolveDataDirectory();

    public string LockPath => Path.Combine(DataDirectory, FileName);

    /// <summary>Takes the lock; does nothing if this instance holds it already.</summary>
    /// <exception cref="DataDirectoryInUseException">Another server holds it.</exception>
    public async Task AcquireAsync(CancellationToken cancellationToken = default)
    {
        var deadline = DateTime.UtcNow + InProcessWait;
        while (true)
        {
            Task otherHostReleased;
            lock (HeldInThisProcess)
            {
                if (!HeldInThisProcess.TryGetValue(LockPath, out var holder))
                {
                    TryTake();
                    return;
                }
                if (holder == _released)
                {
                    return; // this instance holds it
                }
                otherHostReleased = holder.Task;
            }
            var left = deadline - DateTime.UtcNow;
            if (left <= TimeSpan.Zero)
            {
                throw new DataDirectoryInUseException(DataDirectory, LockPath, inner: null);
            }
            try
            {
                await otherHostReleased.WaitAsync(left, cancellationToken);
            }
            catch (TimeoutException)
            {
                throw new DataDirectoryInUseException(DataDirectory, LockPath, inner: null);
            }
        }
    }

    /// <summary>Opens the lock file exclusively; called with no other host of this process holding it.</summary>
    private void TryTake()
    {
        lock (_gate)
        {
            ObjectDisposedException.ThrowIf(_disposed, this);
            Directory.CreateDirectory(DataDirectory);
            FileStream file;
            try
            {
                file = new FileStream(LockPath, FileMode.OpenOrCreate, FileAccess.ReadWrite, FileShare.None);
            }
            catch (IOException e) when (IsHeldElsewhere(e))
            {
                throw new DataDirectoryInUseException(DataDirectory, LockPath, e);
            }
            try
            {
                file.SetLength(0);
                file.Write(Encoding.ASCII.GetBytes($"{Environment.ProcessId}\n"));
                file.Flush();
            }
            catch (IOException)
            {
                // a full disk must not keep the server from starting; the lock is the open file, not its content
            }
            _file = file;
            _released = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
            HeldInThisProcess[LockPath] = _released;
        }
    }

    /// <summary>
    /// The open failed because someone holds the file: flock's EWOULDBLOCK (11 on Linux, 35 on macOS), or a Windows
    /// sharing or lock violation. Other failures (read-only disk, …) keep their own exception and message.
    /// </summary>
    private static bool IsHeldElsewhere(IOException e) =>
        e.HResult is 11 or 35 or unchecked((int)0x80070020) or unchecked((int)0x80070021);

    public void Dispose()
    {
        TaskCompletionSource? released;
        lock (HeldInThisProcess)
        {
            lock (_gate)
            {
                _disposed = true;
                _file?.Dispose();
                _file = null;
                released = _released;
                _released = null;
            }
            if (released is not null && HeldInThisProcess.TryGetValue(LockPath, out var held) && held == released)
            {
                HeldInThisProcess.Remove(LockPath);
            }
        }
        released?.TrySetResult();
    }
}

/// <summary>The data directory is in use by another server: this one must not start (exit code <see cref="ExitCode"/>).</summary>
public sealed class DataDirectoryInUseException(string dataDirectory, string lockPath, Exception? inner)
    : Exception($"another Ekuiper server is using the data directory {dataDirectory} (lock file {lockPath}); " +
                "stop it or choose another Ekuiper:DataDirectory", inner)
{
    /// <summary>The process's exit code when it stops for this reason (docs/operations.md).</summary>
    public const int ExitCode = 3;

    public string DataDirectory { get; } = dataDirectory;

    public string LockPath { get; } = lockPath;
}
