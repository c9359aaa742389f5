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

    /// <summary>
    /// The "type" of a reset_state body, decoded as Go's json.Decoder decodes it into eKuiper's request struct: the
    /// syntax first, then the first field whose JSON kind does not fit (Go matches field names without case); 0 when
    /// absent or null.
    /// </summary>
    private static long ReadStateType(string body)
    {
        const string Struct = "ruleStateUpdateRequest";
        if (GoJsonSyntax.Decode(body) is { } syntax)
        {
            throw new InvalidRequestException(syntax);
        }
        using var document = JsonText.ParseFirst(body);
        var root = document.RootElement;
        if (root.ValueKind == JsonValueKind.Null)
        {
            return 0;
        }
        if (root.ValueKind != JsonValueKind.Object)
        {
            throw new InvalidRequestException($"json: cannot unmarshal {GoJsonSyntax.KindOf(root.ValueKind)} into Go value of type server.{Struct}");
        }
        long type = 0;
        string? mismatch = null;
        foreach (var property in root.EnumerateObject())
        {
            var value = property.Value;
            if (property.Name.Equals("type", StringComparison.OrdinalIgnoreCase))
            {
                switch (value.ValueKind)
                {
                    case JsonValueKind.Null:
                        break;
                    case JsonValueKind.Number when value.TryGetInt64(out var number):
                        type = number;
                        break;
                    case JsonValueKind.Number:
                        mismatch ??= $"json: cannot unmarshal number {value.GetRawText()} into Go struct field {Struct}.type of type int";
                        break;
                    default:
                        mismatch ??= $"json: cannot unmarshal {GoJsonSyntax.KindOf(value.ValueKind)} into Go struct field {Struct}.type of type int";
                        break;
                }
            }
            else if (property.Name.Equals("params", StringComparison.OrdinalIgnoreCase)
                     && value.ValueKind is not (JsonValueKind.Object or JsonValueKind.Null))
            {
                mismatch ??= $"json: cannot unmarshal {GoJsonSyntax.KindOf(value.ValueKind)} into Go struct field {Struct}.params of type map[string]interface {{}}";
            }
        }
        return mismatch is null ? type : throw new InvalidRequestException(mismatch);
    }
}
