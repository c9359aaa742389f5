using System.Text;
using System.Text.Json;
using Ekuiper.Application.Common.Exceptions;
using MediatR;

namespace Ekuiper.Application.Catalogue.Queries;

/// <summary>
/// GET /metadata/{sources|sinks}: each type as {"name","about","type"} ordered by name, type "internal" as eKuiper
/// answers for what it builds in. For sources, <paramref name="Lookup"/> lists the lookup-table sources instead of the
/// scan ones (eKuiper's ?kind=lookup).
/// </summary>
public sealed record ListCatalogue(CatalogueKind Kind, bool Lookup = false) : IRequest<string>;

/// <summary>GET /metadata/{sources|sinks}/{type}: the type's full description; an unknown type is refused as eKuiper does.</summary>
public sealed record DescribeCatalogueEntry(CatalogueKind Kind, string Type) : IRequest<string>;

public sealed class ListCatalogueHandler : IRequestHandler<ListCatalogue, string>
{
    public Task<string> Handle(ListCatalogue request, CancellationToken cancellationToken)
    {
        using var buffer = new MemoryStream();
        using (var writer = new Utf8JsonWriter(buffer))
        {
            writer.WriteStartArray();
            foreach (var (name, entry) in MetadataCatalogue.List(request.Kind))
            {
                if (request.Kind == CatalogueKind.Source && !MetadataCatalogue.Supports(entry, request.Lookup))
                {
                    continue;
                }
                writer.WriteStartObject();
                writer.WriteString("name", name);
                writer.WritePropertyName("about");
                entry.GetProperty("about").WriteTo(writer);
                writer.WriteString("type", CatalogueJson.BuiltinType);
                writer.WriteEndObject();
            }
            writer.WriteEndArray();
        }
        return Task.FromResult(Encoding.UTF8.GetString(buffer.ToArray()));
    }
}

public sealed class DescribeCatalogueEntryHandler : IRequestHandler<DescribeCatalogueEntry, string>
{
    public Task<string> Handle(DescribeCatalogueEntry request, CancellationToken cancellationToken)
    {
        if (!MetadataCatalogue.TryGet(request.Kind, request.Type, out var entry))
        {
            throw new ConfKeyException($"This plugin was not found:{request.Type}");
        }
        using var buffer = new MemoryStream();
        using (var writer = new Utf8JsonWriter(buffer))
        {
            writer.WriteStartObject();
            foreach (var property in entry.EnumerateObject())
            {
                // scan/lookup are ours, for the list's ?kind filter; eKuiper does not answer them.
                if (property.NameEquals("scan") || property.NameEquals("lookup"))
                {
                    continue;
                }
                property.WriteTo(writer);
            }
            writer.WriteString("type", CatalogueJson.BuiltinType);
            writer.WriteEndObject();
        }
        return Task.FromResult(Encoding.UTF8.GetString(buffer.ToArray()));
    }
}

internal static class CatalogueJson
{
    /// <summary>eKuiper's name for the extension type of what it builds in.</summary>
    public const string BuiltinType = "internal";
}
