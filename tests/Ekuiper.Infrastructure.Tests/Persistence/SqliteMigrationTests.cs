using Ekuiper.Infrastructure.Persistence;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Migrations;
using Microsoft.Extensions.DependencyInjection;

namespace Ekuiper.Infrastructure.Tests.Persistence;

/// <summary>
/// The start migrates both SQLite files (StoreSetup.MigrateStoresAsync): it skips EF's migrator when a file already
/// has every migration, and must still migrate a file an earlier version left behind, and a new one.
/// </summary>
public sealed class SqliteMigrationTests : DataDirectoryTest
{
    [Test]
    public async Task A_new_store_an_older_one_and_an_up_to_date_one_all_end_with_every_migration()
    {
        await using var services = Services();

        // An older version's files: only the first migration of each store applied.
        await using (var scope = services.CreateAsyncScope())
        {
            foreach (var store in new DbContext[] { Definitions(scope), Tasks(scope) })
            {
                var first = store.Database.GetMigrations().First();
                await store.GetService<IMigrator>().MigrateAsync(first);
                Assert.That(await store.Database.GetPendingMigrationsAsync(), Is.Not.Empty);
            }
        }

        for (var start = 0; start < 2; start++) // the second start finds everything applied and skips the migrator
        {
            await using var scope = services.CreateAsyncScope();
            await StoreSetup.MigrateStoresAsync(scope.ServiceProvider, CancellationToken.None);
            Assert.That(await Definitions(scope).Database.GetPendingMigrationsAsync(), Is.Empty, $"start {start}");
            Assert.That(await Tasks(scope).Database.GetPendingMigrationsAsync(), Is.Empty, $"start {start}");
            Assert.That(await Definitions(scope).Rules.CountAsync(), Is.Zero, "the schema answers");
        }
    }

    [Test]
    public async Task A_new_data_directory_is_migrated()
    {
        await using var services = Services();
        await using var scope = services.CreateAsyncScope();
        await StoreSetup.MigrateStoresAsync(scope.ServiceProvider, CancellationToken.None);
        Assert.That(await Definitions(scope).Database.GetPendingMigrationsAsync(), Is.Empty);
        Assert.That(await Tasks(scope).AsyncTasks.CountAsync(), Is.Zero);
    }

    [Test]
    public async Task The_migrations_the_start_looks_for_without_EF_are_EFs_own()
    {
        await using var services = Services();
        await using var scope = services.CreateAsyncScope();

        // An up-to-date file is recognised from these ids alone: one missing here would skip a migration the file lacks.
        Assert.That(StoreSetup.MigrationIds(typeof(EkuiperDbContext)), Is.EqualTo(Definitions(scope).Database.GetMigrations().ToList()));
        Assert.That(StoreSetup.MigrationIds(typeof(TaskStoreDbContext)), Is.EqualTo(Tasks(scope).Database.GetMigrations().ToList()));
        Assert.That(StoreSetup.MigrationIds(typeof(TaskStoreDbContext)), Is.Not.Empty);
    }

    private static EkuiperDbContext Definitions(AsyncServiceScope scope) => scope.ServiceProvider.GetRequiredService<EkuiperDbContext>();

    private static TaskStoreDbContext Tasks(AsyncServiceScope scope) => scope.ServiceProvider.GetRequiredService<TaskStoreDbContext>();
}
