using Ekuiper.Api.Formatting;
using Ekuiper.Api.Http;
using Ekuiper.Application.DataExport.Queries.ExportStreamsTablesRules;
using Ekuiper.Application.DataImport.Commands.ImportRuleset;
using Ekuiper.Domain.Ruleset;
using MediatR;
using Microsoft.AspNetCore.Mvc;

namespace Ekuiper.Api.Controllers;

/// <summary>eKuiper's older ruleset API: streams, tables and rules only, over the same import and export as /data.</summary>
[ApiController]
public sealed class RulesetController(IMediator mediator) : ControllerBase
{
    /// <summary>Downloads the streams, tables and rules as <c>{"streams":{…},"tables":{…},"rules":{…}}</c>.</summary>
    [HttpPost("/ruleset/export")]
    public async Task<IActionResult> Export(CancellationToken cancellationToken)
    {
        var export = await mediator.Send(new ExportStreamsTablesRules(), cancellationToken);
        Response.SetETag(export.Revision);
        return new ExportedFileResult(export);
    }

    /// <summary>
    /// Imports the streams, tables and rules of a ruleset file (content or file), keeping everything else, and answers
    /// "imported N streams, N tables and N rules" with the entries that landed.
    /// </summary>
    [HttpPost("/ruleset/import")]
    [GoBody(GoBodies.RulesetInfo)]
    public async Task<IActionResult> Import([FromBody] ImportBody body, CancellationToken cancellationToken)
    {
        var request = new ImportRuleset(body.Content, body.File, ImportMode.Partial)
        {
            Format = DocumentFormat.StreamsTablesRules,
            ExpectedRevisions = Request.ExpectedRevisions(),
        };
        var result = await mediator.Send(request, cancellationToken);
        Response.SetETag(result.Revision);
        // As in eKuiper, entries that fail are left out and only those that landed are counted (their reasons are in
        // GET /data/import/status).
        int Count(RulesetSection section) => result.SectionCounts[(int)section] - result.Report[section].Count;
        return new ContentResult
        {
            StatusCode = StatusCodes.Status200OK,
            Content = $"imported {Count(RulesetSection.Streams)} streams, {Count(RulesetSection.Tables)} tables and {Count(RulesetSection.Rules)} rules",
            ContentType = "text/plain; charset=utf-8",
        };
    }
}
