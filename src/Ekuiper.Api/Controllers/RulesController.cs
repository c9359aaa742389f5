using Ekuiper.Application.Rules;
using Ekuiper.Application.Rules.Commands.BulkTrigger;
using Ekuiper.Application.Rules.Commands.CreateRule;
using Ekuiper.Application.Rules.Commands.RuleTags;
using Ekuiper.Application.Rules.Commands.DeleteRule;
using Ekuiper.Application.Rules.Commands.RestartRule;
using Ekuiper.Application.Rules.Commands.StartRule;
using Ekuiper.Application.Rules.Commands.StopRule;
using Ekuiper.Application.Rules.Commands.UpdateRule;
using Ekuiper.Application.Rules.Queries.GetRule;
using Ekuiper.Application.Rules.Queries.GetAllRuleStatus;
using Ekuiper.Application.Rules.Queries.GetRuleStatus;
using Ekuiper.Application.Rules.Queries.GetRuleStatusV2;
using Ekuiper.Application.Rules.Queries.MatchRuleTags;
using Ekuiper.Application.Rules.Queries.RuleRuntime;
using Ekuiper.Application.Rules.Queries.ListRules;
using Ekuiper.Application.Rules.Queries.ValidateRule;
using MediatR;
using Microsoft.AspNetCore.Mvc;

namespace Ekuiper.Api.Controllers;

/// <summary>eKuiper's rule endpoints. Rule bodies are the rule JSON itself, stored and served exactly as sent.</summary>
public sealed class RulesController(IMediator mediator) : EkuiperControllerBase
{
    [HttpPost("/rules")]
    public async Task<IActionResult> Create(CancellationToken cancellationToken) =>
        Text(StatusCodes.Status201Created, await mediator.Send(new CreateRule(await ReadBodyAsync(cancellationToken)), cancellationToken));

    [HttpGet("/rules")]
    public async Task<IReadOnlyList<RuleSummaryDto>> List(CancellationToken cancellationToken) =>
        await mediator.Send(new ListRules(), cancellationToken);

    /// <summary>200 {"sources":[…],"valid":true}, or 422 with the reason as text, as eKuiper answers.</summary>
    [HttpPost("/rules/validate")]
    public async Task<IActionResult> Validate(CancellationToken cancellationToken)
    {
        var result = await mediator.Send(new ValidateRule(await ReadBodyAsync(cancellationToken)), cancellationToken);
        return result.Valid
            ? Ok(new RuleValidationDto { Sources = result.Sources, Valid = true })
            : Text(StatusCodes.Status422UnprocessableEntity, result.Error!);
    }

    [HttpGet("/rules/{id}")]
    public async Task<IActionResult> Get(string id, CancellationToken cancellationToken) =>
        JsonText(await mediator.Send(new GetRule(id), cancellationToken));

    [HttpPut("/rules/{id}")]
    public async Task<IActionResult> Update(string id, CancellationToken cancellationToken) =>
        Text(StatusCodes.Status200OK, await mediator.Send(new UpdateRule(id, await ReadBodyAsync(cancellationToken)), cancellationToken));

    [HttpDelete("/rules/{id}")]
    public async Task<IActionResult> Delete(string id, CancellationToken cancellationToken) =>
        Text(StatusCodes.Status200OK, await mediator.Send(new DeleteRule(id), cancellationToken));

    [HttpPost("/rules/{id}/start")]
    public async Task<IActionResult> Start(string id, CancellationToken cancellationToken) =>
        Text(StatusCodes.Status200OK, await mediator.Send(new StartRule(id), cancellationToken));

    [HttpPost("/rules/{id}/stop")]
    public async Task<IActionResult> Stop(string id, CancellationToken cancellationToken) =>
        Text(StatusCodes.Status200OK, await mediator.Send(new StopRule(id), cancellationToken));

    [HttpPost("/rules/{id}/restart")]
    public async Task<IActionResult> Restart(string id, CancellationToken cancellationToken) =>
        Text(StatusCodes.Status200OK, await mediator.Send(new RestartRule(id), cancellationToken));

    [HttpGet("/rules/{id}/status")]
    public async Task<IActionResult> Status(string id, CancellationToken cancellationToken) =>
        JsonText(await mediator.Send(new GetRuleStatus(id), cancellationToken));

    [HttpGet("/rules/status/all")]
    public async Task<IReadOnlyDictionary<string, RuleExceptionStatusDto>> AllStatus(CancellationToken cancellationToken) =>
        await mediator.Send(new GetAllRuleStatus(), cancellationToken);

    [HttpGet("/v2/rules/{id}/status")]
    public async Task<RuleStatusV2Dto> StatusV2(string id, CancellationToken cancellationToken) =>
        await mediator.Send(new GetRuleStatusV2(id), cancellationToken);

    /// <summary>PUT resets, PATCH adds, DELETE removes the tags of <c>{"tags":[…]}</c>; 200 with an empty body.</summary>
    [HttpPut("/rules/{id}/tags")]
    [HttpPatch("/rules/{id}/tags")]
    [HttpDelete("/rules/{id}/tags")]
    public async Task<IActionResult> Tags(string id, CancellationToken cancellationToken)
    {
        var change = Request.Method switch
        {
            "PUT" => RuleTagChange.Reset,
            "PATCH" => RuleTagChange.Add,
            _ => RuleTagChange.Remove,
        };
        await mediator.Send(new SetRuleTags(id, await ReadBodyAsync(cancellationToken), change), cancellationToken);
        return StatusCode(StatusCodes.Status200OK);
    }

    /// <summary>The rules holding every tag of the body <c>{"tags":[…]}</c> (eKuiper reads a GET body here).</summary>
    [HttpGet("/rules/tags/match")]
    public async Task<RuleTagMatchDto> MatchTags(CancellationToken cancellationToken) =>
        await mediator.Send(new MatchRuleTags(await ReadBodyAsync(cancellationToken)), cancellationToken);

    [HttpPost("/rules/bulkstart")]
    public async Task<IReadOnlyList<BulkRuleResultDto>> BulkStart(CancellationToken cancellationToken) =>
        await mediator.Send(new BulkTriggerRules(await ReadBodyAsync(cancellationToken), Start: true), cancellationToken);

    [HttpPost("/rules/bulkstop")]
    public async Task<IReadOnlyList<BulkRuleResultDto>> BulkStop(CancellationToken cancellationToken) =>
        await mediator.Send(new BulkTriggerRules(await ReadBodyAsync(cancellationToken), Start: false), cancellationToken);

    [HttpGet("/rules/{id}/topo")]
    public async Task<IActionResult> Topo(string id, CancellationToken cancellationToken) =>
        JsonText(await mediator.Send(new AskRuleRuntime(id, RuleRuntimeAsk.Topo), cancellationToken));

    [HttpGet("/rules/{id}/explain")]
    public async Task<IActionResult> Explain(string id, CancellationToken cancellationToken) =>
        Text(StatusCodes.Status200OK, await mediator.Send(new AskRuleRuntime(id, RuleRuntimeAsk.Explain), cancellationToken));

    [HttpPut("/rules/{id}/reset_state")]
    public async Task<IActionResult> ResetState(string id, CancellationToken cancellationToken) =>
        Text(StatusCodes.Status200OK, await mediator.Send(new AskRuleRuntime(id, RuleRuntimeAsk.ResetState, await ReadBodyAsync(cancellationToken)), cancellationToken));

    /// <summary>eKuiper's answer while its resource profiling is off (its default): no rule runs here to be measured.</summary>
    [HttpGet("/rules/usage/cpu")]
    public IActionResult CpuUsage() => Text(StatusCodes.Status200OK, "cpu usage not enabled");
}
