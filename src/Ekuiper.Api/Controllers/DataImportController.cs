using Ekuiper.Api.Errors;
using Ekuiper.Application.Common.Exceptions;
using Ekuiper.Application.Common.Models;
using Ekuiper.Application.DataImport.Commands.ImportRuleset;
using Ekuiper.Application.DataImport.Queries.GetImportStatus;
using Ekuiper.Domain.Ruleset;
using AutoMapper;
using MediatR;
using Microsoft.AspNetCore.Mvc;

namespace Ekuiper.Api.Controllers;

/// <summary>The body of POST /data/import: exactly one of content (the document text) or file (its URI).</summary>
public sealed record ImportBody(string? Content, string? File);

[ApiController]
public sealed class DataImportController(IMediator mediator, IMapper mapper) : ControllerBase
{
    /// <summary>Imports a ruleset; full reset by default, partial=1 keeps what exists.</summary>
    [HttpPost("/data/import")]
    public async Task<IActionResult> Import([FromBody] ImportBody body, [FromQuery] string? partial, [FromQuery] string? stop,
        CancellationToken cancellationToken)
    {
        var result = await mediator.Send(ImportQuery.ToRequest(body, partial, stop), cancellationToken);
        return ImportResponses.From(result, mapper);
    }

    [HttpGet("/data/import/status")]
    public async Task<ConfigurationDto> Status(CancellationToken cancellationToken) =>
        await mediator.Send(new GetImportStatus(), cancellationToken);
}

/// <summary>The query of both import endpoints, read as eKuiper reads it: only "1" switches partial or stop on.</summary>
public static class ImportQuery
{
    public static ImportRuleset ToRequest(ImportBody body, string? partial, string? stop) =>
        new(body.Content, body.File, partial == "1" ? ImportMode.Partial : ImportMode.Reset) { Stop = stop == "1" };
}

/// <summary>eKuiper's answer to an import: 200 with the empty report, or 400 whose message is the report as JSON.</summary>
public static class ImportResponses
{
    public static IActionResult From(ImportRulesetResult result, IMapper mapper)
    {
        if (result.Succeeded)
        {
            return new OkObjectResult(new ImportResponseDto { ConfigResponse = mapper.Map<ConfigurationDto>(result.Report) });
        }
        var report = System.Text.Encoding.UTF8.GetString(RulesetDocument.Write(result.Report));
        return new BadRequestObjectResult(new ErrorBody(ErrorCodes.General, report));
    }
}
