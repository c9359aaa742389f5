using Ekuiper.Application.Common.Interfaces;
using Ekuiper.Domain.Definitions;
using Ekuiper.Infrastructure.Persistence;
using Ekuiper.Testing;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Ekuiper.Infrastructure.Tests.Persistence;

/// <summary>
/// A list a query tests membership in is one parameter on both stores as the server registers them (decision 92): the
/// query's SQL is the same whatever the list's length, and it finds exactly the listed rows.
/// </summary>
[TestFixture("Sqlite")]
[TestFixture("PostgreSql")]
public sealed class CollectionParameterTests(string provider) : DataDirectoryTest
{
    [Test]
    public async Task A_list_of_any_length_is_one_parameter_and_finds_exactly_its_rows()
    {
        var settings = new Dictionary<string, string?>();
        if (provider == "PostgreSql")
        {
            PostgresCluster.RequireInstalled();
            settings["Ekuiper:Store:Provider"] = "PostgreSql";
            settings["ConnectionStrings:Ekuiper"] = await (await PostgresCluster.SharedAsync()).CreateDatabaseAsync();
        }
        await using var services = Services(settings);
        await using var scope = services.CreateAsyncScope();
        await StoreSetup.MigrateStoresAsync(scope.ServiceProvider, CancellationToken.None);
        var db = scope.ServiceProvider.GetRequiredService<IEkuiperDbContext>();
        db.Rules.AddRange(new[] { "a", "b", "c", "d" }.Select(id => new RuleDefinition { Id = id, Json = $"{{\"id\":\"{id}\"}}" }));
        await db.SaveChangesAsync(CancellationToken.None);
        db.ClearTracked();

        IQueryable<string> Listed(List<string> ids) => db.Rules.Where(r => ids.Contains(r.Id)).OrderBy(r => r.Id).Select(r => r.Id);

        var sql = new[] { 1, 2, 5, 40 }
            .Select(length => WithoutParameterValues(Listed(Enumerable.Range(0, length).Select(i => "x" + i).ToList()).ToQueryString()))
            .Distinct().ToList();
        Assert.That(sql, Has.Count.EqualTo(1), string.Join("\n----\n", sql));
        Assert.That(sql[0], provider == "PostgreSql" ? Does.Contain("= ANY (") : Does.Contain("json_each("));

        Assert.That(await Listed([]).ToListAsync(), Is.Empty);
        Assert.That(await Listed(["c"]).ToListAsync(), Is.EqualTo(new[] { "c" }));
        Assert.That(await Listed(["d", "nosuch", "a", "a"]).ToListAsync(), Is.EqualTo(new[] { "a", "d" }));
    }

    /// <summary>The SQL of <c>ToQueryString</c> without the lines that declare the parameters' values.</summary>
    private static string WithoutParameterValues(string queryString) => string.Join('\n',
        queryString.Split('\n').Where(line => !line.StartsWith("--", StringComparison.Ordinal) && !line.StartsWith(".param", StringComparison.Ordinal)));
}
