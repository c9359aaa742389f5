using Ekuiper.Application.Server.Queries.GetServerInfo;
using MediatR;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;

namespace Ekuiper.Api.Controllers;

public sealed class ServerController(IMediator mediator) : EkuiperControllerBase
{
    /// <summary>Health check: 200 with an empty body.</summary>
    [HttpGet("/ping")]
    [AllowAnonymous] // open with authentication on, as in eKuiper
    public IActionResult Ping() => Ok();

    /// <summary>Version, platform and uptime (eKuiper answers GET and POST alike).</summary>
    [AllowAnonymous] // open with authentication on, as in eKuiper
    [HttpGet("/")]
    [HttpPost("/")]
    public async Task<ServerInfoDto> Info(CancellationToken cancellationToken) =>
        await mediator.Send(new GetServerInfo(), cancellationToken);
}
