using Ekuiper.Application.Common.Models;
using Ekuiper.Application.Streams;
using Ekuiper.Application.Streams.Commands.CreateStream;
using Ekuiper.Application.Streams.Commands.DeleteStream;
using Ekuiper.Application.Streams.Commands.UpdateStream;
using Ekuiper.Application.Streams.Queries.GetStream;
using Ekuiper.Application.Streams.Queries.GetStreamSchema;
using Ekuiper.Application.Streams.Queries.ListStreamDetails;
using Ekuiper.Application.Streams.Queries.ListStreams;
using Ekuiper.Domain.Sql;
using MediatR;
using Microsoft.AspNetCore.Mvc;

namespace Ekuiper.Api.Controllers;

/// <summary>The body of POST and PUT /streams and /tables.</summary>
public sealed record StatementBody(string? Sql);

/// <summary>/streams and /tables share their endpoints; each derived controller fixes the kind and the path.</summary>
public abstract class StreamCollectionController(IMediator mediator, StreamKind kind) : EkuiperControllerBase
{
    protected IMediator Mediator => mediator;

    [HttpPost]
    public async Task<IActionResult> Create([FromBody] StatementBody body, CancellationToken cancellationToken) =>
        Text(StatusCodes.Status201Created, await mediator.Send(new CreateStream(kind, body.Sql), cancellationToken));

    /// <summary>The names; for tables, ?kind=scan|lookup filters (eKuiper ignores it for streams).</summary>
    [HttpGet]
    public async Task<IReadOnlyList<string>> List([FromQuery(Name = "kind")] string? tableKind, CancellationToken cancellationToken) =>
        await mediator.Send(new ListStreams(kind, kind == StreamKind.Table ? tableKind : null), cancellationToken);

    [HttpGet("{name}")]
    public async Task<StreamDescriptionDto> Get(string name, CancellationToken cancellationToken) =>
        await mediator.Send(new GetStream(kind, name), cancellationToken);

    /// <summary>The declared fields as eKuiper's JSON schema map; null for a schemaless one.</summary>
    [HttpGet("{name}/schema")]
    public async Task<IActionResult> Schema(string name, CancellationToken cancellationToken) =>
        JsonText(await mediator.Send(new GetStreamSchema(kind, name), cancellationToken));

    [HttpPut("{name}")]
    public async Task<IActionResult> Update(string name, [FromBody] StatementBody body, CancellationToken cancellationToken) =>
        Text(StatusCodes.Status200OK, await mediator.Send(new UpdateStream(kind, name, body.Sql), cancellationToken));

    /// <summary>?force=true drops it even while rules read it, as eKuiper allows.</summary>
    [HttpDelete("{name}")]
    public async Task<IActionResult> Delete(string name, [FromQuery] string? force, CancellationToken cancellationToken) =>
        Text(StatusCodes.Status200OK, await mediator.Send(new DeleteStream(kind, name, QueryFlags.IsTrue(force)), cancellationToken));
}

[Route("streams")]
public sealed class StreamsController(IMediator mediator) : StreamCollectionController(mediator, StreamKind.Stream)
{
    [HttpGet("/streamdetails")]
    public async Task<IReadOnlyList<StreamDetailDto>> Details(CancellationToken cancellationToken) =>
        await Mediator.Send(new ListStreamDetails(StreamKind.Stream), cancellationToken);
}

[Route("tables")]
public sealed class TablesController(IMediator mediator) : StreamCollectionController(mediator, StreamKind.Table)
{
    [HttpGet("/tabledetails")]
    public async Task<IReadOnlyList<StreamDetailDto>> Details([FromQuery(Name = "kind")] string? tableKind, CancellationToken cancellationToken) =>
        await Mediator.Send(new ListStreamDetails(StreamKind.Table, tableKind), cancellationToken);
}
