using System.Text.Encodings.Web;
using System.Text.Json;
using AutoMapper;
using Ekuiper.Application.Common.Models;
using Ekuiper.Domain.Ruleset;

namespace Ekuiper.Application.AsyncTasks;

/// <summary>The texts a task's <c>message</c> holds, worded as eKuiper's where eKuiper has them.</summary>
public static class AsyncTaskMessages
{
    /// <summary>eKuiper's ErrorMsg for an import in which some entries failed.</summary>
    public const string ProcessError = "process error";

    public const string InterruptedByRestart = "interrupted by restart";

    /// <summary>"interrupted: node &lt;owner&gt; stopped" is written by the database: the prefix and suffix around the owner.</summary>
    public const string InterruptedNodePrefix = "interrupted: node ";
    public const string InterruptedNodeSuffix = " stopped";

    /// <summary>A running task whose server stopped renewing its lease (see <c>TaskSettings</c>).</summary>
    public static string Interrupted(string owner) => InterruptedNodePrefix + owner + InterruptedNodeSuffix;
    public const string CancelledBeforeStart = "cancelled before it started";
    public const string CancelledWhileImporting = "cancelled; the import was rolled back and nothing of it was stored";
    public const string Cancelling = "cancelling";

    private static readonly JsonSerializerOptions Json = new() { Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping };

    public static string NotFound(string taskId) => $"async task: {taskId} not found";

    public static string Importing(ImportProgress progress) => $"importing: {progress.Done}/{progress.Total} entries";

    /// <summary>
    /// eKuiper's finished message: the import's answer as JSON, plus the store revision it committed (the ETag the
    /// next export sends, for an If-Match on the next import).
    /// </summary>
    public static string Finished(ImportReport report, IMapper mapper, long revision) => Response(string.Empty, report, mapper, revision);

    /// <summary>eKuiper's failed message: "err:…, response:…" with the per-section answer (and the revision committed).</summary>
    public static string Failed(ImportReport report, IMapper mapper, long revision) =>
        $"err:{ProcessError}, response:{Response(ProcessError, report, mapper, revision)}";

    /// <summary>The import was refused as a whole (unreadable file, document that does not parse): there is no answer.</summary>
    public static string Refused(string error) => $"err:{error}, response:null";

    private static string Response(string errorMessage, ImportReport report, IMapper mapper, long revision) =>
        JsonSerializer.Serialize(new ImportResponseDto
        {
            ErrorMsg = errorMessage,
            ConfigResponse = mapper.Map<ConfigurationDto>(report),
            Revision = revision,
        }, Json);
}
