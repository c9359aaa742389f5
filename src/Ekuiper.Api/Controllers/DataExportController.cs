using Ekuiper.Api.Formatting;
using Ekuiper.Api.Http;
using Ekuiper.Application.DataExport.Queries.ExportRuleset;
using MediatR;
using Microsoft.AspNetCore.Mvc;

namespace Ekuiper.Api.Controllers;

[ApiController]
public sealed class DataExportController(IMediator mediator) : ControllerBase
{
    /// <summary>Downloads the whole store as an import file; the ETag is the store's revision, for If-Match on import.</summary>
    [HttpGet("/data/export")]
    public async Task<IActionResult> Export(CancellationToken cancellationToken)
    {
        var export = await mediator.Send(new ExportRuleset(), cancellationToken);
        Response.SetETag(export.Revision);
        return new ExportFileResult(export);
    }

    /// <summary>Downloads the given rules with everything they need (body: a JSON array of rule ids).</summary>
    [HttpPost("/data/export")]
    public async Task<IActionResult> ExportRules([FromBody] string[] ruleIds, CancellationToken cancellationToken)
    {
        var export = await mediator.Send(new ExportRuleset(ruleIds), cancellationToken);
        return new ExportFileResult(export);
    }
}
