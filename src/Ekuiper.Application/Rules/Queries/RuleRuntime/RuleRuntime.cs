using System.Text.Json;
using Ekuiper.Application.Common.Exceptions;
using Ekuiper.Application.Common.Interfaces;
using Ekuiper.Domain.Ruleset;
using MediatR;
using Microsoft.EntityFrameworkCore;

namespace Ekuiper.Application.Rules.Queries.RuleRuntime;

/// <summary>What GET /rules/{id}/topo, GET /rules/{id}/explain and PUT /rules/{id}/reset_state ask of a rule's runtime.</summary>
public enum RuleRuntimeAsk
{
    Topo,
    Explain,
    ResetState,
}

/// <summary>
/// The endpoints that need a running rule's topology. No rule runs here (decision 19), so each answers what eKuiper
/// answers for a rule that has not been started; an unknown rule is answered as eKuiper answers it. Nothing is written.
/// </summary>
/// <param name="Body">The body of reset_state (<c>{"type":1,"params":{…}}</c>); empty otherwise.</param>
public sealed record AskRuleRuntime(string Id, RuleRuntimeAsk Ask, string Body = "") : IRequest<string>;

public sealed class AskRuleRuntimeHandler(IEkuiperDbContext db) : IRequestHandler<AskRuleRuntime, string>
{
    /// <summary>eKuiper's state type for a stream offset reset, the only one it knows.</summary>
    private const long ResetOffset = 1;

    public async Task<string> Handle(AskRuleRuntime request, CancellationToken cancellationToken)
    {
        var id = request.Id;
        switch (request.Ask)
        {
            case RuleRuntimeAsk.Topo:
                _ = await FindAsync(id, cancellationToken) ?? throw new NotFoundException($"get rule topo error: Rule {id} is not found");
                throw new RuleNotRunningException($"get rule topo error: Fail to get rule {id}'s topo, make sure the rule has been started before");
            case RuleRuntimeAsk.Explain:
                var json = await FindAsync(id, cancellationToken) ?? throw new NotFoundException($"explain rules error: Rule {id} is not found.");
                if (string.IsNullOrEmpty(RuleJson.ReadString(json, "sql")))
                {
                    throw new InvalidRequestException("explain rules error: only support explain sql now");
                }
                throw new InvalidRequestException("explain rules error: this server has no query planner, so it cannot explain a rule");
            default:
                var type = ReadStateType(request.Body);
                if (type != ResetOffset)
                {
                    throw new InvalidRequestException($"unknown stateType:{type}");
                }
                _ = await FindAsync(id, cancellationToken) ?? throw new InvalidRequestException($"Rule {id} is not found in registry");
                throw new InvalidRequestException($"rule {id} should be running when modify state");
        }
    }

    private Task<string?> FindAsync(string id, CancellationToken cancellationToken) =>
        db.Rules.AsNoTracking().Where(r => r.Id == id).Select(r => r.Json).FirstOrDefaultAsync(cancellationToken);

    /// <summary>eKuiper's reset_state body, as Go's decoder names it in its errors.</summary>
    private static readonly GoJsonType StateRequest = GoJsonType.Struct("server.ruleStateUpdateRequest",
        ("type", "int"), ("params", GoJsonType.MapType));

    /// <summary>
    /// The "type" of a reset_state body, decoded as Go's json.Decoder decodes it into eKuiper's request struct (the
    /// first value only; Go's syntax and type errors); 0 when absent or null.
    /// </summary>
    private static long ReadStateType(string body)
    {
        if (StateRequest.DecodeError(body) is { } error)
        {
            throw new InvalidRequestException(error);
        }
        GoJsonSyntax.Decode(body, out var first);
        using var document = JsonDocument.Parse(first);
        if (document.RootElement.ValueKind != JsonValueKind.Object)
        {
            return 0; // null
        }
        long type = 0;
        foreach (var property in document.RootElement.EnumerateObject())
        {
            if (property.Name.Equals("type", StringComparison.OrdinalIgnoreCase) && property.Value.ValueKind == JsonValueKind.Number)
            {
                type = property.Value.GetInt64(); // the last one, as Go keeps it
            }
        }
        return type;
    }
}
