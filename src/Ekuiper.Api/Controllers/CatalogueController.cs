using Ekuiper.Application.Catalogue;
using Ekuiper.Application.Catalogue.Queries;
using MediatR;
using Microsoft.AspNetCore.Mvc;

namespace Ekuiper.Api.Controllers;

/// <summary>eKuiper's catalogue of the sources and sinks it ships, as its manager UI reads it.</summary>
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
}
