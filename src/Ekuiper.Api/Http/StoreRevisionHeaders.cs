using Ekuiper.Application.Common.Exceptions;
using Microsoft.Extensions.Primitives;
using Microsoft.Net.Http.Headers;

namespace Ekuiper.Api.Http;

/// <summary>
/// The store's revision on the wire: a strong ETag "&lt;revision&gt;" on exports and on the answers of imports, and the
/// If-Match an import or restore may carry (HTTP's own optimistic concurrency, as Node-RED's "rev").
/// </summary>
public static class StoreRevisionHeaders
{
    public static void SetETag(this HttpResponse response, long revision) =>
        response.Headers.ETag = new EntityTagHeaderValue($"\"{revision}\"").ToString();

    /// <summary>
    /// The revisions an If-Match accepts: null when there is no If-Match or it is "*" (the store always exists);
    /// otherwise the revisions its strong tags name — possibly none, e.g. for a weak tag, which If-Match never matches.
    /// </summary>
    /// <exception cref="InvalidRequestException">The header is not a list of entity tags.</exception>
    public static IReadOnlyCollection<long>? ExpectedRevisions(this HttpRequest request)
    {
        var values = request.Headers.IfMatch;
        if (StringValues.IsNullOrEmpty(values))
        {
            return null;
        }
        if (!EntityTagHeaderValue.TryParseStrictList(values, out var tags) || tags.Count == 0)
        {
            throw new InvalidRequestException(
                $"invalid If-Match header {values}: give the ETag of GET /data/export as it was sent, quotes included, e.g. If-Match: \"42\"");
        }
        if (tags.Any(t => t.Equals(EntityTagHeaderValue.Any)))
        {
            return null;
        }
        return tags.Where(t => !t.IsWeak)
            .Select(t => long.TryParse(t.Tag.AsSpan().Trim('"'), System.Globalization.NumberStyles.None, null, out var revision) ? revision : -1)
            .Where(revision => revision >= 0)
            .ToHashSet();
    }
}
