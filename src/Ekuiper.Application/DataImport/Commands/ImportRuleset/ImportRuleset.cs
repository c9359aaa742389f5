using System.Text;
using Ekuiper.Application.Common.Exceptions;
using Ekuiper.Application.Common.Interfaces;
using Ekuiper.Domain.Ruleset;
using MediatR;

namespace Ekuiper.Application.DataImport.Commands.ImportRuleset;

/// <summary>
/// Import a ruleset document given as <paramref name="Content"/> or as a <paramref name="File"/> URI (exactly one).
/// </summary>
public sealed record ImportRuleset(string? Content, string? File, ImportMode Mode) : IRequest<ImportRulesetResult>;

/// <summary>The per-entry report of an import; empty when every entry landed.</summary>
public sealed record ImportRulesetResult(ImportReport Report)
{
    public bool Succeeded => Report.IsEmpty;
}

/// <summary>
/// Reads and parses the document, checks every entry, installs the artifacts, then in one transaction resets (full mode)
/// and writes the valid entries and the status. A document that cannot be read or parsed changes nothing.
/// </summary>
public sealed class ImportRulesetHandler(
    IEkuiperDbContext db,
    IArtifactFetcher fetcher,
    ArtifactInstallation artifacts,
    IFunctionCatalogue functions,
    IClock clock) : IRequestHandler<ImportRuleset, ImportRulesetResult>
{
    private static readonly UTF8Encoding StrictUtf8 = new(encoderShouldEmitUTF8Identifier: false, throwOnInvalidBytes: true);

    public async Task<ImportRulesetResult> Handle(ImportRuleset request, CancellationToken cancellationToken)
    {
        var text = await ReadDocumentAsync(request, cancellationToken);
        if (!RulesetDocument.TryParse(text, out var ruleset, out var error))
        {
            throw new BadRequestException($"configuration unmarshal with error {error}");
        }

        await using var transaction = await db.BeginTransactionAsync(cancellationToken);
        var existing = request.Mode == ImportMode.Reset
            ? StoreSnapshot.Empty
            : await StoreSnapshot.LoadAsync(db, functions, cancellationToken);
        var plan = ImportPlanner.Plan(ruleset, request.Mode, existing);
        using var installed = await artifacts.InstallAsync(plan, request.Mode, cancellationToken);
        ImportPlanner.PlanRules(ruleset, existing, plan);
        var writer = new RulesetWriter(db);
        await writer.ApplyAsync(plan, request.Mode, cancellationToken);
        await writer.SaveStatusAsync(plan.Report, clock.UtcNow, cancellationToken);
        // The files go into place while the transaction still holds the store's write lock; a failed commit puts them back.
        installed.Promote();
        await transaction.CommitAsync(cancellationToken);
        installed.Complete();
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
