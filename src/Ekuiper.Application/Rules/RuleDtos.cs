using Microsoft.EntityFrameworkCore;
using System.Text.Json.Serialization;

namespace Ekuiper.Application.Rules;

/// <summary>
/// One item of GET /rules, with eKuiper's fields in eKuiper's (alphabetical) order. This server runs no rules, so
/// the status is the rule's triggered flag: "running" or "stopped".
/// </summary>
public sealed class RuleSummaryDto
{
    [JsonPropertyName("id")] public required string Id { get; init; }

    /// <summary>The rule's name field, or its id when it has none.</summary>
    [JsonPropertyName("name")] public required string Name { get; init; }

    [JsonPropertyName("status")] public required string Status { get; init; }

    [JsonPropertyName("tags")] public IReadOnlyList<string>? Tags { get; init; }

    /// <summary>Whether tracing is on; never, as no rule runs here.</summary>
    [JsonPropertyName("trace")] public bool Trace { get; init; }

    [JsonPropertyName("version")] public string Version { get; init; } = string.Empty;
}

/// <summary>The outcome of POST /rules/validate: the streams the rule reads, or why it is invalid.</summary>
public sealed record RuleValidation(bool Valid, IReadOnlyList<string> Sources, string? Error)
{
    public static RuleValidation Invalid(string error) => new(false, [], error);
}

/// <summary>The body of a valid answer of POST /rules/validate, as eKuiper writes it.</summary>
public sealed class RuleValidationDto
{
    [JsonPropertyName("sources")] public required IReadOnlyList<string> Sources { get; init; }

    [JsonPropertyName("valid")] public bool Valid { get; init; }
}

/// <summary>eKuiper's status words for a rule that is or is not triggered.</summary>
public static class RuleStatuses
{
    public const string Running = "running";
    public const string Stopped = "stopped";

    public static string Of(bool triggered) => triggered ? Running : Stopped;

    /// <summary>The stored rule's status, for GET /rules/{id}/status and its v2 form.</summary>
    /// <exception cref="Common.Exceptions.NotFoundException">No rule has this id.</exception>
    public static async Task<string> OfStoredAsync(Common.Interfaces.IEkuiperDbContext db, string id, CancellationToken cancellationToken)
    {
        var triggered = await db.Rules.AsNoTracking().Where(r => r.Id == id).Select(r => (bool?)r.Triggered)
                            .FirstOrDefaultAsync(cancellationToken)
                        ?? throw new Common.Exceptions.NotFoundException($"get rule status error: Rule {id} is not found");
        return Of(triggered);
    }
}
