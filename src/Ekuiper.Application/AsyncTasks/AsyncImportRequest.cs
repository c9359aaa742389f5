using System.Text.Json;
using System.Text.Json.Serialization;
using Ekuiper.Application.DataImport.Commands.ImportRuleset;
using Ekuiper.Domain.Ruleset;

namespace Ekuiper.Application.AsyncTasks;

/// <summary>
/// A background import's request as stored in its task row (<c>RequestJson</c>): the job reads it back and sends the
/// very same <see cref="ImportRuleset"/> request that POST /data/import sends.
/// </summary>
public sealed record AsyncImportRequest(
    [property: JsonPropertyName("content")] string? Content,
    [property: JsonPropertyName("file")] string? File,
    [property: JsonPropertyName("partial")] bool Partial,
    [property: JsonPropertyName("stop")] bool Stop,
    [property: JsonPropertyName("dryRun")] bool DryRun = false,
    [property: JsonPropertyName("ifMatch")] IReadOnlyCollection<long>? ExpectedRevisions = null)
{
    /// <remarks>UTF-8 content is stored as text: the HTTP body reader hands over only valid UTF-8.</remarks>
    public static AsyncImportRequest From(ImportRuleset import) =>
        new(import.Utf8Content is { } utf8 ? System.Text.Encoding.UTF8.GetString(utf8.Span) : import.Content, import.File, import.Mode == ImportMode.Partial, import.Stop, import.DryRun, import.ExpectedRevisions);

    public ImportRuleset ToImport(string taskId) =>
        new(Content, File, Partial ? ImportMode.Partial : ImportMode.Reset)
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
