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
    IMapper mapper,
    IRulesetYaml yaml)
{
    /// <param name="carried">A restore's artifact rows, installed from their blobs; null for an import.</param>
    public async Task<ImportRulesetResult> RunAsync(ImportRuleset request, CancellationToken cancellationToken,
        IReadOnlyList<Domain.Definitions.ArtifactDefinition>? carried = null)
    {
        var document = await ReadDocumentAsync(fetcher, request, cancellationToken);
        if (request.Format == DocumentFormat.Yaml)
        {
            if (!yaml.TryToDocument(document, out var translated, out var yamlError))
            {
                throw new InvalidRequestException($"import failed: {yamlError}");
            }
            document = translated;
        }
        if (!RulesetDocument.TryParse(document, out var ruleset, out var error))
        {
            throw new InvalidRequestException(request.Format == DocumentFormat.StreamsTablesRules
                ? $"Import ruleset error: invalid import file: {error}"
                : $"configuration unmarshal with error {error}");
        }
        if (request.Format == DocumentFormat.StreamsTablesRules)
        {
            KeepStreamsTablesRules(ruleset);
        }
        var counts = RulesetSections.All.Select(section => ruleset[section].Count).ToArray();
        Action<int, int>? onProgress = request.TaskId is { } taskId ? (done, total) => progress.Report(taskId, done, total) : null;
        var outcome = await importer.ImportAsync(ruleset, request.Mode, new ImportOptions(OnProgress: onProgress)
        {
            DryRun = request.DryRun,
            BackupReason = request.BackupReason ?? (request.TaskId is { } task ? BackupMessages.BeforeTask(task) : null),
            CarriedArtifacts = carried,
            // A restore recreates what was stored, temporary streams too; an import replaces, and refuses them.
            Creates = carried is not null,
        }, cancellationToken);
        var result = new ImportRulesetResult(outcome.Report)
        {
            Revision = outcome.Revision,
            Response = new ImportResponseDto { ConfigResponse = mapper.Map<ConfigurationDto>(outcome.Report) },
            SectionCounts = counts,
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

    /// <summary>The old ruleset file has only these three sections: anything else in it is not read, as in eKuiper.</summary>
    private static void KeepStreamsTablesRules(Ruleset ruleset)
    {
        foreach (var section in RulesetSections.All.Except([RulesetSection.Streams, RulesetSection.Tables, RulesetSection.Rules]))
        {
            foreach (var key in ruleset[section].Keys.ToList())
            {
                ruleset.Remove(section, key);
            }
        }
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
