using Ekuiper.Domain.Definitions;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Ekuiper.Infrastructure.Persistence.Configurations;

public sealed class AsyncTaskRecordConfiguration : IEntityTypeConfiguration<AsyncTaskRecord>
{
    public void Configure(EntityTypeBuilder<AsyncTaskRecord> builder)
    {
        builder.ToTable("AsyncTasks");
        builder.HasKey(t => t.Id);
        builder.Property(t => t.Status).IsRequired();
        builder.Property(t => t.Message).IsRequired();
        builder.Property(t => t.RequestJson).IsRequired();
        // Stored as unix milliseconds so that "newest first" is a plain integer ORDER BY in SQLite.
        builder.Property(t => t.CreatedAt).HasConversion(v => v.ToUnixTimeMilliseconds(), v => DateTimeOffset.FromUnixTimeMilliseconds(v));
        builder.Property(t => t.UpdatedAt).HasConversion(v => v.ToUnixTimeMilliseconds(), v => DateTimeOffset.FromUnixTimeMilliseconds(v));
        builder.HasIndex(t => t.CreatedAt);
    }
}
