using Ekuiper.Application.Common.Interfaces;
using Ekuiper.Domain.Definitions;
using MediatR;
using Microsoft.EntityFrameworkCore;

namespace Ekuiper.Application.Catalogue.Queries;

/// <summary>
/// GET /metadata/functions: eKuiper's array of function metadata files — the built-in functions' file
/// (<see cref="MetadataCatalogue.Functions"/>, named internal.json as eKuiper names it) and the function metadata files
/// the stored plugins bring (<see cref="InstalledCatalogue.FunctionFilesAsync"/>), in file-name order. Services and
/// scripts bring no metadata file, so they add nothing here, as in eKuiper.
/// </summary>
public sealed record ListFunctionMetadata : IRequest<string>;

/// <summary>GET /metadata/operators: the operators of graph rules eKuiper describes (<see cref="MetadataCatalogue.Operators"/>).</summary>
public sealed record ListOperatorMetadata : IRequest<string>;

/// <summary>
/// GET /metadata/resources: the conf keys someone stored (eKuiper's "updatable" keys, not the built-in ones), per
/// source and sink type, as {"sinks": [{key: type, …}, …], "sources": […]} — one object per type that has any,
/// ordered by type, its keys sorted; null for a category with none, as eKuiper marshals an empty list.
/// </summary>
public sealed record ListResources : IRequest<string>;

public sealed class ListFunctionMetadataHandler(IEkuiperDbContext db, IArtifactInstaller installed, IFunctionCatalogue functions)
    : IRequestHandler<ListFunctionMetadata, string>
{
    /// <summary>The file eKuiper keeps its built-in function metadata in.</summary>
    private const string BuiltinFile = "internal.json";

    public async Task<string> Handle(ListFunctionMetadata request, CancellationToken cancellationToken)
    {
        var files = (await new InstalledCatalogue(db, installed, functions).FunctionFilesAsync(cancellationToken)).ToList();
        files.Add(new FunctionMetadataFile(BuiltinFile, MetadataCatalogue.Functions));
        return CatalogueJson.Write(writer =>
        {
            writer.WriteStartArray();
            foreach (var file in files.OrderBy(f => f.FileName, StringComparer.Ordinal))
            {
                file.Content.WriteTo(writer);
            }
            writer.WriteEndArray();
        });
    }
}

public sealed class ListOperatorMetadataHandler : IRequestHandler<ListOperatorMetadata, string>
{
    public Task<string> Handle(ListOperatorMetadata request, CancellationToken cancellationToken) =>
        Task.FromResult(CatalogueJson.Write(MetadataCatalogue.Operators.WriteTo));
}

public sealed class ListResourcesHandler(IEkuiperDbContext db) : IRequestHandler<ListResources, string>
{
    public async Task<string> Handle(ListResources request, CancellationToken cancellationToken)
    {
        var keys = await db.ConfigKeys.AsNoTracking()
            .Where(k => k.Category == ConfigCategory.Source || k.Category == ConfigCategory.Sink)
            .Select(k => new { k.Category, k.PluginType, k.Name })
            .ToListAsync(cancellationToken);
        return CatalogueJson.Write(writer =>
        {
            writer.WriteStartObject();
            foreach (var (field, category) in new[] { ("sinks", ConfigCategory.Sink), ("sources", ConfigCategory.Source) })
            {
                var types = keys.Where(k => k.Category == category)
                    .GroupBy(k => k.PluginType, StringComparer.Ordinal)
                    .OrderBy(g => g.Key, StringComparer.Ordinal)
                    .ToList();
                writer.WritePropertyName(field);
                if (types.Count == 0)
                {
                    writer.WriteNullValue();
                    continue;
                }
                writer.WriteStartArray();
                foreach (var type in types)
                {
                    writer.WriteStartObject();
                    foreach (var name in type.Select(k => k.Name).Distinct(StringComparer.Ordinal).Order(StringComparer.Ordinal))
                    {
                        writer.WriteString(name, type.Key);
                    }
                    writer.WriteEndObject();
                }
                writer.WriteEndArray();
            }
            writer.WriteEndObject();
        });
    }
}
