using System.Text.Unicode;
using AutoMapper;
using Ekuiper.Application.Backups;
using Ekuiper.Application.Common.Exceptions;
using Ekuiper.Application.Common.Interfaces;
using Ekuiper.Application.Common.Models;
using Ekuiper.Application.DataImport.Commands.ImportRuleset;
using Ekuiper.Application.Store;
using Ekuiper.Domain.Ruleset;

namespace Ekuiper.Application.DataImport;

/// <summary>
/// What an <see cref="ImportRuleset"/> does inside its store write: reads and parses the document, imports it through
/// <see cref="RulesetImporter"/> and words the answer. A document that cannot be read or parsed changes nothing. Used
/// by the import's own handler and by the restore of a backup, each within the one store write of its request.
/// </summary>
public sealed class DocumentImport(
    IArtifactFetcher fetcher,
    RulesetImporter importer,
    StoreWriteUnit unit,
    IImportProgress progress,
    IApplicationStopper stopper,
    IMapper mapper)
{
    /// <param name="carried">A restore's artifact rows, installed from their blobs; null for an import.</param>
    public async Task<ImportRulesetResult> RunAsync(ImportRuleset request, CancellationToken cancellationToken,
        IReadOnlyList<Domain.Definitions.ArtifactDefinition>? carried = null)
    {
        var document = await ReadDocumentAsync(fetcher, request, cancellationToken);
        if (!RulesetDocument.TryParse(document, out var ruleset, out var error))
        {
            throw new InvalidRequestException($"configuration unmarshal with error {error}");
        }
        Action<int, int>? onProgress = request.TaskId is { } taskId ? (done, total) => progress.Report(taskId, done, total) : null;
        var outcome = await importer.ImportAsync(ruleset, request.Mode, new ImportOptions(OnProgress: onProgress)
        {
            DryRun = request.DryRun,
            BackupReason = request.BackupReason ?? (request.TaskId is { } task ? BackupMessages.BeforeTask(task) : null),
            CarriedArtifacts = carried,
        }, cancellationToken);
        var result = new ImportRulesetResult(outcome.Report)
        {
            Revision = outcome.Revision,
            Response = new ImportResponseDto { ConfigResponse = mapper.Map<ConfigurationDto>(outcome.Report) },
        };
        if (request.DryRun)
        {
            return result with { PreviewJson = outcome.Preview!.ToJson(outcome.Revision, request.Mode) };
        }
        if (request.Stop && outcome.Report.IsEmpty)
        {
            // Once the import committed; the stop comes about a second later, after this answer (or the task's record) is out.
            unit.AfterCommit(stopper.StopSoon);
        }
        return result;
    }

    /// <summary>The content, else the bytes behind the file URI: parsed as they are, never decoded whole into a string.</summary>
    /// <exception cref="EkuiperException">The file cannot be read, or is not UTF-8 text.</exception>
    public static async Task<ReadOnlyMemory<byte>> ReadDocumentAsync(IArtifactFetcher fetcher, ImportRuleset request, CancellationToken cancellationToken)
    {
        if (request.File is null || request.Content is { IsEmpty: false })
        {
            return request.Content ?? ReadOnlyMemory<byte>.Empty;
        }
        var bytes = await fetcher.FetchAsync(request.File!, cancellationToken);
        if (!Utf8.IsValid(bytes))
        {
            throw new InvalidRequestException($"configuration unmarshal with error the file {request.File} is not valid UTF-8 text");
        }
        return bytes;
    }
}
