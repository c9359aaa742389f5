using Ekuiper.Application.Artifacts.Queries.GetPortablePlugin;
using Ekuiper.Application.Artifacts.Queries.ListPlugins;
using Ekuiper.Application.Artifacts.Queries.ListPortablePlugins;
using Ekuiper.Application.Plugins.Commands.DeletePlugin;
using Ekuiper.Application.Plugins.Commands.RegisterFunctions;
using Ekuiper.Application.Plugins.Commands.SavePlugin;
using Ekuiper.Application.Plugins.Queries.DescribePlugin;
using Ekuiper.Application.Plugins.Queries.ListUdfs;
using MediatR;
using Microsoft.AspNetCore.Mvc;

namespace Ekuiper.Api.Controllers;

/// <summary>eKuiper's endpoints for native plugins (sources, sinks, functions) and portable plugins.</summary>
public sealed class PluginsController(IMediator mediator) : EkuiperControllerBase
{
    private const string NativeKind = "{kind:regex(^(sources|sinks|functions)$)}";

    [HttpGet("/plugins/" + NativeKind)]
    public async Task<IReadOnlyList<string>> Plugins(string kind, CancellationToken cancellationToken) =>
        await mediator.Send(new ListPlugins(kind), cancellationToken);

    [HttpPost("/plugins/{kind:regex(^(sources|sinks|functions|portables)$)}")]
    public async Task<IActionResult> CreatePlugin(string kind, CancellationToken cancellationToken) =>
        Text(StatusCodes.Status201Created, await mediator.Send(new CreatePlugin(kind, await ReadBodyAsync(cancellationToken)), cancellationToken));

    [HttpGet("/plugins/" + NativeKind + "/{name}")]
    public async Task<IActionResult> Plugin(string kind, string name, CancellationToken cancellationToken) =>
        JsonText(await mediator.Send(new DescribePlugin(kind, name), cancellationToken));

    [HttpPut("/plugins/{kind:regex(^(sources|sinks|functions|portables)$)}/{name}")]
    public async Task<IActionResult> UpdatePlugin(string kind, string name, CancellationToken cancellationToken) =>
        Text(StatusCodes.Status200OK, await mediator.Send(new UpdatePlugin(kind, name, await ReadBodyAsync(cancellationToken)), cancellationToken));

    /// <summary>stop=1 (native plugins) stops the server about a second after the delete, as eKuiper does.</summary>
    [HttpDelete("/plugins/{kind:regex(^(sources|sinks|functions|portables)$)}/{name}")]
    public async Task<IActionResult> DeletePlugin(string kind, string name, [FromQuery] string? stop, CancellationToken cancellationToken) =>
        Text(StatusCodes.Status200OK, await mediator.Send(new DeletePlugin(kind, name, kind != "portables" && stop == "1"), cancellationToken));

    [HttpPost("/plugins/functions/{name}/register")]
    public async Task<IActionResult> RegisterFunctions(string name, CancellationToken cancellationToken) =>
        Text(StatusCodes.Status200OK, await mediator.Send(new RegisterFunctions(name, await ReadBodyAsync(cancellationToken)), cancellationToken));

    [HttpGet("/plugins/udfs")]
    public async Task<IReadOnlyList<string>> Udfs(CancellationToken cancellationToken) =>
        await mediator.Send(new ListUdfs(), cancellationToken);

    [HttpGet("/plugins/udfs/{name}")]
    public async Task<IActionResult> Udf(string name, CancellationToken cancellationToken) =>
        JsonText(await mediator.Send(new DescribeUdf(name), cancellationToken));

    [HttpGet("/plugins/portables")]
    public async Task<IActionResult> PortablePlugins(CancellationToken cancellationToken) =>
        JsonText(await mediator.Send(new ListPortablePlugins(), cancellationToken));

    [HttpGet("/plugins/portables/{name}")]
    public async Task<IActionResult> PortablePlugin(string name, CancellationToken cancellationToken) =>
        JsonText(await mediator.Send(new GetPortablePlugin(name), cancellationToken));
}
