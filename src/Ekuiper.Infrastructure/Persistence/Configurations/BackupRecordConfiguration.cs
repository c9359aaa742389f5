using Ekuiper.Domain.Definitions;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Ekuiper.Infrastructure.Persistence.Configurations;

public sealed class BackupRecordConfiguration : IEntityTypeConfiguration<BackupRecord>
{
    public void Configure(EntityTypeBuilder<BackupRecord> builder)
    {
        builder.ToTable("Backups");
        builder.HasKey(b => b.Id);
        builder.Property(b => b.Reason).IsRequired();
        builder.Property(b => b.CountsJson).IsRequired();
        builder.Property(b => b.Content).IsRequired();
        builder.Property(b => b.CreatedAt).HasConversion(v => v.ToUnixTimeMilliseconds(), v => DateTimeOffset.FromUnixTimeMilliseconds(v));
        builder.HasIndex(b => b.CreatedAt);
    }
}
