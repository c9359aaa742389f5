using Ekuiper.Application.DataExport.Queries.ExportRuleset;
using MediatR;
using Microsoft.AspNetCore.Mvc;

namespace Ekuiper.Api.Controllers;

[ApiController]
public sealed class DataExportController(IMediator mediator) : ControllerBase
{
    /// <summary>Downloads the whole store as an import file.</summary>
    [HttpGet("/data/export")]
    public async Task<IActionResult> Export(CancellationToken cancellationToken)
    {
        var export = await mediator.Send(new ExportRuleset(), cancellationToken);
        return File(export.Content, "application/octet-stream", ExportedRuleset.FileName);
    }
}
