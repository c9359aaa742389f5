using System.Text;
using Ekuiper.Application.Common.Models;
using Ekuiper.Application.Store;
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
public sealed record ImportRuleset(ReadOnlyMemory<byte>? Content, string? File, ImportMode Mode) : IRequest<ImportRulesetResult>, IStoreWrite
{
    /// <summary>Whether content was given; an empty content counts as none, as in eKuiper.</summary>
    public bool HasContent => Content is { IsEmpty: false };

    /// <summary>eKuiper's stop=1: after an import that fully succeeded, the server stops (exit code 100) to be restarted.</summary>
    public bool Stop { get; init; }

    /// <summary>
    /// The background task this import runs for, if any: its progress is reported under this id and its backup names
    /// it. (Its place in the line is the job's business: <see cref="StoreWriteUnit.HoldTurn"/>.)
    /// </summary>
    public string? TaskId { get; init; }

    /// <summary>dryRun=1: answer what the import would do (<see cref="ImportRulesetResult.PreviewJson"/>) and change nothing.</summary>
    public bool DryRun { get; init; }

    /// <summary>The revisions the request's If-Match accepts (null: no If-Match); otherwise 412 and nothing changes.</summary>
    public IReadOnlyCollection<long>? ExpectedRevisions { get; init; }

    /// <summary>Why the backup taken before a full import is taken; defaults to a plain or a task's full import.</summary>
    public string? BackupReason { get; init; }

    /// <summary>How the document is written: the JSON file (default), eKuiper's YAML, or the old streams/tables/rules file.</summary>
    public DocumentFormat Format { get; init; }
}

/// <summary>The forms of an import document; all are read into the same <see cref="Domain.Ruleset.Ruleset"/>.</summary>
public enum DocumentFormat
{
    /// <summary>The JSON file of POST /data/import.</summary>
    Json,

    /// <summary>eKuiper's YAML of POST /v2/data/import, translated to the JSON file by <see cref="Common.Interfaces.IRulesetYaml"/>.</summary>
    Yaml,

    /// <summary>The JSON file of POST /ruleset/import: only its streams, tables and rules are read.</summary>
    StreamsTablesRules,
}

/// <summary>The per-entry report of an import; empty when every entry landed.</summary>
public sealed record ImportRulesetResult(ImportReport Report) : IRevisionedResult
{
    public bool Succeeded => Report.IsEmpty;

    /// <summary>eKuiper's body of a 200 answer: <c>{"ErrorMsg":"","ConfigResponse":{…}}</c>.</summary>
    public required ImportResponseDto Response { get; init; }

    /// <summary>The report as eKuiper writes it into the message of a 400 answer.</summary>
    public string ReportJson => Encoding.UTF8.GetString(RulesetDocument.Write(Report));

    /// <summary>The store's revision after the import (the one previewed, for a dry run): the ETag of the new state.</summary>
    public long Revision { get; set; }

    /// <summary>How many entries the document gave each section, indexed by <see cref="RulesetSection"/>.</summary>
    public IReadOnlyList<int> SectionCounts { get; init; } = [];

    /// <summary>A dry run's answer (<see cref="ImportPreview.ToJson"/>); null when the import ran for real.</summary>
    public string? PreviewJson { get; init; }
}

/// <summary>Runs the import through <see cref="DocumentImport"/>, inside the store write its pipeline opened.</summary>
public sealed class ImportRulesetHandler(DocumentImport import) : IRequestHandler<ImportRuleset, ImportRulesetResult>
{
    public Task<ImportRulesetResult> Handle(ImportRuleset request, CancellationToken cancellationToken) =>
        import.RunAsync(request, cancellationToken);
}
