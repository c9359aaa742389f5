using System.Text.Json;
using Ekuiper.Application.Common.Exceptions;
using Ekuiper.Domain.Ruleset;

namespace Ekuiper.Application.Rules;

/// <summary>The body of eKuiper's tag endpoints, <c>{"tags":["t1","t2"]}</c>, read as eKuiper decodes it.</summary>
public static class RuleTagsBody
{
    /// <summary>
    /// The tags; an empty list when the body has none, and null for <c>"tags":null</c> (which eKuiper stores as null).
    /// A body that is not such an object is refused as "decode body error: …".
    /// </summary>
    public static IReadOnlyList<string>? Parse(string body)
    {
        JsonDocument document;
        try
        {
            document = JsonText.ParseUntrusted(body);
        }
        catch (JsonException e)
        {
            throw new InvalidRequestException($"decode body error: {(string.IsNullOrWhiteSpace(body) ? "EOF" : e.Message)}");
        }
        using (document)
        {
            var root = document.RootElement;
            if (root.ValueKind == JsonValueKind.Null)
            {
                return [];
            }
            if (root.ValueKind != JsonValueKind.Object)
            {
                throw Refused(root.ValueKind, "RuleTagRequest");
            }
            IReadOnlyList<string>? tags = [];
            foreach (var property in root.EnumerateObject())
            {
                if (!property.NameEquals("tags"))
                {
                    continue; // Go ignores unknown fields (eKuiper's own docs send "keys")
                }
                tags = property.Value.ValueKind switch
                {
                    JsonValueKind.Null => null,
                    JsonValueKind.Array => property.Value.EnumerateArray().Select(tag => tag.ValueKind switch
                    {
                        JsonValueKind.String => tag.GetString()!,
                        JsonValueKind.Null => string.Empty,
                        _ => throw Refused(tag.ValueKind, "RuleTagRequest.tags", "string"),
                    }).ToList(),
                    _ => throw Refused(property.Value.ValueKind, "RuleTagRequest.tags", "[]string"),
                };
            }
            return tags;
        }
    }

    private static InvalidRequestException Refused(JsonValueKind kind, string field, string type = "server.RuleTagRequest")
    {
        var what = kind switch
        {
            JsonValueKind.Number => "number",
            JsonValueKind.String => "string",
            JsonValueKind.True or JsonValueKind.False => "bool",
            JsonValueKind.Array => "array",
            _ => "object",
        };
        return new InvalidRequestException(field.Contains('.', StringComparison.Ordinal)
            ? $"decode body error: json: cannot unmarshal {what} into Go struct field {field} of type {type}"
            : $"decode body error: json: cannot unmarshal {what} into Go value of type {type}");
    }

    /// <summary>eKuiper's match: the rule has every asked tag, and at least as many tags as were asked.</summary>
    public static bool Matches(IReadOnlyList<string>? ruleTags, IReadOnlyList<string> asked)
    {
        var have = ruleTags ?? [];
        if (have.Count < asked.Count)
        {
            return false;
        }
        var set = have.ToHashSet(StringComparer.Ordinal);
        return asked.All(set.Contains);
    }
}

/// <summary>A rule that this server cannot answer for as a running rule would be answered (eKuiper's code 1001).</summary>
public sealed class RuleNotRunningException(string message) : EkuiperException(1001, message);
