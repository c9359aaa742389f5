using System.Text;
using Ekuiper.Application.Common.Exceptions;
using Ekuiper.Application.Common.Interfaces;
using Ekuiper.Domain.Ruleset;
using MediatR;

namespace Ekuiper.Application.DataImport.Commands.ImportRuleset;

/// <summary>
/// Import a ruleset document given as <paramref name="Content"/> or as a <paramref name="File"/> URI (exactly one).
/// </summary>
public sealed record ImportRuleset(string? Content, string? File, ImportMode Mode) : IRequest<ImportRulesetResult>
{
    /// <summary>eKuiper's stop=1: after an import that fully succeeded, the server stops (exit code 100) to be restarted.</summary>
    public bool Stop { get; init; }

    /// <summary>
    /// Set when the import runs for a background task: it then runs on the task's place in the import line and reports
    /// its progress under this id.
    /// </summary>
    public string? TaskId { get; init; }
}

/// <summary>The per-entry report of an import; empty when every entry landed.</summary>
public sealed record ImportRulesetResult(ImportReport Report)
{
    public bool Succeeded => Report.IsEmpty;
}

/// <summary>
/// Reads and parses the document, checks every entry, then in one transaction resets (full mode) and writes the valid
/// entries and the status. A document that cannot be read or parsed changes nothing. Imports never interleave: each
/// waits for its turn in the <see cref="IImportGate"/> line, whether it came from /data/import or a background task.
/// </summary>
public sealed class ImportRulesetHandler(
    IEkuiperDbContext db,
    IArtifactFetcher fetcher,
    IClock clock,
    IImportGate gate,
    IImportProgress progress,
    IApplicationStopper stopper) : IRequestHandler<ImportRuleset, ImportRulesetResult>
{
    private static readonly UTF8Encoding StrictUtf8 = new(encoderShouldEmitUTF8Identifier: false, throwOnInvalidBytes: true);

    public async Task<ImportRulesetResult> Handle(ImportRuleset request, CancellationToken cancellationToken)
    {
        using var turn = gate.Enter(request.TaskId);
        await turn.WaitAsync(cancellationToken);

        var text = await ReadDocumentAsync(request, cancellationToken);
        if (!RulesetDocument.TryParse(text, out var ruleset, out var error))
        {
            throw new BadRequestException($"configuration unmarshal with error {error}");
        }

        await using var transaction = await db.BeginTransactionAsync(cancellationToken);
        var existing = request.Mode == ImportMode.Reset
            ? StoreSnapshot.Empty
            : await StoreSnapshot.LoadAsync(db, cancellationToken);
        var plan = ImportPlanner.Plan(ruleset, request.Mode, existing);
        var writer = new RulesetWriter(db);
        Action<int>? reportWritten = request.TaskId is { } taskId ? done => progress.Report(taskId, done, plan.EntryCount) : null;
        reportWritten?.Invoke(0);
        await writer.ApplyAsync(plan, request.Mode, cancellationToken, reportWritten);
        await writer.SaveStatusAsync(plan.Report, clock.UtcNow, cancellationToken);
        await transaction.CommitAsync(cancellationToken);
        if (request.Stop && plan.Report.IsEmpty)
        {
            // The stop comes about a second later, after this answer (or the task's record) is out.
            stopper.StopSoon();
        }
        return new ImportRulesetResult(plan.Report);
    }

    private async Task<string> ReadDocumentAsync(ImportRuleset request, CancellationToken cancellationToken)
    {
        if (!string.IsNullOrEmpty(request.Content))
        {
            return request.Content;
        }
        var bytes = await fetcher.FetchAsync(request.File!, cancellationToken);
        try
        {
            return StrictUtf8.GetString(bytes);
        }
        catch (DecoderFallbackException)
        {
            throw new BadRequestException($"configuration unmarshal with error the file {request.File} is not valid UTF-8 text");
        }
    }
}
