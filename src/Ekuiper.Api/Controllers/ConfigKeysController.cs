using Ekuiper.Application.Configs;
using Ekuiper.Application.Configs.Commands.DeleteConfKey;
using Ekuiper.Application.Configs.Commands.PutConfKey;
using Ekuiper.Application.Configs.Queries.GetConfKey;
using Ekuiper.Application.Configs.Queries.GetConfKeys;
using Ekuiper.Domain.Definitions;
using MediatR;
using Microsoft.AspNetCore.Mvc;

namespace Ekuiper.Api.Controllers;

/// <summary>
/// eKuiper's conf key endpoints for sources, sinks and connections: built-in keys beside the stored ones, values as stored.
/// </summary>
public sealed class ConfigKeysController(IMediator mediator) : EkuiperControllerBase
{
    private const string Category = "{category:regex(^(sources|sinks|connections)$)}";

    [HttpGet($"/metadata/{Category}/yaml/{{type}}")]
    public async Task<IActionResult> GetAll(string category, string type, CancellationToken cancellationToken) =>
        JsonText(await mediator.Send(new GetConfKeys(Parse(category), type), cancellationToken));

    [HttpGet($"/metadata/{Category}/{{type}}/confKeys/{{key}}")]
    public async Task<IActionResult> Get(string category, string type, string key, CancellationToken cancellationToken) =>
        JsonText(await mediator.Send(new GetConfKey(Parse(category), type, key), cancellationToken));

    /// <summary>The body is the key's properties object; 200 with an empty body, as eKuiper answers.</summary>
    [HttpPut($"/metadata/{Category}/{{type}}/confKeys/{{key}}")]
    public async Task<IActionResult> Put(string category, string type, string key, CancellationToken cancellationToken)
    {
        await mediator.Send(new PutConfKey(Parse(category), type, key, await ReadBodyAsync(cancellationToken)), cancellationToken);
        return Ok();
    }

    [HttpDelete($"/metadata/{Category}/{{type}}/confKeys/{{key}}")]
    public async Task<IActionResult> Delete(string category, string type, string key, CancellationToken cancellationToken)
    {
        await mediator.Send(new DeleteConfKey(Parse(category), type, key), cancellationToken);
        return Ok();
    }

    // The route constraint admits only the three segments ConfigCategories knows.
    private static ConfigCategory Parse(string category) =>
        ConfigCategories.TryParse(category, out var parsed) ? parsed : throw new InvalidOperationException($"unrouted category {category}");
}
