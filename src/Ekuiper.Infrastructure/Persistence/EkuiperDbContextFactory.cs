using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Design;

namespace Ekuiper.Infrastructure.Persistence;

/// <summary>Lets `dotnet ef migrations add` build the context without starting the web host.</summary>
public sealed class EkuiperDbContextFactory : IDesignTimeDbContextFactory<EkuiperDbContext>
{
    public EkuiperDbContext CreateDbContext(string[] args) =>
        new(new DbContextOptionsBuilder<EkuiperDbContext>().UseSqlite("Data Source=design-time.db").Options);
}
