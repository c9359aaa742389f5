using Ekuiper.Api.Errors;
using Ekuiper.Api.Http;
using Ekuiper.Application.Common.Exceptions;
using Ekuiper.Application.Common.Models;
using Ekuiper.Application.DataImport.Commands.ImportRuleset;
using Ekuiper.Application.DataImport.Queries.GetImportStatus;
using Ekuiper.Domain.Ruleset;
using MediatR;
using Microsoft.AspNetCore.Mvc;

namespace Ekuiper.Api.Controllers;

/// <summary>
/// The body of POST /data/import: exactly one of content (the document text, held as the UTF-8 bytes it came in; see
/// <see cref="Formatting.ImportBodyInputFormatter"/>) or file (its URI).
/// </summary>
public sealed record ImportBody(ReadOnlyMemory<byte>? Content, string? File);

[ApiController]
public sealed class DataImportController(IMediator mediator) : ControllerBase
{
    /// <summary>
    /// Imports a ruleset; full reset by default, partial=1 keeps what exists, dryRun=1 only answers what it would do.
    /// With If-Match, only while the store is still at that revision (else 412).
    /// </summary>
    [HttpPost("/data/import")]
    public async Task<IActionResult> Import([FromBody] ImportBody body, [FromQuery] string? partial, [FromQuery] string? stop,
        [FromQuery] string? dryRun, CancellationToken cancellationToken)
    {
        var result = await mediator.Send(ImportQuery.ToRequest(body, partial, stop, dryRun, Request), cancellationToken);
        return ImportResponses.From(result, Response);
    }

    [HttpGet("/data/import/status")]
    public async Task<ConfigurationDto> Status(CancellationToken cancellationToken) =>
        await mediator.Send(new GetImportStatus(), cancellationToken);
}

/// <summary>
/// The query and headers of both import endpoints. stop is read as eKuiper reads it: only "1" switches it on. partial
/// is strict where eKuiper is not: "1" is partial, "0" or nothing is full, and any other value (partial=true) is
/// refused, because eKuiper would take it as "full" and replace the whole store. dryRun is ours, and strict too.
/// </summary>
public static class ImportQuery
{
    public static ImportRuleset ToRequest(ImportBody body, string? partial, string? stop, string? dryRun, HttpRequest request) =>
        new(body.Content, body.File, ReadPartial(partial))
        {
            Stop = stop == "1",
            DryRun = ReadDryRun(dryRun),
            ExpectedRevisions = request.ExpectedRevisions(),
        };

    private static ImportMode ReadPartial(string? value) => value switch
    {
        null or "" or "0" => ImportMode.Reset,
        "1" => ImportMode.Partial,
        _ => throw new InvalidRequestException(
            $"invalid partial={value}: use partial=1 for a partial import, or partial=0 (or none) for a full import that replaces the store"),
    };

    private static bool ReadDryRun(string? value) => value switch
    {
        null or "" or "0" or "false" => false,
        "1" or "true" => true,
        _ => throw new InvalidRequestException($"invalid dryRun={value}: use dryRun=1 to preview the import, or leave it out"),
    };
}

/// <summary>
/// eKuiper's answer to an import: 200 with the empty report, or 400 whose message is the report as JSON; a dry run's
/// plan with 200. The ETag header carries the store's revision after the import (or the one previewed).
/// </summary>
public static class ImportResponses
{
    public static IActionResult From(ImportRulesetResult result, HttpResponse response)
    {
        response.SetETag(result.Revision);
        if (result.PreviewJson is { } preview)
        {
            return new ContentResult { StatusCode = StatusCodes.Status200OK, Content = preview, ContentType = "application/json; charset=utf-8" };
        }
        return result.Succeeded
            ? new OkObjectResult(result.Response)
            : EkuiperExceptionHandler.Result(StatusCodes.Status400BadRequest, result.ReportJson);
    }
}
