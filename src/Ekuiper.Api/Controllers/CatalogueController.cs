using Ekuiper.Application.Catalogue;
using Ekuiper.Application.Catalogue.Queries;
using MediatR;
using Microsoft.AspNetCore.Mvc;

namespace Ekuiper.Api.Controllers;

/// <summary>
/// eKuiper's catalogue as its manager UI reads it: the sources, sinks and connection types (built in and added by
/// stored plugins), the SQL functions, the graph operators and the stored conf keys.
/// </summary>
public sealed class CatalogueController(IMediator mediator) : EkuiperControllerBase
{
    /// <summary>?kind=lookup lists the lookup-table sources; any other kind (or none) the scan sources, as eKuiper does.</summary>
    [HttpGet("/metadata/sources")]
    public async Task<IActionResult> ListSources([FromQuery] string? kind, CancellationToken cancellationToken) =>
        JsonText(await mediator.Send(
            new ListCatalogue(CatalogueKind.Source, string.Equals(kind, "lookup", StringComparison.OrdinalIgnoreCase)),
            cancellationToken));

    [HttpGet("/metadata/sources/{type}")]
    public async Task<IActionResult> DescribeSource(string type, CancellationToken cancellationToken) =>
        JsonText(await mediator.Send(new DescribeCatalogueEntry(CatalogueKind.Source, type), cancellationToken));

    [HttpGet("/metadata/sinks")]
    public async Task<IActionResult> ListSinks(CancellationToken cancellationToken) =>
        JsonText(await mediator.Send(new ListCatalogue(CatalogueKind.Sink), cancellationToken));

    [HttpGet("/metadata/sinks/{type}")]
    public async Task<IActionResult> DescribeSink(string type, CancellationToken cancellationToken) =>
        JsonText(await mediator.Send(new DescribeCatalogueEntry(CatalogueKind.Sink, type), cancellationToken));

    [HttpGet("/metadata/connections")]
    public async Task<IActionResult> ListConnectionTypes(CancellationToken cancellationToken) =>
        JsonText(await mediator.Send(new ListConnectionTypes(), cancellationToken));

    [HttpGet("/metadata/connections/{type}")]
    public async Task<IActionResult> DescribeConnectionType(string type, CancellationToken cancellationToken) =>
        JsonText(await mediator.Send(new DescribeConnectionType(type), cancellationToken));

    [HttpGet("/metadata/functions")]
    public async Task<IActionResult> ListFunctions(CancellationToken cancellationToken) =>
        JsonText(await mediator.Send(new ListFunctionMetadata(), cancellationToken));

    [HttpGet("/metadata/operators")]
    public async Task<IActionResult> ListOperators(CancellationToken cancellationToken) =>
        JsonText(await mediator.Send(new ListOperatorMetadata(), cancellationToken));

    [HttpGet("/metadata/resources")]
    public async Task<IActionResult> ListResources(CancellationToken cancellationToken) =>
        JsonText(await mediator.Send(new ListResources(), cancellationToken));
}
