using Ekuiper.Application.Common.Exceptions;
using Ekuiper.Application.Common.Interfaces;
using Ekuiper.Domain.Artifacts;
using Ekuiper.Domain.Definitions;
using Ekuiper.Domain.Ruleset;
using Ekuiper.Domain.Ruleset.Validation;
using MediatR;
using Microsoft.EntityFrameworkCore;

namespace Ekuiper.Application.Plugins.Queries.ListUdfs;

/// <summary>GET /plugins/udfs: the functions every native function plugin provides, sorted (eKuiper's follow a Go map).</summary>
public sealed record ListUdfs : IRequest<IReadOnlyList<string>>;

/// <summary>GET /plugins/udfs/{name}: the function plugin providing the function, as {"name","plugin"}.</summary>
/// <returns>The JSON object, as text.</returns>
public sealed record DescribeUdf(string Name) : IRequest<string>;

/// <summary>The functions of the stored function plugins: as their installation recorded them, or as the catalogue reads older rows.</summary>
internal static class NativeFunctions
{
    public static async Task<List<(string Function, string Plugin)>> ListAsync(IEkuiperDbContext db, IFunctionCatalogue catalogue,
        CancellationToken cancellationToken)
    {
        var rows = await db.Artifacts.AsNoTracking()
            .Where(a => a.Kind == ArtifactKind.NativePlugin && a.Key.StartsWith("functions_"))
            .Select(a => new { a.Key, a.FunctionsJson })
            .ToListAsync(cancellationToken);
        IReadOnlyList<Domain.Rules.DeclaredFunction>? declared = null;
        var functions = new List<(string, string)>();
        foreach (var row in rows)
        {
            ArtifactEntryValidator.TrySplitPluginKey(row.Key, out _, out var plugin);
            var names = FunctionList.Read(row.FunctionsJson);
            if (names is null)
            {
                declared ??= await catalogue.ListAsync(cancellationToken);
                names = declared.Where(f => f.Kind == ArtifactKind.NativePlugin && f.Key == row.Key).Select(f => f.Name).ToList();
            }
            functions.AddRange(names.Select(name => (name, plugin)));
        }
        return functions.OrderBy(f => f.Item1, StringComparer.Ordinal).ToList();
    }
}

public sealed class ListUdfsHandler(IEkuiperDbContext db, IFunctionCatalogue catalogue) : IRequestHandler<ListUdfs, IReadOnlyList<string>>
{
    public async Task<IReadOnlyList<string>> Handle(ListUdfs request, CancellationToken cancellationToken) =>
        (await NativeFunctions.ListAsync(db, catalogue, cancellationToken)).Select(f => f.Function).Distinct(StringComparer.Ordinal).ToList();
}

public sealed class DescribeUdfHandler(IEkuiperDbContext db, IFunctionCatalogue catalogue) : IRequestHandler<DescribeUdf, string>
{
    public async Task<string> Handle(DescribeUdf request, CancellationToken cancellationToken)
    {
        PluginBody.RequireValidName(request.Name);
        var (_, plugin) = (await NativeFunctions.ListAsync(db, catalogue, cancellationToken))
            .FirstOrDefault(f => f.Function == request.Name);
        if (plugin is null)
        {
            throw new NotFoundException($"describe function {request.Name} error: not found");
        }
        return JsonText.Write(writer =>
        {
            writer.WriteStartObject();
            writer.WriteString("name", request.Name);
            writer.WriteString("plugin", plugin);
            writer.WriteEndObject();
        });
    }
}
