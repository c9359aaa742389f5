using System.Text.Json.Serialization;
using Ekuiper.Application.Common.Interfaces;
using MediatR;

namespace Ekuiper.Application.Rules.Queries.GetRuleStatusV2;

/// <summary>GET /v2/rules/{id}/status: the status as a JSON object with numbers, keys sorted as eKuiper's map is.</summary>
public sealed record GetRuleStatusV2(string Id) : IRequest<RuleStatusV2Dto>;

/// <summary>eKuiper's status map without metrics (no rule runs here), in its sorted key order.</summary>
public sealed class RuleStatusV2Dto
{
    [JsonPropertyName("lastStartTimestamp")] public long LastStartTimestamp { get; init; }

    [JsonPropertyName("lastStopTimestamp")] public long LastStopTimestamp { get; init; }

    [JsonPropertyName("message")] public string Message { get; init; } = string.Empty;

    [JsonPropertyName("nextStartTimestamp")] public long NextStartTimestamp { get; init; }

    [JsonPropertyName("status")] public required string Status { get; init; }
}

public sealed class GetRuleStatusV2Handler(IEkuiperDbContext db) : IRequestHandler<GetRuleStatusV2, RuleStatusV2Dto>
{
    public async Task<RuleStatusV2Dto> Handle(GetRuleStatusV2 request, CancellationToken cancellationToken)
    {
        return new RuleStatusV2Dto { Status = await RuleStatuses.OfStoredAsync(db, request.Id, cancellationToken) };
    }
}
