using Ekuiper.Application.Connections.Commands.CreateConnection;
using Ekuiper.Application.Connections.Commands.DeleteConnection;
using Ekuiper.Application.Connections.Commands.UpdateConnection;
using Ekuiper.Application.Connections.Queries.GetConnection;
using Ekuiper.Application.Connections.Queries.GetConnections;
using MediatR;
using Microsoft.AspNetCore.Mvc;

namespace Ekuiper.Api.Controllers;

/// <summary>
/// eKuiper's named connections: stored as the conf keys connections.{typ}.{id} (the connectionConfig section). The
/// bodies are read as eKuiper's handler reads them (json.Unmarshal), so they are not bound to a model.
/// </summary>
[Route("connections")]
public sealed class ConnectionsController(IMediator mediator) : EkuiperControllerBase
{
    [HttpPost]
    public async Task<IActionResult> Create(CancellationToken cancellationToken) =>
        Text(StatusCodes.Status201Created, await mediator.Send(new CreateConnection(await ReadBodyAsync(cancellationToken)), cancellationToken));

    /// <summary>?forceAll is accepted and changes nothing: there are no anonymous connections here.</summary>
    [HttpGet]
    public async Task<IActionResult> List([FromQuery] string? forceAll, CancellationToken cancellationToken) =>
        JsonText(await mediator.Send(new GetConnections(), cancellationToken));

    [HttpGet("{id}")]
    public async Task<IActionResult> Get(string id, CancellationToken cancellationToken) =>
        JsonText(await mediator.Send(new GetConnection(id), cancellationToken));

    [HttpPut("{id}")]
    public async Task<IActionResult> Update(string id, CancellationToken cancellationToken) =>
        Text(StatusCodes.Status200OK, await mediator.Send(new UpdateConnection(id, await ReadBodyAsync(cancellationToken)), cancellationToken));

    [HttpDelete("{id}")]
    public async Task<IActionResult> Delete(string id, CancellationToken cancellationToken) =>
        Text(StatusCodes.Status200OK, await mediator.Send(new DeleteConnection(id), cancellationToken));
}
