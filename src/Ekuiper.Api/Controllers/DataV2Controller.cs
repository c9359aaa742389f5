using Ekuiper.Api.Errors;
using Ekuiper.Api.Formatting;
using Ekuiper.Api.Http;
using Ekuiper.Application.DataExport.Queries.ExportRulesetYaml;
using Ekuiper.Application.DataImport.Commands.ImportRuleset;
using MediatR;
using Microsoft.AspNetCore.Mvc;

namespace Ekuiper.Api.Controllers;

/// <summary>eKuiper's YAML import and export (/v2/data): the same import and export as /data, in YAML.</summary>
[ApiController]
public sealed class DataV2Controller(IMediator mediator) : ControllerBase
{
    /// <summary>Downloads the whole store as eKuiper's YAML document; the ETag is the store's revision.</summary>
    [HttpGet("/v2/data/export")]
    public async Task<IActionResult> Export(CancellationToken cancellationToken)
    {
        var export = await mediator.Send(new ExportRulesetYaml(), cancellationToken);
        Response.SetETag(export.Revision);
        return new ExportedFileResult(export);
    }

    /// <summary>
    /// Imports a YAML document given as content or file: "success" when every entry landed, else 400 "import failed:
    /// …" with the report. As eKuiper's YAML import, it writes over the entries the document names and removes none
    /// (partial is the default here); partial=0 asks for a full import. dryRun=1 and If-Match as on /data/import.
    /// </summary>
    [HttpPost("/v2/data/import")]
    [GoBody(GoBodies.ImportConfiguration)]
    public async Task<IActionResult> Import([FromBody] ImportBody body, [FromQuery] string? partial, [FromQuery] string? dryRun,
        CancellationToken cancellationToken)
    {
        var request = ImportQuery.ToRequest(body, partial ?? "1", null, dryRun, Request) with { Format = DocumentFormat.Yaml };
        var result = await mediator.Send(request, cancellationToken);
        Response.SetETag(result.Revision);
        if (result.PreviewJson is { } preview)
        {
            return new ContentResult { StatusCode = StatusCodes.Status200OK, Content = preview, ContentType = "application/json; charset=utf-8" };
        }
        return result.Succeeded
            ? new ContentResult { StatusCode = StatusCodes.Status200OK, Content = "success", ContentType = "text/plain; charset=utf-8" }
            : EkuiperExceptionHandler.Result(StatusCodes.Status400BadRequest, $"import failed: {result.ReportJson}");
    }
}
