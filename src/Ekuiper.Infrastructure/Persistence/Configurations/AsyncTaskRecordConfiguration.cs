using Ekuiper.Domain.Definitions;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using Microsoft.EntityFrameworkCore.Storage.ValueConversion;

namespace Ekuiper.Infrastructure.Persistence.Configurations;

public sealed class AsyncTaskRecordConfiguration : IEntityTypeConfiguration<AsyncTaskRecord>
{
    private static readonly ValueConverter<DateTimeOffset, long> UnixMilliseconds =
        new(v => v.ToUnixTimeMilliseconds(), v => DateTimeOffset.FromUnixTimeMilliseconds(v));

    public void Configure(EntityTypeBuilder<AsyncTaskRecord> builder)
    {
        builder.ToTable("AsyncTasks");
        builder.HasKey(t => t.Id);
        builder.Property(t => t.Status).IsRequired();
        builder.Property(t => t.Message).IsRequired();
        builder.Property(t => t.RequestJson).IsRequired();
        // Stored as unix milliseconds so that "newest first" is a plain integer ORDER BY in SQLite.
        builder.Property(t => t.CreatedAt).HasConversion(UnixMilliseconds);
        builder.Property(t => t.UpdatedAt).HasConversion(UnixMilliseconds);
        // The same converter serves the nullable lease: EF leaves nulls as they are.
        builder.Property(t => t.LeaseExpiresAt).HasConversion(UnixMilliseconds);
        builder.HasIndex(t => t.CreatedAt);
        // The lease checks look at running tasks only.
        builder.HasIndex(t => new { t.Status, t.LeaseExpiresAt });
    }
}
