using Ekuiper.Application.Common.Models;
using AutoMapper;
using System.Text;
using System.Text.Unicode;
using Ekuiper.Application.Backups;
using Ekuiper.Application.Common.Exceptions;
using Ekuiper.Application.Common.Interfaces;
using Ekuiper.Domain.Ruleset;
using MediatR;

namespace Ekuiper.Application.DataImport.Commands.ImportRuleset;

/// <summary>
/// Import a ruleset document given as <paramref name="Content"/> or as a <paramref name="File"/> URI (exactly one).
/// </summary>
/// <param name="Content">
/// The document as UTF-8 bytes, as the HTTP body reader hands it over: a large document is held once, as the bytes it
/// came in, never as a string. The bytes must stay unchanged until the import is done (the parsed document refers to them).
/// </param>
public sealed record ImportRuleset(ReadOnlyMemory<byte>? Content, string? File, ImportMode Mode) : IRequest<ImportRulesetResult>
{
    /// <summary>Whether content was given; an empty content counts as none, as in eKuiper.</summary>
    public bool HasContent => Content is { IsEmpty: false };

    /// <summary>eKuiper's stop=1: after an import that fully succeeded, the server stops (exit code 100) to be restarted.</summary>
    public bool Stop { get; init; }

    /// <summary>
    /// Set when the import runs for a background task: the task's job (<c>RunAsyncImport</c>) already holds the task's
    /// place in the import line, so the import does not queue again, and it reports its progress under this id.
    /// </summary>
    public string? TaskId { get; init; }

    /// <summary>dryRun=1: answer what the import would do (<see cref="ImportRulesetResult.PreviewJson"/>) and change nothing.</summary>
    public bool DryRun { get; init; }

    /// <summary>The revisions the request's If-Match accepts (null: no If-Match); otherwise 412 and nothing changes.</summary>
    public IReadOnlyCollection<long>? ExpectedRevisions { get; init; }

    /// <summary>Why the backup taken before a full import is taken; defaults to a plain or a task's full import.</summary>
    public string? BackupReason { get; init; }
}

/// <summary>The per-entry report of an import; empty when every entry landed.</summary>
public sealed record ImportRulesetResult(ImportReport Report)
{
    public bool Succeeded => Report.IsEmpty;

    /// <summary>eKuiper's body of a 200 answer: <c>{"ErrorMsg":"","ConfigResponse":{…}}</c>.</summary>
    public required ImportResponseDto Response { get; init; }

    /// <summary>The report as eKuiper writes it into the message of a 400 answer.</summary>
    public string ReportJson => Encoding.UTF8.GetString(RulesetDocument.Write(Report));

    /// <summary>The store's revision after the import (the one previewed, for a dry run): the ETag of the new state.</summary>
    public long Revision { get; init; }

    /// <summary>A dry run's answer (<see cref="ImportPreview.ToJson"/>); null when the import ran for real.</summary>
    public string? PreviewJson { get; init; }
}

/// <summary>
/// Reads and parses the document, then imports it through <see cref="RulesetImporter"/> (one transaction). A document
/// that cannot be read or parsed changes nothing. Imports never interleave: each waits for its turn in the
/// <see cref="IImportGate"/> line — here for /data/import and restores, in its job for a background task.
/// </summary>
public sealed class ImportRulesetHandler(
    IArtifactFetcher fetcher,
    RulesetImporter importer,
    IImportGate gate,
    IImportProgress progress,
    IApplicationStopper stopper,
    IMapper mapper) : IRequestHandler<ImportRuleset, ImportRulesetResult>
{
    public async Task<ImportRulesetResult> Handle(ImportRuleset request, CancellationToken cancellationToken)
    {
        using var turn = request.TaskId is null ? gate.Join() : null;
        if (turn is not null)
        {
            await turn.WaitAsync(cancellationToken);
        }

        var document = await ReadDocumentAsync(request, cancellationToken);
        if (!RulesetDocument.TryParse(document, out var ruleset, out var error))
        {
            throw new InvalidRequestException($"configuration unmarshal with error {error}");
        }
        Action<int, int>? onProgress = request.TaskId is { } taskId ? (done, total) => progress.Report(taskId, done, total) : null;
        var outcome = await importer.ImportAsync(ruleset, request.Mode, new ImportOptions(OnProgress: onProgress)
        {
            DryRun = request.DryRun,
            ExpectedRevisions = request.ExpectedRevisions,
            BackupReason = request.BackupReason ?? (request.TaskId is { } task ? BackupMessages.BeforeTask(task) : null),
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
            // The stop comes about a second later, after this answer (or the task's record) is out.
            stopper.StopSoon();
        }
        return result;
    }

    /// <summary>The content, else the bytes behind the file URI: parsed as they are, never decoded whole into a string.</summary>
    private async Task<ReadOnlyMemory<byte>> ReadDocumentAsync(ImportRuleset request, CancellationToken cancellationToken)
    {
        if (request.Content is { IsEmpty: false } content)
        {
            return content;
        }
        var bytes = await fetcher.FetchAsync(request.File!, cancellationToken);
        if (!Utf8.IsValid(bytes))
        {
            throw new InvalidRequestException($"configuration unmarshal with error the file {request.File} is not valid UTF-8 text");
        }
        return bytes;
    }
}
