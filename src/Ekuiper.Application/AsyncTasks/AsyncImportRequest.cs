using System.Text.Json;
using System.Text.Json.Serialization;
using Ekuiper.Application.DataImport.Commands.ImportRuleset;
using Ekuiper.Domain.Ruleset;

namespace Ekuiper.Application.AsyncTasks;

/// <summary>
/// A background import's request as stored in its task row (<c>RequestJson</c>; the document, given or read from its
/// file at request time, is stored beside it as bytes): the job reads both back and sends the very same
/// <see cref="ImportRuleset"/> request that POST /data/import sends.
/// </summary>
public sealed record AsyncImportRequest(
    [property: JsonPropertyName("file")] string? File,
    [property: JsonPropertyName("partial")] bool Partial,
    [property: JsonPropertyName("stop")] bool Stop,
    [property: JsonPropertyName("dryRun")] bool DryRun = false,
    [property: JsonPropertyName("ifMatch")] IReadOnlyCollection<long>? ExpectedRevisions = null)
{
    public static AsyncImportRequest From(ImportRuleset import) =>
        new(import.File, import.Mode == ImportMode.Partial, import.Stop, import.DryRun, import.ExpectedRevisions);

    /// <param name="content">The document read when the task was registered, read back from the task row.</param>
    public ImportRuleset ToImport(string taskId, byte[]? content) =>
        // The file was read by the server that took the request; the document is the bytes it read then.
        new(content is null ? null : new ReadOnlyMemory<byte>(content), content is null ? File : null,
            Partial ? ImportMode.Partial : ImportMode.Reset)
        {
            Stop = Stop,
            TaskId = taskId,
            DryRun = DryRun,
            ExpectedRevisions = ExpectedRevisions,
        };

    public string ToJson() => JsonSerializer.Serialize(this);

    /// <summary>Null when <paramref name="json"/> is not a stored request (the row was written by something else).</summary>
    public static AsyncImportRequest? Parse(string json)
    {
        try
        {
            return JsonSerializer.Deserialize<AsyncImportRequest>(json);
        }
        catch (JsonException)
        {
            return null;
        }
    }
}
