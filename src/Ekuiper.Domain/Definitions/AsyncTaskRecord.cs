namespace Ekuiper.Domain.Definitions;

/// <summary>eKuiper's task states, as GET /async/task/{id} reports them.</summary>
public static class AsyncTaskStatus
{
    public const string Register = "register";
    public const string Running = "running";
    public const string Finish = "finish";
    public const string Error = "error";
    public const string Cancel = "cancel";

    public static bool IsFinal(string status) => status is Finish or Error or Cancel;
}

/// <summary>A background import, kept in the database so that it outlives a restart.</summary>
public class AsyncTaskRecord
{
    public required string Id { get; set; }
    public string Status { get; set; } = AsyncTaskStatus.Register;

    /// <summary>Progress while running; the import's response when finished; the error otherwise.</summary>
    public string Message { get; set; } = string.Empty;

    /// <summary>The request to carry out, as JSON (file, partial, stop, …), without the content.</summary>
    public string RequestJson { get; set; } = "{}";

    /// <summary>
    /// The document given as content, as UTF-8 bytes: kept apart from <see cref="RequestJson"/> so that a large document
    /// is stored and read back as it came, never as escaped JSON text. Dropped when the task ends.
    /// </summary>
    public byte[]? Content { get; set; }

    /// <summary>The background job that runs the task, to cancel it.</summary>
    public string? JobId { get; set; }

    /// <summary>
    /// The server the task belongs to (its node id): the one that registered it until a job worker claims it, then the
    /// one running it. Null for tasks of older versions.
    /// </summary>
    public string? Owner { get; set; }

    /// <summary>
    /// Until when the running task's owner vouches for it; the owner renews it while the import runs. A running task
    /// whose lease ran out belongs to a server that stopped: any other server marks it an error.
    /// </summary>
    public DateTimeOffset? LeaseExpiresAt { get; set; }

    /// <summary>A cancel was asked for (through any server) while the task ran; its owner stops the import.</summary>
    public bool CancelRequested { get; set; }

    public DateTimeOffset CreatedAt { get; set; }
    public DateTimeOffset UpdatedAt { get; set; }
}
